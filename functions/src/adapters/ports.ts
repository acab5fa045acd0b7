// The ports of the handlers that need Firestore and the Sheets API together (rebuildSummaries,
// reconcile), built from the adapters, so the handlers import neither SDK: `functions.ts`, the `kbo`
// commands and the tests wire them the same way.
import type { Firestore } from "@google-cloud/firestore";
import type { SummaryTable } from "../domain/summaries-tables.ts";
import type { RebuildSummariesPorts } from "../handlers/rebuild-summaries.ts";
import type { ReconcilePorts } from "../handlers/reconcile.ts";
import { mirror } from "./firestore/mirror.ts";
import { readSummaries } from "./firestore/read-summaries.ts";
import { listSources } from "./firestore/sources.ts";
import type { Logger } from "./log/logger.ts";
import { type Clock, type QuotaPacer, quotaPacer, systemClock } from "./sheets/quota-pacer.ts";
import { readRecordTabs } from "./sheets/read-record-tabs.ts";
import type { RetryPolicy, SheetsApi } from "./sheets/sheets-client.ts";
import { writeSummaryTabs } from "./sheets/write-summary-tabs.ts";

export interface SheetsWiring {
  db: Firestore;
  sheets: SheetsApi;
  log: Logger;
  retry?: RetryPolicy;
  /** Keeps the Sheets calls under the per-minute quotas. */
  pacer?: QuotaPacer;
  /** Named in the message when a spreadsheet is not shared with it. */
  serviceAccount?: string;
}

export function rebuildSummariesPorts(w: SheetsWiring): RebuildSummariesPorts {
  return {
    readSummaries: (options) => readSummaries(w.db, options),
    writeSummaryTabs: (spreadsheetId: string, tables: SummaryTable[]) =>
      writeSummaryTabs(w.sheets, spreadsheetId, tables, {
        retry: w.retry,
        pacer: w.pacer,
        serviceAccount: w.serviceAccount,
      }),
    log: w.log,
  };
}

/**
 * A reconcile run's ports: one quota pacer for the whole run, and the Sheets backoff waiting on the
 * run's clock (tests pass one that runs instantly).
 */
export function reconcilePorts(
  w: SheetsWiring & { now: () => Date; clock?: Clock; budgetMs?: number },
): ReconcilePorts {
  const clock = w.clock ?? systemClock;
  const run: SheetsWiring = {
    ...w,
    pacer: w.pacer ?? quotaPacer({ clock }),
    retry: { sleep: clock.sleep, ...w.retry },
  };
  return {
    listSources: () => listSources(w.db),
    readSpreadsheet: (spreadsheetId) =>
      readRecordTabs(run.sheets, spreadsheetId, {
        retry: run.retry,
        pacer: run.pacer,
        serviceAccount: run.serviceAccount,
      }),
    mirror: (input) => mirror(w.db, input),
    summaries: rebuildSummariesPorts(run),
    now: w.now,
    elapsedMs: (() => {
      const started = clock.now();
      return () => clock.now() - started;
    })(),
    ...(w.budgetMs === undefined ? {} : { budgetMs: w.budgetMs }),
    log: w.log,
  };
}
