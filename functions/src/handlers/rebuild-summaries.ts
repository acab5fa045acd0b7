// The `rebuildSummaries` function: body `{spreadsheetId}` → the spreadsheet's summary tabs
// (สรุปตามประเภท, สรุปตามอำเภอ, สรุปการประชุม) rewritten through the Sheets API from Firestore, in two
// API calls. `allSources: true` summarises every source (the province view) into that spreadsheet.
import type { Firestore } from "@google-cloud/firestore";
import { readSummaries } from "../adapters/firestore/read-summaries.ts";
import { type Logger, silentLogger } from "../adapters/log/logger.ts";
import type { QuotaPacer } from "../adapters/sheets/quota-pacer.ts";
import type { RetryPolicy, SheetsApi } from "../adapters/sheets/sheets-client.ts";
import { writeSummaryTabs } from "../adapters/sheets/write-summary-tabs.ts";
import { buildSummaryTables } from "../domain/summaries-tables.ts";

import type { RebuildSummariesBody } from "./wire.ts";

export { type RebuildSummariesBody, RebuildSummariesBodySchema } from "./wire.ts";

export interface RebuildSummariesDeps {
  db: Firestore;
  sheets: SheetsApi;
  retry?: RetryPolicy;
  log?: Logger;
  /** Keeps the calls under the per-minute quotas. */
  pacer?: QuotaPacer;
  /** Named in the message when the spreadsheet is not shared with it. */
  serviceAccount?: string;
}

export interface RebuildSummariesResponse {
  spreadsheetId: string;
  tabs: { created: string[]; updated: string[] };
  products: number;
  revenue: number;
  meetings: number;
  years: number[];
  apiCalls: number;
}

export async function rebuildSummaries(
  deps: RebuildSummariesDeps,
  body: RebuildSummariesBody,
): Promise<RebuildSummariesResponse> {
  const { summaries } = await readSummaries(deps.db, {
    spreadsheetId: body.allSources ? undefined : body.spreadsheetId,
    basis: body.basis,
  });
  const log = deps.log ?? silentLogger;
  log.info("rebuildSummaries: read from Firestore", {
    spreadsheetId: body.spreadsheetId,
    products: summaries.byCategory.total.products,
  });
  const written = await writeSummaryTabs(deps.sheets, body.spreadsheetId, buildSummaryTables(summaries), {
    retry: deps.retry,
    pacer: deps.pacer,
    serviceAccount: deps.serviceAccount,
  });
  log.info("rebuildSummaries: tabs written", { created: written.created, updated: written.updated });
  return {
    spreadsheetId: body.spreadsheetId,
    tabs: { created: written.created, updated: written.updated },
    products: summaries.byCategory.total.products,
    revenue: summaries.byCategory.total.revenueSatang / 100,
    meetings: summaries.meetings.length,
    years: summaries.years,
    apiCalls: written.apiCalls,
  };
}
