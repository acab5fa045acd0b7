// Rewrites the summary tabs of a Google spreadsheet in two API calls whatever the number of
// records: one spreadsheets.get (sheet ids, protections, charts) and one batchUpdate that adds the
// missing tabs, sizes the grids, writes every cell (values as stringValue/numberValue — raw by
// construction, so "=HYPERLINK(…)" typed by staff stays text), header style, number formats, frozen
// header, column widths, protection and one chart per tab that has one (added or updated). A retry
// reads the spreadsheet again and plans anew: a batchUpdate whose answer was lost after Google
// applied it is then found applied, and nothing is added twice.
import type { sheets_v4 } from "@googleapis/sheets";
import {
  HEADER_ROW_COUNT,
  type SummaryCell,
  type SummaryChart,
  type SummaryColumn,
  type SummaryTable,
} from "../../domain/summaries-tables.ts";
import { paced, type QuotaPacer } from "./quota-pacer.ts";
import { callSheets, type RetryPolicy, type SheetsApi } from "./sheets-client.ts";

type Request = sheets_v4.Schema$Request;
type CellData = sheets_v4.Schema$CellData;

/** Marks the protections this system adds, so a rebuild never stacks a second one. */
export const PROTECTION_DESCRIPTION = "KBO records: สรุปโดยระบบ ห้ามแก้ไข / written by the system, do not edit";

/** First sheet id tried for a new summary tab (then the next free one). */
const FIRST_SUMMARY_SHEET_ID = 70_000;

const HEADER_BACKGROUND = { red: 0.85, green: 0.92, blue: 0.83 };
const TOTAL_BACKGROUND = { red: 0.95, green: 0.95, blue: 0.95 };

export interface WriteSummaryTabsOptions {
  retry?: RetryPolicy;
  /** Keeps the calls under the per-minute quotas. */
  pacer?: QuotaPacer;
  /** Named in the message when the spreadsheet is not shared with it. */
  serviceAccount?: string;
  /** E-mails that may still edit the protected tabs (default: the spreadsheet's owner and the caller). */
  editors?: string[];
}

export interface WriteSummaryTabsResult {
  /** API requests sent, retries included. */
  apiCalls: number;
  retries: number;
  created: string[];
  updated: string[];
  chartsAdded: number;
  chartsUpdated: number;
}

function cellData(value: SummaryCell, column: SummaryColumn, style: "header" | "data" | "total"): CellData {
  const cell: CellData = {};
  if (typeof value === "number") cell.userEnteredValue = { numberValue: value };
  else if (typeof value === "string" && value !== "") cell.userEnteredValue = { stringValue: value };
  const format: sheets_v4.Schema$CellFormat = { verticalAlignment: "MIDDLE" };
  if (style === "header") {
    format.textFormat = { bold: true };
    format.backgroundColor = HEADER_BACKGROUND;
    format.horizontalAlignment = "CENTER";
    format.wrapStrategy = "WRAP";
  } else {
    if (style === "total") {
      format.textFormat = { bold: true };
      format.backgroundColor = TOTAL_BACKGROUND;
    }
    if (column.numberFormat && typeof value === "number") {
      format.numberFormat = { type: "NUMBER", pattern: column.numberFormat };
    }
  }
  cell.userEnteredFormat = format;
  return cell;
}

/** The table's grid rows: the Thai header, the English header, the data, the totals. */
export function tableRows(table: SummaryTable): sheets_v4.Schema$RowData[] {
  const rows: sheets_v4.Schema$RowData[] = [
    { values: table.columns.map((c) => cellData(c.th, c, "header")) },
    { values: table.columns.map((c) => cellData(c.en, c, "header")) },
  ];
  const firstTotal = table.rows.length - table.totalRows;
  table.rows.forEach((row, i) => {
    const style = i >= firstTotal ? "total" : "data";
    rows.push({ values: table.columns.map((c, j) => cellData(row[j] ?? null, c, style)) });
  });
  return rows;
}

/**
 * The axis a series' values are read against: a series must target its chart type's minor axis
 * (BasicChartSeries.targetAxis). Bars run sideways, so a BAR chart's values are on the bottom axis
 * and its labels (districts) on the left; a COLUMN chart's values are on the left, years along the
 * bottom.
 */
export const valueAxis = (type: SummaryChart["type"]) => (type === "BAR" ? "BOTTOM_AXIS" : "LEFT_AXIS");

function chartSpec(table: SummaryTable, sheetId: number): sheets_v4.Schema$ChartSpec | undefined {
  const chart = table.chart;
  if (!chart) return undefined;
  // The English header row (row 2) names the series; the data follow it, the totals are left out.
  const startRowIndex = HEADER_ROW_COUNT - 1;
  const endRowIndex = HEADER_ROW_COUNT + table.rows.length - table.totalRows;
  const source = (column: number) => ({
    sourceRange: {
      sources: [
        { sheetId, startRowIndex, endRowIndex, startColumnIndex: column, endColumnIndex: column + 1 },
      ],
    },
  });
  return {
    title: chart.title,
    basicChart: {
      chartType: chart.type,
      legendPosition: "BOTTOM_LEGEND",
      stackedType: chart.stacked ? "STACKED" : "NOT_STACKED",
      headerCount: 1,
      axis: [
        { position: "BOTTOM_AXIS", title: chart.type === "BAR" ? "จำนวน (products)" : "ปี พ.ศ. (year)" },
        { position: "LEFT_AXIS", title: chart.type === "BAR" ? "อำเภอ (district)" : "จำนวน (products)" },
      ],
      domains: [{ domain: source(chart.domainColumn) }],
      series: chart.seriesColumns.map((c) => ({ series: source(c), targetAxis: valueAxis(chart.type) })),
    },
  };
}

