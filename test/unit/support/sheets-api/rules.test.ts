// The stand-in's rules, through the real @googleapis/sheets client: every known-bad request is refused
// with 400 INVALID_ARGUMENT in Google's error shape, names the rule it broke, and changes nothing (a
// valid request before it in the same batch is not applied either); the project's real requests are
// accepted; and every rule in the catalogue is exercised here or in its own test.
import { sheets, type sheets_v4 } from "@googleapis/sheets";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readRecordTabs } from "../../../../functions/src/adapters/sheets/read-record-tabs.ts";
import { createSheetsApi } from "../../../../functions/src/adapters/sheets/sheets-client.ts";
import { summaryRequests } from "../../../../functions/src/adapters/sheets/write-summary-tabs.ts";
import { summarise } from "../../../../functions/src/domain/summaries.ts";
import { buildSummaryTables } from "../../../../functions/src/domain/summaries-tables.ts";
import { RULES, type RuleId } from "../../../support/sheets-api/rules.ts";
import { type SheetsApiStandIn, startSheetsApiStandIn } from "../../../support/sheets-api-stand-in.ts";
import { generatedProducts } from "../../../support/summary-fixtures.ts";

let standIn: SheetsApiStandIn;
let api: sheets_v4.Sheets;
let id: string;
const DATA = "ข้อมูล";
const DATA_ID = 1000;

// The quotas count on this clock: each case starts a minute after the last, so none meets a 429.
let clock = Date.parse("2026-01-05T02:00:00Z");
beforeEach(() => {
  clock += 61_000;
});

beforeAll(async () => {
  standIn = await startSheetsApiStandIn({ now: () => clock });
  api = sheets({ version: "v4", rootUrl: standIn.rootUrl, retry: false });
  id = standIn.createSpreadsheet("rules", ["Sheet1", DATA]);
  await api.spreadsheets.batchUpdate({
    spreadsheetId: id,
    requestBody: {
      requests: [
        {
          addChart: {
            chart: {
              chartId: 77,
              spec: { basicChart: { chartType: "COLUMN" } },
              position: { overlayPosition: { anchorCell: { sheetId: 0, rowIndex: 0, columnIndex: 0 } } },
            },
          },
        },
      ],
    },
  });
});
afterAll(() => standIn.close());

// biome-ignore lint/suspicious/noExplicitAny: bad requests are, by design, not of the client's types
type Bad = any;

const src = (c0: number, c1 = c0 + 1, r0 = 0, r1 = 5) => ({
  sourceRange: {
    sources: [{ sheetId: 0, startRowIndex: r0, endRowIndex: r1, startColumnIndex: c0, endColumnIndex: c1 }],
  },
});
const chart = (basicChart: Bad) => ({
  addChart: {
    chart: {
      spec: { basicChart },
      position: { overlayPosition: { anchorCell: { sheetId: 0, rowIndex: 0, columnIndex: 5 } } },
    },
  },
});
const column = (over: Bad = {}) => ({
  chartType: "COLUMN",
  domains: [{ domain: src(0) }],
  series: [{ series: src(1), targetAxis: "LEFT_AXIS" }],
  ...over,
});

