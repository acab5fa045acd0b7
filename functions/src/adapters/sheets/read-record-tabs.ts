// Reads a spreadsheet's record tabs through the Sheets API for reconcile, as the values staff typed:
// UNFORMATTED_VALUE with dates as serial numbers, so a date is the same number whatever the
// spreadsheet's locale prints (3 Feb 2020 is 43864 in an en_US sheet showing 2/3/2020 and in a th_TH
// sheet showing 3/2/2563), and the domain parses it as it parses a date cell from Apps Script.
import type { RawCell, RawWorkbook } from "../../domain/raw-workbook.ts";
import { matchTabName } from "../../domain/tabs.ts";
import { paced, type QuotaPacer } from "./quota-pacer.ts";
import { callSheets, type RetryPolicy, type SheetsApi } from "./sheets-client.ts";

export interface ReadRecordTabsOptions {
  retry?: RetryPolicy;
  pacer?: QuotaPacer;
  /** Named in the message when the spreadsheet is not shared with it. */
  serviceAccount?: string;
}

export interface RecordTabs {
  /** The tabs whose names are record tabs (Thai or English), in the spreadsheet's order. */
  titles: string[];
  workbook: RawWorkbook;
}

/** An A1 range naming a whole sheet: quoted, as the API requires for spaces and non-ASCII names. */
export const wholeSheet = (title: string) => `'${title.replace(/'/g, "''")}'`;

/** Two read requests: the tab names, then every record tab's values in one batchGet. */
export async function readRecordTabs(
  api: SheetsApi,
  spreadsheetId: string,
  options: ReadRecordTabsOptions = {},
): Promise<RecordTabs> {
  const context = { spreadsheetId, serviceAccount: options.serviceAccount };
  const meta = await callSheets(
    "spreadsheets.get",
    () =>
      paced(options.pacer, "read", () =>
        api.spreadsheets.get({ spreadsheetId, fields: "sheets.properties.title" }),
      ),
    options.retry,
    context,
  );
  const titles = (meta.data.sheets ?? [])
    .map((s) => s.properties?.title ?? "")
    // Every sheet a record tab could be (names with other words too): the domain decides which is
    // read, and two of one kind read neither (domain/tabs.ts, recordTabsOf).
    .filter((t) => matchTabName(t) !== undefined);
  if (titles.length === 0) return { titles, workbook: { sheets: [] } };
  const values = await callSheets(
    "values.batchGet",
    () =>
      paced(options.pacer, "read", () =>
        api.spreadsheets.values.batchGet({
          spreadsheetId,
          ranges: titles.map(wholeSheet),
          valueRenderOption: "UNFORMATTED_VALUE",
          dateTimeRenderOption: "SERIAL_NUMBER",
          majorDimension: "ROWS",
        }),
      ),
    options.retry,
    context,
  );
  const ranges = values.data.valueRanges ?? [];
  return {
    titles,
    workbook: {
      sheets: titles.map((name, i) => ({
        name,
        rows: (ranges[i]?.values ?? []).map((cells, r) => ({
          row: r + 1,
          cells: (cells as unknown[]).map((c) => (c === "" || c === undefined ? null : (c as RawCell))),
        })),
      })),
    },
  };
}
