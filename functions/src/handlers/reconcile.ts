// The `reconcile` function (a CloudEvent from Cloud Scheduler through Pub/Sub): every registered
// spreadsheet's record tabs are re-read through the Sheets API and run through the same validation
// and mirror as `sync`, which repairs what missed triggers left (missing rows created, stale ones
// updated, rows gone from the sheet tombstoned), each repair audited in `changes/` by "reconcile".
// The summary tabs are rewritten when anything was repaired; nothing to repair costs no write.
import type { Firestore } from "@google-cloud/firestore";
import { z } from "zod";
import { mirrorWorkbook } from "../adapters/firestore/mirror-workbook.ts";
import { listSources } from "../adapters/firestore/sources.ts";
import { type Logger, silentLogger } from "../adapters/log/logger.ts";
import { callSheets, type RetryPolicy, type SheetsApi } from "../adapters/sheets/sheets-client.ts";
import { isAppError } from "../app-error.ts";
import type { RawCell, RawWorkbook } from "../domain/raw-workbook.ts";
import { emptyCounts, type SyncCounts } from "../domain/sync-plan.ts";
import { matchTab, type RecordTab, TAB_SPECS } from "../domain/tabs.ts";
import { validateWorkbook } from "../domain/validate-workbook.ts";
import { rebuildSummaries } from "./rebuild-summaries.ts";

/** The Pub/Sub message's JSON (optional): which spreadsheets; every registered one by default. */
export const ReconcileMessageSchema = z.object({
  spreadsheetIds: z.array(z.string().min(1).max(200)).max(1000).optional(),
});
export type ReconcileMessage = z.infer<typeof ReconcileMessageSchema>;

export const RECONCILE_ACTOR = "reconcile";

export interface ReconcileDeps {
  db: Firestore;
  sheets: SheetsApi;
  now: () => Date;
  retry?: RetryPolicy;
  log?: Logger;
}

export interface SourceReconciliation {
  spreadsheetId: string;
  /** The record tabs found and re-read. */
  tabs: string[];
  counts: SyncCounts;
  /** Firestore documents written (0 when nothing needed repair). */
  writes: number;
  summariesRewritten: boolean;
  /** Tabs left alone because some of their rows are invalid (fix them in the sheet; sync shows why). */
  skipped: { tab: string; invalidRows: number[] }[];
  /** Set when this spreadsheet could not be reconciled (the others still are). */
  error?: { code: string; message: string };
}

export interface ReconcileResult {
  requestId: string;
  sources: SourceReconciliation[];
  repaired: number;
}

const bangkokToday = (now: Date) => new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
const quoted = (title: string) => `'${title.replace(/'/g, "''")}'`;

/** The record tabs of one spreadsheet as the workbook the domain validates (formatted as staff see them). */
async function readRecordTabs(deps: ReconcileDeps, spreadsheetId: string) {
  const meta = await callSheets(
    "spreadsheets.get",
    () => deps.sheets.spreadsheets.get({ spreadsheetId, fields: "sheets.properties.title" }),
    deps.retry,
  );
  const titles = (meta.data.sheets ?? [])
    .map((s) => s.properties?.title ?? "")
    .filter((t) => matchTab(t) !== undefined);
  if (titles.length === 0) return { titles, wb: { sheets: [] } as RawWorkbook };
  const values = await callSheets(
    "values.batchGet",
    () =>
      deps.sheets.spreadsheets.values.batchGet({
        spreadsheetId,
        ranges: titles.map(quoted),
        valueRenderOption: "FORMATTED_VALUE",
        majorDimension: "ROWS",
      }),
    deps.retry,
  );
  const ranges = values.data.valueRanges ?? [];
  const wb: RawWorkbook = {
    sheets: titles.map((name, i) => ({
      name,
      rows: (ranges[i]?.values ?? []).map((cells, r) => ({
        row: r + 1,
        cells: (cells as unknown[]).map((c) => (c === "" || c === undefined ? null : (c as RawCell))),
      })),
    })),
  };
  return { titles, wb };
}

async function reconcileOne(deps: ReconcileDeps, spreadsheetId: string, requestId: string) {
  const { titles, wb } = await readRecordTabs(deps, spreadsheetId);
  const result: SourceReconciliation = {
    spreadsheetId,
    tabs: titles,
    counts: emptyCounts(),
    writes: 0,
    summariesRewritten: false,
    skipped: [],
  };
  if (titles.length === 0) return result;
  const now = deps.now();
  const validation = validateWorkbook(wb, { today: bangkokToday(now) });
  const tabs = [...new Set(titles.map((t) => matchTab(t)!))] as RecordTab[];
  // A tab whose header cannot be read, or with a row that does not validate (a typo, or a sheet
  // locale showing dates another way), is left alone: its rows' records must never be tombstoned
  // because reconcile could not read them. Attendees and agenda live inside meetings: a bad row there
  // holds the meetings back too.
  const invalidRows = (t: RecordTab) => validation[t].filter((r) => !r.valid).map((r) => r.row);
  const unreadable = new Set(
    tabs.filter((t) => validation.layouts[t] === undefined || invalidRows(t).length > 0),
  );
  if (unreadable.has("attendees") || unreadable.has("agenda")) unreadable.add("meetings");
  for (const t of unreadable) {
    if (tabs.includes(t)) result.skipped.push({ tab: TAB_SPECS[t].th, invalidRows: invalidRows(t) });
  }
  const readable = tabs.filter((t) => !unreadable.has(t));
  if (readable.length === 0) {
    (deps.log ?? silentLogger).info("reconcile: source compared", { spreadsheetId, skipped: result.skipped });
    return result;
  }
  const mirrored = await mirrorWorkbook(deps.db, {
    spreadsheetId,
    validation,
    tabs: readable,
    actor: RECONCILE_ACTOR,
    requestId,
    now,
  });
  result.counts = mirrored.counts;
  result.writes = mirrored.writes;
  const repaired =
    mirrored.counts.created + mirrored.counts.updated + mirrored.counts.restored + mirrored.counts.deleted;
  (deps.log ?? silentLogger).info("reconcile: source compared", {
    spreadsheetId,
    counts: mirrored.counts,
    skipped: result.skipped,
  });
  if (repaired > 0) {
    await rebuildSummaries(
      { db: deps.db, sheets: deps.sheets, retry: deps.retry, log: deps.log },
      { spreadsheetId },
    );
    result.summariesRewritten = true;
  }
  return result;
}

export async function reconcile(
  deps: ReconcileDeps,
  message: ReconcileMessage,
  requestId: string,
): Promise<ReconcileResult> {
  const ids = message.spreadsheetIds ?? (await listSources(deps.db));
  const sources: SourceReconciliation[] = [];
  // One spreadsheet at a time: a scheduled run has time, and the Sheets read quota is per minute.
  for (const spreadsheetId of ids) {
    try {
      sources.push(await reconcileOne(deps, spreadsheetId, requestId));
    } catch (e) {
      // A spreadsheet deleted or unshared stays reported here; the others are still reconciled.
      if (!isAppError(e)) throw e;
      (deps.log ?? silentLogger).error("reconcile: source failed", {
        spreadsheetId,
        code: e.code,
        error: e.message,
      });
      sources.push({
        spreadsheetId,
        tabs: [],
        counts: emptyCounts(),
        writes: 0,
        summariesRewritten: false,
        skipped: [],
        error: { code: e.code, message: e.message },
      });
    }
  }
  const repaired = sources.reduce(
    (n, s) => n + s.counts.created + s.counts.updated + s.counts.restored + s.counts.deleted,
    0,
  );
  return { requestId, sources, repaired };
}