const BATCH_CASES: [string, Bad, RuleId][] = [
  [
    "a BAR chart's series on LEFT_AXIS (its major axis)",
    chart(column({ chartType: "BAR", series: [{ series: src(1), targetAxis: "LEFT_AXIS" }] })),
    "CHART_SERIES_AXIS",
  ],
  [
    "a COLUMN chart's series on BOTTOM_AXIS (its major axis)",
    chart(column({ series: [{ series: src(1), targetAxis: "BOTTOM_AXIS" }] })),
    "CHART_SERIES_AXIS",
  ],
  ["a field no schema has", { addSheet: { properties: { title: "x", colour: "red" } } }, "UNKNOWN_FIELD"],
  ["a request kind Google does not know", { mergeAllTheThings: {} }, "UNKNOWN_FIELD"],
  ["text for an int32", { addSheet: { properties: { sheetId: "abc" } } }, "FIELD_TYPE"],
  ["an int32 out of range", { addSheet: { properties: { sheetId: 2 ** 31 } } }, "FIELD_TYPE"],
  ["an object for a list", { addSheet: { properties: { title: ["x"] } } }, "FIELD_TYPE"],
  ["a chart type Google does not have", chart(column({ chartType: "PIE" })), "ENUM_VALUE"],
  [
    "an UNSPECIFIED enum value",
    chart(column({ chartType: "BASIC_CHART_TYPE_UNSPECIFIED" })),
    "ENUM_UNSPECIFIED",
  ],
  ["two kinds in one Request", { addSheet: {}, deleteSheet: { sheetId: DATA_ID } }, "ONE_KIND_PER_REQUEST"],
  ["no kind in a Request", {}, "ONE_KIND_PER_REQUEST"],
  [
    "updateCells with both start and range",
    { updateCells: { start: { sheetId: 0 }, range: { sheetId: 0 }, rows: [], fields: "userEnteredValue" } },
    "UNION_FIELD",
  ],
  [
    "a cell with a number and a string",
    {
      updateCells: {
        start: { sheetId: 0 },
        rows: [{ values: [{ userEnteredValue: { numberValue: 1, stringValue: "1" } }] }],
        fields: "userEnteredValue",
      },
    },
    "UNION_FIELD",
  ],
  [
    "updateCells without fields",
    { updateCells: { start: { sheetId: 0 }, rows: [{ values: [{}] }] } },
    "FIELD_MASK",
  ],
  [
    "a field mask naming its implied root",
    { updateSheetProperties: { properties: { sheetId: 0, title: "y" }, fields: "properties.title" } },
    "FIELD_MASK",
  ],
  [
    "a field mask naming a field CellData does not have",
    { repeatCell: { range: { sheetId: 0, endRowIndex: 1 }, cell: {}, fields: "userEnteredValue,colour" } },
    "FIELD_MASK",
  ],
  [
    "a number format without its type",
    {
      repeatCell: {
        range: { sheetId: 0, endRowIndex: 1 },
        cell: { userEnteredFormat: { numberFormat: { pattern: "#,##0" } } },
        fields: "userEnteredFormat.numberFormat",
      },
    },
    "NUMBER_FORMAT_TYPE",
  ],
  [
    "two axes at one position",
    chart(column({ axis: [{ position: "LEFT_AXIS" }, { position: "LEFT_AXIS" }] })),
    "CHART_AXIS_PER_POSITION",
  ],
  [
    "two domains",
    chart(column({ domains: [{ domain: src(0) }, { domain: src(2) }] })),
    "CHART_SINGLE_DOMAIN",
  ],
  [
    "a series two columns wide",
    chart(column({ series: [{ series: src(1, 3), targetAxis: "LEFT_AXIS" }] })),
    "CHART_SOURCE_RANGES",
  ],
  [
    "a series type on a COLUMN chart",
    chart(column({ series: [{ series: src(1), targetAxis: "LEFT_AXIS", type: "LINE" }] })),
    "CHART_SERIES_TYPE",
  ],
  [
    "editors on a warning-only protection",
    {
      addProtectedRange: {
        protectedRange: { range: { sheetId: 0 }, warningOnly: true, editors: { users: ["a@example.org"] } },
      },
    },
    "WARNING_ONLY_EDITORS",
  ],
  [
    "a range on a sheet id no sheet has",
    { updateCells: { range: { sheetId: 4242 }, rows: [], fields: "userEnteredValue" } },
    "ID_EXISTS",
  ],
  ["a chart id no chart has", { updateChartSpec: { chartId: 999, spec: { title: "x" } } }, "ID_EXISTS"],
  [
    "a chart reading a sheet that does not exist",
    chart(
      column({
        domains: [
          {
            domain: {
              sourceRange: {
                sources: [
                  { sheetId: 5, startRowIndex: 0, endRowIndex: 5, startColumnIndex: 0, endColumnIndex: 1 },
                ],
              },
            },
          },
        ],
      }),
    ),
    "ID_EXISTS",
  ],
  ["a new sheet with a taken id", { addSheet: { properties: { sheetId: DATA_ID, title: "z" } } }, "ID_NEW"],
  [
    "a new chart with a taken id",
    { addChart: { chart: { chartId: 77, spec: { title: "x" }, position: { sheetId: 0 } } } },
    "ID_NEW",
  ],
  [
    "a negative sheet id",
    { addSheet: { properties: { sheetId: -1, title: "neg" } } },
    "SHEET_ID_NON_NEGATIVE",
  ],
  ["a second sheet of the same title", { addSheet: { properties: { title: DATA } } }, "SHEET_TITLE_UNIQUE"],
  [
    "renaming a sheet to a taken title",
    { updateSheetProperties: { properties: { sheetId: 0, title: DATA }, fields: "title" } },
    "SHEET_TITLE_UNIQUE",
  ],
  [
    "cells below the grid",
    { updateCells: { range: { sheetId: 0, endRowIndex: 5000 }, rows: [], fields: "userEnteredValue" } },
    "RANGE_IN_GRID",
  ],
  [
    "a range that ends before it starts",
    {
      updateCells: {
        range: { sheetId: 0, startRowIndex: 4, endRowIndex: 2 },
        rows: [],
        fields: "userEnteredValue",
      },
    },
    "RANGE_IN_GRID",
  ],
  [
    "column widths past the last column",
    {
      updateDimensionProperties: {
        range: { sheetId: 0, dimension: "COLUMNS", startIndex: 0, endIndex: 30 },
        properties: { pixelSize: 80 },
        fields: "pixelSize",
      },
    },
    "RANGE_IN_GRID",
  ],
  [
    "more than 10 million cells",
    { addSheet: { properties: { title: "ใหญ่", gridProperties: { rowCount: 400_000, columnCount: 26 } } } },
    "CELL_LIMIT",
  ],
  [
    "more than 18,278 columns",
    { addSheet: { properties: { title: "กว้าง", gridProperties: { rowCount: 1, columnCount: 18_279 } } } },
    "CELL_LIMIT",
  ],
  [
    "freezing every row",
    { addSheet: { properties: { title: "เล็ก", gridProperties: { rowCount: 2, frozenRowCount: 2 } } } },
    "FROZEN_NOT_ALL",
  ],
];