/** Runs of equal widths become one updateDimensionProperties each. */
function widthRequests(table: SummaryTable, sheetId: number): Request[] {
  const out: Request[] = [];
  let start = 0;
  table.columns.forEach((c, i) => {
    const next = table.columns[i + 1];
    if (next && next.width === c.width) return;
    out.push({
      updateDimensionProperties: {
        range: { sheetId, dimension: "COLUMNS", startIndex: start, endIndex: i + 1 },
        properties: { pixelSize: c.width },
        fields: "pixelSize",
      },
    });
    start = i + 1;
  });
  return out;
}

/** The batchUpdate requests for all tables, given what the spreadsheet holds now. */
export function summaryRequests(
  tables: SummaryTable[],
  existing: sheets_v4.Schema$Sheet[],
  options: WriteSummaryTabsOptions = {},
): { requests: Request[]; created: string[]; updated: string[]; chartsAdded: number; chartsUpdated: number } {
  const requests: Request[] = [];
  const created: string[] = [];
  const updated: string[] = [];
  let chartsAdded = 0;
  let chartsUpdated = 0;
  const usedIds = new Set(existing.map((s) => s.properties?.sheetId ?? 0));
  let nextId = FIRST_SUMMARY_SHEET_ID;
  for (const table of tables) {
    const rowData = tableRows(table);
    // One spare column to anchor the chart beside the table.
    const gridProperties = {
      rowCount: rowData.length,
      columnCount: table.columns.length + 1,
      frozenRowCount: HEADER_ROW_COUNT,
    };
    const sheet = existing.find((s) => s.properties?.title === table.name);
    let sheetId: number;
    if (sheet) {
      sheetId = sheet.properties!.sheetId ?? 0;
      updated.push(table.name);
      requests.push({
        updateSheetProperties: {
          properties: { sheetId, gridProperties },
          fields: "gridProperties(rowCount,columnCount,frozenRowCount)",
        },
      });
    } else {
      while (usedIds.has(nextId)) nextId++;
      sheetId = nextId;
      usedIds.add(sheetId);
      created.push(table.name);
      requests.push({ addSheet: { properties: { sheetId, title: table.name, gridProperties } } });
    }
    requests.push({
      updateCells: {
        range: {
          sheetId,
          startRowIndex: 0,
          endRowIndex: gridProperties.rowCount,
          startColumnIndex: 0,
          endColumnIndex: gridProperties.columnCount,
        },
        rows: rowData,
        fields: "userEnteredValue,userEnteredFormat",
      },
    });
    requests.push(...widthRequests(table, sheetId));
    const protectedAlready = sheet?.protectedRanges?.some((p) => p.description === PROTECTION_DESCRIPTION);
    if (!protectedAlready) {
      requests.push({
        addProtectedRange: {
          protectedRange: {
            range: { sheetId },
            description: PROTECTION_DESCRIPTION,
            warningOnly: false,
            ...(options.editors?.length ? { editors: { users: options.editors } } : {}),
          },
        },
      });
    }
    const spec = chartSpec(table, sheetId);
    if (spec) {
      const chart = sheet?.charts?.[0];
      if (chart?.chartId !== undefined && chart.chartId !== null) {
        requests.push({ updateChartSpec: { chartId: chart.chartId, spec } });
        chartsUpdated++;
      } else {
        requests.push({
          addChart: {
            chart: {
              spec,
              position: {
                overlayPosition: {
                  anchorCell: { sheetId, rowIndex: 0, columnIndex: table.columns.length },
                  offsetXPixels: 16,
                  widthPixels: 640,
                  heightPixels: 400,
                },
              },
            },
          },
        });
        chartsAdded++;
      }
    }
  }
  return { requests, created, updated, chartsAdded, chartsUpdated };
}

const SHEET_FIELDS =
  "sheets(properties(sheetId,title,index,gridProperties),protectedRanges(protectedRangeId,description,range),charts(chartId))";

export async function writeSummaryTabs(
  api: SheetsApi,
  spreadsheetId: string,
  tables: SummaryTable[],
  options: WriteSummaryTabsOptions = {},
): Promise<WriteSummaryTabsResult> {
  let apiCalls = 0;
  let retries = 0;
  const retry: RetryPolicy = {
    ...options.retry,
    onRetry: (info) => {
      retries++;
      options.retry?.onRetry?.(info);
    },
  };
  let firstSeen: Set<string> | undefined;
  const plan = await callSheets(
    "spreadsheets.get + spreadsheets.batchUpdate",
    async () => {
      apiCalls++;
      const got = await paced(options.pacer, "read", () =>
        api.spreadsheets.get({ spreadsheetId, includeGridData: false, fields: SHEET_FIELDS }),
      );
      const sheets = got.data.sheets ?? [];
      firstSeen ??= new Set(sheets.map((s) => s.properties?.title ?? ""));
      const planned = summaryRequests(tables, sheets, options);
      apiCalls++;
      await paced(options.pacer, "write", () =>
        api.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: planned.requests } }),
      );
      return planned;
    },
    retry,
    { spreadsheetId, serviceAccount: options.serviceAccount },
  );
  // Tabs this call created, even when a retry found them already made by a lost first answer.
  const created = tables.map((t) => t.name).filter((name) => !firstSeen!.has(name));
  return {
    apiCalls,
    retries,
    created,
    updated: tables.map((t) => t.name).filter((name) => firstSeen!.has(name)),
    chartsAdded: plan.chartsAdded,
    chartsUpdated: plan.chartsUpdated,
  };
}
