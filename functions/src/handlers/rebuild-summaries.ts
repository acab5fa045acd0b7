// The `rebuildSummaries` function: body `{spreadsheetId}` → the spreadsheet's summary tabs
// (สรุปตามประเภท, สรุปตามอำเภอ, สรุปการประชุม) rewritten through the Sheets API from Firestore, in two
// API calls. `allSources: true` summarises every source (the province view) into that spreadsheet.

import type { Logger } from "../adapters/log/logger.ts";
import type { WriteSummaryTabsResult } from "../adapters/sheets/write-summary-tabs.ts";
import type { Summaries, YearBasis } from "../domain/summaries.ts";
import { buildSummaryTables, type SummaryTable } from "../domain/summaries-tables.ts";

import type { RebuildSummariesBody, RebuildSummariesResponse } from "./wire.ts";

export {
  type RebuildSummariesBody,
  RebuildSummariesBodySchema,
  type RebuildSummariesResponse,
} from "./wire.ts";

export interface RebuildSummariesPorts {
  /** One source's summaries, or every source's when `spreadsheetId` is left out. */
  readSummaries(options: { spreadsheetId?: string; basis?: YearBasis }): Promise<{ summaries: Summaries }>;
  writeSummaryTabs(spreadsheetId: string, tables: SummaryTable[]): Promise<WriteSummaryTabsResult>;
  log: Logger;
}

export async function rebuildSummaries(
  ports: RebuildSummariesPorts,
  body: RebuildSummariesBody,
): Promise<RebuildSummariesResponse> {
  const { summaries } = await ports.readSummaries({
    spreadsheetId: body.allSources ? undefined : body.spreadsheetId,
    basis: body.basis,
  });
  const log = ports.log;
  log.info("rebuildSummaries: read from Firestore", {
    spreadsheetId: body.spreadsheetId,
    products: summaries.byCategory.total.products,
  });
  const written = await ports.writeSummaryTabs(body.spreadsheetId, buildSummaryTables(summaries));
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