/** Everything the API shows of the spreadsheet, to prove a refused call changed nothing. */
async function snapshot() {
  const got = await api.spreadsheets.get({
    spreadsheetId: id,
    includeGridData: true,
    ranges: ["'ข้อมูล'!A1:C3"],
  });
  return JSON.stringify([got.data, standIn.cells(id, "Sheet1"), standIn.cells(id, DATA)]);
}

async function refusal(call: () => Promise<unknown>) {
  const error = await call().then(
    () => undefined,
    (e: { status?: number; response?: { data?: unknown } }) => e,
  );
  expect(error, "the stand-in accepted it").toBeDefined();
  return { status: error!.status, body: error!.response?.data as { error: Record<string, unknown> } };
}

const exercised = new Set<RuleId>();

describe("known-bad batchUpdates are refused whole, as Google refuses them", () => {
  it.each(BATCH_CASES)("%s", async (_, bad, rule) => {
    const before = await snapshot();
    const logged = standIn.requests.length;
    const { status, body } = await refusal(() =>
      api.spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: { requests: [{ addSheet: { properties: { title: "ก่อนหน้า" } } }, bad] },
      }),
    );
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT", message: expect.any(String) });
    expect(standIn.requests[logged]?.rule).toBe(rule);
    expect(await snapshot()).toBe(before);
    exercised.add(rule);
  });
});

describe("known-bad value calls", () => {
  const cases: [string, () => Promise<unknown>, RuleId][] = [
    [
      "an unquoted sheet name with Thai letters",
      () => api.spreadsheets.values.get({ spreadsheetId: id, range: `${DATA}!A1:B2` }),
      "A1_QUOTED_TITLE",
    ],
    [
      "an unquoted sheet name with a space",
      () => api.spreadsheets.values.get({ spreadsheetId: id, range: "My Sheet!A1" }),
      "A1_QUOTED_TITLE",
    ],
    [
      "a sheet name that does not exist",
      () => api.spreadsheets.values.get({ spreadsheetId: id, range: "'ไม่มีแท็บนี้'!A1" }),
      "A1_SHEET_EXISTS",
    ],
    [
      "a read below the grid",
      () => api.spreadsheets.values.get({ spreadsheetId: id, range: `'${DATA}'!A1:A2000` }),
      "RANGE_IN_GRID",
    ],
    [
      "a write without valueInputOption",
      () =>
        api.spreadsheets.values.update({
          spreadsheetId: id,
          range: `'${DATA}'!A1`,
          requestBody: { values: [["x"]] },
        }),
      "VALUE_INPUT_OPTION",
    ],
    [
      "a render option Google does not have",
      () =>
        api.spreadsheets.values.batchGet({
          spreadsheetId: id,
          ranges: [`'${DATA}'!A1`],
          valueRenderOption: "RAW" as Bad,
        }),
      "ENUM_VALUE",
    ],
    [
      "a query parameter the method does not have",
      () => api.spreadsheets.values.get({ spreadsheetId: id, range: `'${DATA}'!A1`, locale: "th" } as Bad),
      "QUERY_PARAMETER",
    ],
    [
      "a response field the Spreadsheet does not have",
      () => api.spreadsheets.get({ spreadsheetId: id, fields: "sheets(properties(title,colour))" }),
      "FIELD_MASK",
    ],
  ];
  it.each(cases)("%s", async (_, call, rule) => {
    const before = await snapshot();
    const logged = standIn.requests.length;
    const { status, body } = await refusal(call);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
    expect(standIn.requests[logged]?.rule).toBe(rule);
    expect(await snapshot()).toBe(before);
    exercised.add(rule);
  });

  it("refuses to delete the last sheet", async () => {
    const single = standIn.createSpreadsheet("one", ["Sheet1"]);
    const { status } = await refusal(() =>
      api.spreadsheets.batchUpdate({
        spreadsheetId: single,
        requestBody: { requests: [{ deleteSheet: { sheetId: 0 } }] },
      }),
    );
    expect(status).toBe(400);
    expect(standIn.requests.at(-1)?.rule).toBe("KEEP_ONE_SHEET");
    exercised.add("KEEP_ONE_SHEET");
  });

  it("lists every violation of a body in Google's BadRequest details", async () => {
    const { body } = await refusal(() =>
      api.spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: { requests: [{ addSheet: { properties: { colour: 1, shade: 2 } } }] as Bad },
      }),
    );
    expect(body.error.details).toEqual([
      {
        "@type": "type.googleapis.com/google.rpc.BadRequest",
        fieldViolations: [
          {
            field: "requests[0].add_sheet.properties",
            description: expect.stringContaining('Unknown name "colour"'),
          },
          {
            field: "requests[0].add_sheet.properties",
            description: expect.stringContaining('Unknown name "shade"'),
          },
        ],
      },
    ]);
  });
});

