// The `sync` function: one tab's rows from a spreadsheet (header + rows) are validated, the valid
// ones mirrored into Firestore, and each row's outcome returned (id, action, ผลการตรวจสอบ text).
// A replayed requestId gets the first answer back and changes nothing.
import type { Firestore } from "@google-cloud/firestore";
import { fromDocument } from "../adapters/firestore/converters.ts";
import { mirrorWorkbook } from "../adapters/firestore/mirror-workbook.ts";
import { findAnswer, recordAnswer } from "../adapters/firestore/requests.ts";
import { registerSource } from "../adapters/firestore/sources.ts";
import { type Logger, silentLogger } from "../adapters/log/logger.ts";
import { AppError } from "../app-error.ts";
import { isBlank } from "../domain/clean-text.ts";
import { canonicalJson, contentHash } from "../domain/content-hash.ts";
import type { Issue } from "../domain/issues.ts";
import { fromWireCell, type RawWorkbook } from "../domain/raw-workbook.ts";
import { checkCellText, type MeetingRecord, type SyncAction, type SyncCounts } from "../domain/sync-plan.ts";
import { matchTab, type RecordTab, TAB_SPECS } from "../domain/tabs.ts";
import { bangkokDate } from "../domain/thai-date.ts";
import { validateWorkbook } from "../domain/validate-workbook.ts";
import type { Caller } from "./auth.ts";
import type { SyncBody } from "./bodies.ts";

export { type SyncBody, SyncBodySchema } from "./bodies.ts";

export interface SyncRowResult {
  row: number;
  id?: string;
  action: SyncAction;
  /** The text for the row's ผลการตรวจสอบ cell. */
  check: string;
  issues: Issue[];
}

export interface SyncResponse {
  requestId: string;
  spreadsheetId: string;
  tab: RecordTab;
  counts: SyncCounts;
  rows: SyncRowResult[];
  deleted: string[];
  /** Problems of the tab itself (headers missing, duplicated or not found), not of one row. */
  issues: Issue[];
}

export interface SyncDeps {
  db: Firestore;
  now: () => Date;
  /** The request's logger (its entries carry the requestId). */
  log?: Logger;
}

function toWorkbook(body: SyncBody): RawWorkbook {
  const first = body.rows.reduce((m, r) => Math.min(m, r.row), Number.POSITIVE_INFINITY);
  const headerRow = Number.isFinite(first) ? first - 1 : 1;
  return {
    sheets: [
      {
        name: body.tab,
        rows: [
          { row: headerRow, cells: body.header.map(fromWireCell) },
          ...body.rows.map((r) => ({ row: r.row, cells: r.values.map(fromWireCell) })),
        ],
      },
    ],
  };
}

/** For an attendees or agenda tab: this spreadsheet's live meetings, as workbook rows to re-mirror. */
async function storedMeetings(db: Firestore, spreadsheetId: string) {
  const snap = await db.collection("meetings").where("source.spreadsheetId", "==", spreadsheetId).get();
  return snap.docs
    .map((d) => ({ data: d.data(), record: fromDocument<MeetingRecord>("meetings", d.data()) }))
    .filter((m) => !m.record.deleted);
}

export async function sync(deps: SyncDeps, body: SyncBody, caller: Caller): Promise<SyncResponse> {
  const tab = matchTab(body.tab);
  if (!tab) throw new AppError("UNSUPPORTED_TAB", `ไม่รู้จักแท็บ "${body.tab}" / unknown tab "${body.tab}"`);
  const bodyHash = contentHash({ body: canonicalJson(body) });
  const log = deps.log ?? silentLogger;
  const earlier = await findAnswer<SyncResponse>(deps.db, body.requestId, bodyHash);
  if (earlier) {
    log.info("sync: replayed request answered from the replay guard", { spreadsheetId: body.spreadsheetId });
    return earlier;
  }

  const now = deps.now();
  const wb = toWorkbook(body);
  const detailsTab = tab === "attendees" || tab === "agenda";
  const meetings = detailsTab ? await storedMeetings(deps.db, body.spreadsheetId) : [];
  const validation = validateWorkbook(wb, {
    today: bangkokDate(now),
    knownMeetings: meetings.map((m) => m.record.number),
  });
  if (detailsTab) {
    // Attendees and agenda live inside their meetings: re-mirror every meeting of this spreadsheet
    // with this tab's rows in place of the stored ones (unchanged meetings cost no write).
    validation.meetings = meetings.map((m) => {
      const { id, deleted: _d, attendees: _a, agenda: _g, ...meeting } = m.record;
      return {
        tab: "meetings" as const,
        row: (m.data.source as { row: number }).row,
        valid: true,
        record: { ...meeting, id },
        issues: [],
      };
    });
    const other = tab === "attendees" ? "agenda" : "attendees";
    validation[other] = meetings.flatMap((m) =>
      (m.record[other] as never[]).map((record) => ({ tab: other, row: 0, valid: true, record, issues: [] })),
    );
    validation.layouts.meetings = { sheetName: "การประชุม", headerRow: 1, columns: {} };
  }
  log.info("sync: validated", { spreadsheetId: body.spreadsheetId, tab, stats: validation.tabs });
  // Registered for `reconcile`, which re-reads every source for what missed triggers left.
  await registerSource(deps.db, body.spreadsheetId, caller.email, now);
  const result = await mirrorWorkbook(deps.db, {
    spreadsheetId: body.spreadsheetId,
    validation,
    tabs: detailsTab ? ["meetings", tab] : [tab],
    actor: caller.email,
    requestId: body.requestId,
    now,
  });
  // A header problem (a required column missing, no header row) spoils rows without any issue of
  // their own: each such row carries the tab's issues, so its ผลการตรวจสอบ cell says why.
  const ownIssues = new Set(validation[tab].flatMap((r) => r.issues));
  const tabIssues = validation.issues.filter((i) => !ownIssues.has(i) && i.tab === TAB_SPECS[tab].th);
  const tabErrors = tabIssues.filter((i) => i.severity === "error");
  const explained = (action: SyncAction, issues: Issue[]) =>
    action === "invalid" && !issues.some((i) => i.severity === "error") ? [...issues, ...tabErrors] : issues;
  log.info("sync: mirrored", { counts: result.counts, writes: result.writes });
  const rows = result.rows
    .filter((r) => r.tab === tab)
    .map((r) => {
      const issues = explained(r.action, r.issues);
      return {
        row: r.row,
        ...(r.id ? { id: r.id } : {}),
        action: r.action,
        check: checkCellText(r.action !== "invalid", issues),
        issues,
      };
    });
  if (tabErrors.length > 0) {
    // Without a usable header no row was read at all: every non-blank row is answered as refused.
    const answered = new Set(rows.map((r) => r.row));
    for (const r of body.rows) {
      if (answered.has(r.row) || r.values.every((v) => isBlank(fromWireCell(v)))) continue;
      rows.push({ row: r.row, action: "invalid", check: checkCellText(false, tabErrors), issues: tabErrors });
    }
    rows.sort((a, b) => a.row - b.row);
  }
  const counts = { ...result.counts };
  if (detailsTab) {
    for (const k of Object.keys(counts) as SyncAction[])
      counts[k] = rows.filter((r) => r.action === k).length;
  }
  const response: SyncResponse = {
    requestId: body.requestId,
    spreadsheetId: body.spreadsheetId,
    tab,
    counts,
    rows,
    deleted: tab === "products" || tab === "meetings" ? result.deleted[tab] : [],
    issues: tabIssues,
  };
  return recordAnswer(deps.db, body.requestId, { bodyHash, response, caller: caller.email, at: now });
}
