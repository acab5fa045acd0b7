// The `reconcile` function (a CloudEvent from Cloud Scheduler through Pub/Sub): every registered
// spreadsheet's record tabs are re-read through the Sheets API and run through the same validation
// and mirror as `sync`, which repairs what missed triggers left (missing rows created, stale ones
// updated, rows gone from the sheet tombstoned), each repair audited in `changes/` by "reconcile".
// The summary tabs are rewritten when anything was repaired; nothing to repair costs no write. The
// run paces its Sheets calls under the per-minute quotas, and a spreadsheet it cannot read (not
// shared, deleted) is reported, in Thai and English, while the others carry on.
import { z } from "zod";
import type { MirrorInput, MirrorResult } from "../adapters/firestore/mirror.ts";
import type { Logger } from "../adapters/log/logger.ts";
import type { RecordTabs } from "../adapters/sheets/read-record-tabs.ts";
import { isAppError } from "../app-error.ts";
import { emptyCounts, type SyncCounts } from "../domain/sync-plan.ts";
import { matchTabName, type RecordTab, TAB_SPECS } from "../domain/tabs.ts";
import { validateWorkbook } from "../domain/validate-workbook.ts";
import { ERROR_CODES } from "../error-codes.ts";
import { type RebuildSummariesPorts, rebuildSummaries } from "./rebuild-summaries.ts";

/** The Pub/Sub message's JSON (optional): which spreadsheets; every registered one by default. */
export const ReconcileMessageSchema = z.object({
  spreadsheetIds: z.array(z.string().min(1).max(200)).max(1000).optional(),
});
export type ReconcileMessage = z.infer<typeof ReconcileMessageSchema>;

export const RECONCILE_ACTOR = "reconcile";

export interface ReconcilePorts {
  /** Every registered spreadsheet. */
  listSources(): Promise<string[]>;
  /** A spreadsheet's record tabs, read through the Sheets API (paced, retried). */
  readSpreadsheet(spreadsheetId: string): Promise<RecordTabs>;
  mirror(input: MirrorInput): Promise<MirrorResult>;
  /** The summary tabs rewritten when something was repaired. */
  summaries: RebuildSummariesPorts;
  now(): Date;
  /** Time gone by in this run (on the run's clock). */
  elapsedMs(): number;
  /** No spreadsheet is started after this long (default 480 s of the function's 540 s timeout). */
  budgetMs?: number;
  log: Logger;
}

/** The function's timeout is 540 s; what is left after the budget finishes the spreadsheet under way. */
export const RECONCILE_BUDGET_MS = 480_000;

export interface SourceReconciliation {
  spreadsheetId: string;
  /** The record tabs found and re-read. */
  tabs: string[];
  counts: SyncCounts;
  /** Firestore documents written (0 when nothing needed repair). */
  writes: number;
  summariesRewritten: boolean;
  /** Tabs left alone because they cannot be read as a whole (no header, a column missing, two of one kind). */
  skipped: { tab: string; invalidRows: number[] }[];
  /** Invalid rows whose stored records were kept as they were (fix them in the sheet; sync shows why). */
  kept: { tab: string; rows: number[] }[];
  /** Set when this spreadsheet could not be reconciled (the others still are). */
  error?: { code: string; message: string };
}

export interface ReconcileResult {
  requestId: string;
  sources: SourceReconciliation[];
  repaired: number;
}

const bangkokToday = (now: Date) => new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
async function reconcileOne(ports: ReconcilePorts, spreadsheetId: string, requestId: string) {
  const { titles, workbook: wb } = await ports.readSpreadsheet(spreadsheetId);
  const result: SourceReconciliation = {
    spreadsheetId,
    tabs: titles,
    counts: emptyCounts(),
    writes: 0,
    summariesRewritten: false,
    skipped: [],
    kept: [],
  };
  if (titles.length === 0) return result;
  const now = ports.now();
  const validation = validateWorkbook(wb, { today: bangkokToday(now) });
  const tabs = [...new Set(titles.map((t) => matchTabName(t)!.tab))] as RecordTab[];
  // As on every path (docs/architecture.md, "The sync"): an invalid row keeps its stored record (the
  // mirror's rule), the valid rows are repaired, and a tab that cannot be read as a whole (no header,
  // a required column missing, two sheets of its kind) is left alone. Attendees and agenda live
  // inside meetings: such a tab holds the meetings back too.
  const invalidRows = (t: RecordTab) => validation[t].filter((r) => !r.valid).map((r) => r.row);
  const unreadable = new Set(tabs.filter((t) => validation.layouts[t] === undefined));
  if (unreadable.has("attendees") || unreadable.has("agenda")) unreadable.add("meetings");
  for (const t of tabs) {
    if (unreadable.has(t)) result.skipped.push({ tab: TAB_SPECS[t].th, invalidRows: invalidRows(t) });
    else if (invalidRows(t).length > 0) result.kept.push({ tab: TAB_SPECS[t].th, rows: invalidRows(t) });
  }
  const readable = tabs.filter((t) => !unreadable.has(t));
  if (readable.length === 0) {
    ports.log.info("reconcile: source compared", {
      spreadsheetId,
      skipped: result.skipped,
      kept: result.kept,
    });
    return result;
  }
  const mirrored = await ports.mirror({
    spreadsheetId,
    validation,
    read: readable,
    actor: RECONCILE_ACTOR,
    requestId,
    now,
  });
  result.counts = mirrored.counts;
  result.writes = mirrored.writes;
  const repaired =
    mirrored.counts.created + mirrored.counts.updated + mirrored.counts.restored + mirrored.counts.deleted;
  ports.log.info("reconcile: source compared", {
    spreadsheetId,
    counts: mirrored.counts,
    skipped: result.skipped,
    kept: result.kept,
  });
  if (repaired > 0) {
    await rebuildSummaries(ports.summaries, { spreadsheetId });
    result.summariesRewritten = true;
  }
  return result;
}

const failed = (spreadsheetId: string, error: { code: string; message: string }): SourceReconciliation => ({
  spreadsheetId,
  tabs: [],
  counts: emptyCounts(),
  writes: 0,
  summariesRewritten: false,
  skipped: [],
  kept: [],
  error,
});

export async function reconcile(
  ports: ReconcilePorts,
  message: ReconcileMessage,
  requestId: string,
): Promise<ReconcileResult> {
  const log = ports.log;
  const ids = message.spreadsheetIds ?? (await ports.listSources());
  const sources: SourceReconciliation[] = [];
  // One spreadsheet at a time, paced: the Sheets quotas are per minute, and a scheduled run has time.
  for (const spreadsheetId of ids) {
    if (ports.elapsedMs() > (ports.budgetMs ?? RECONCILE_BUDGET_MS)) {
      sources.push(
        failed(spreadsheetId, {
          code: "RECONCILE_OUT_OF_TIME",
          message: `${ERROR_CODES.RECONCILE_OUT_OF_TIME.th} / ${ERROR_CODES.RECONCILE_OUT_OF_TIME.en}`,
        }),
      );
      continue;
    }
    try {
      sources.push(await reconcileOne(ports, spreadsheetId, requestId));
    } catch (e) {
      // A spreadsheet deleted or unshared stays reported here; the others are still reconciled.
      if (!isAppError(e)) throw e;
      log.error("reconcile: source failed", { spreadsheetId, code: e.code, error: e.message });
      sources.push(failed(spreadsheetId, { code: e.code, message: e.message }));
    }
  }
  const repaired = sources.reduce(
    (n, s) => n + s.counts.created + s.counts.updated + s.counts.restored + s.counts.deleted,
    0,
  );
  return { requestId, sources, repaired };
}