describe("the project's real requests", () => {
  it("accepts the summary rebuild, as a first write and as a rewrite over it", async () => {
    const tables = buildSummaryTables(
      summarise(generatedProducts(400), [
        { number: "1/2563", title: "ประชุมคณะกรรมการ KBO", date: "2020-01-13", attendees: [] },
      ]),
    );
    const target = standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์"]);
    const get = async () =>
      (
        await api.spreadsheets.get({
          spreadsheetId: target,
          fields:
            "sheets(properties(sheetId,title,index,gridProperties),protectedRanges(protectedRangeId,description,range),charts(chartId))",
        })
      ).data.sheets ?? [];
    for (const round of [1, 2]) {
      const plan = summaryRequests(tables, await get());
      const res = await api.spreadsheets.batchUpdate({
        spreadsheetId: target,
        requestBody: { requests: plan.requests },
      });
      expect(res.status, `round ${round}`).toBe(200);
    }
    // The district chart is a BAR chart whose values are on its bottom (minor) axis.
    const district = standIn.sheet(target, "สรุปตามอำเภอ")!.charts[0]!.spec as Bad;
    expect(district.basicChart.chartType).toBe("BAR");
    expect(district.basicChart.series.map((s: Bad) => s.targetAxis)).toEqual(["BOTTOM_AXIS"]);
  });
});

describe("the project's real reads", () => {
  it("accepts reconcile's: the tab names, then every record tab unformatted in one batchGet", async () => {
    const target = standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์", "การประชุม", "Sheet's 'notes'"]);
    const before = standIn.requests.length;
    const { titles } = await readRecordTabs(createSheetsApi({ rootUrl: standIn.rootUrl }), target);
    expect(titles).toEqual(["ผลิตภัณฑ์", "การประชุม"]);
    const sent = standIn.requests.slice(before);
    expect(sent.map((r) => [r.status, r.rule])).toEqual([
      [200, undefined],
      [200, undefined],
    ]);
    expect(sent[1]!.query).toMatchObject({
      ranges: ["'ผลิตภัณฑ์'", "'การประชุม'"],
      valueRenderOption: ["UNFORMATTED_VALUE"],
      dateTimeRenderOption: ["SERIAL_NUMBER"],
    });
  });
});

describe("the catalogue", () => {
  it("every rule has its source and Google's words", () => {
    for (const [name, rule] of Object.entries(RULES)) {
      expect(rule.source, name).toMatch(/discovery|https:\/\//);
      expect(rule.quote.length, name).toBeGreaterThan(20);
    }
  });

  it("every request rule is exercised by a known-bad request above", () => {
    // Behaviour rules have their own tests: atomicity (each case above), quotas, 403, locales.
    const behaviour: RuleId[] = [
      "BATCH_ATOMIC",
      "QUOTA_PER_MINUTE",
      "PERMISSION_DENIED",
      "LOCALE_FORMATTED_VALUE",
    ];
    const missing = (Object.keys(RULES) as RuleId[]).filter(
      (r) => !behaviour.includes(r) && !exercised.has(r),
    );
    expect(missing).toEqual([]);
  });
});
