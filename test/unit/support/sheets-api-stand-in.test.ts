// The Sheets API stand-in, driven by the real @googleapis/sheets client: A1 ranges with quoted Thai
// names, RAW vs USER_ENTERED, field masks, atomic batchUpdate, grid limits, 404s and faults.
import { sheets, type sheets_v4 } from "@googleapis/sheets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  enteredValue,
  parseA1,
  type SheetsApiStandIn,
  startSheetsApiStandIn,
} from "../../support/sheets-api-stand-in.ts";

describe("parseA1", () => {
  const cases: [string, ReturnType<typeof parseA1>][] = [
    ["Sheet1!A1:C3", { title: "Sheet1", startCol: 0, startRow: 0, endCol: 3, endRow: 3 }],
    ["'สรุปตามประเภท'!B2", { title: "สรุปตามประเภท", startCol: 1, startRow: 1, endCol: 2, endRow: 2 }],
    ["'It''s'!A:B", { title: "It's", startCol: 0, endCol: 2 }],
    ["Sheet1!2:5", { title: "Sheet1", startRow: 1, endRow: 5 }],
    ["AA10", { title: undefined, startCol: 26, startRow: 9, endCol: 27, endRow: 10 }],
    ["ผลิตภัณฑ์", { title: "ผลิตภัณฑ์" }],
  ];
  it.each(cases)("%s", (text, expected) => {
    expect(parseA1(text)).toEqual(expected);
  });
});

describe("enteredValue", () => {
  const cases: [unknown, "RAW" | "USER_ENTERED", unknown][] = [
    ["=1+1", "RAW", { stringValue: "=1+1" }],
    ["=1+1", "USER_ENTERED", { formulaValue: "=1+1" }],
    ["1,234.5", "USER_ENTERED", { numberValue: 1234.5 }],
    ["1,234.5", "RAW", { stringValue: "1,234.5" }],
    ["'=x", "USER_ENTERED", { stringValue: "=x" }],
    ["TRUE", "USER_ENTERED", { boolValue: true }],
    [12, "RAW", { numberValue: 12 }],
    ["", "RAW", undefined],
  ];
  it.each(cases)("%s as %s", (input, option, expected) => {
    expect(enteredValue(input, option)).toEqual(expected);
  });
});

describe("the stand-in through the real client", () => {
  let standIn: SheetsApiStandIn;
  let api: sheets_v4.Sheets;
  let id: string;
  const TAB = "สรุป 'ทดสอบ'";
  beforeAll(async () => {
    standIn = await startSheetsApiStandIn();
    api = sheets({ version: "v4", rootUrl: standIn.rootUrl, retry: false });
    id = standIn.createSpreadsheet("test", ["Sheet1", TAB]);
  });
  afterAll(() => standIn.close());

  it("stores RAW text as text and USER_ENTERED '=…' as a formula, in a quoted Thai range", async () => {
    const range = `'${TAB.replace(/'/g, "''")}'!A1:B1`;
    await api.spreadsheets.values.update({
      spreadsheetId: id,
      range,
      valueInputOption: "RAW",
      requestBody: { values: [['=HYPERLINK("x")', "1,000"]] },
    });
    expect(standIn.cells(id, TAB).get("A1")?.userEnteredValue).toEqual({ stringValue: '=HYPERLINK("x")' });
    await api.spreadsheets.values.update({
      spreadsheetId: id,
      range: `'${TAB.replace(/'/g, "''")}'!A2`,
      valueInputOption: "USER_ENTERED",
      requestBody: { values: [["=1+1"]] },
    });
    expect(standIn.cells(id, TAB).get("A2")?.userEnteredValue).toEqual({ formulaValue: "=1+1" });
    const got = await api.spreadsheets.values.get({ spreadsheetId: id, range, valueRenderOption: "FORMULA" });
    expect(got.data.values).toEqual([['=HYPERLINK("x")', "1,000"]]);
    expect(got.data.range).toBe(`'${TAB.replace(/'/g, "''")}'!A1:B1`);
    expect(standIn.requests.at(-1)?.path).toContain(`/values/'${TAB.replace(/'/g, "''")}'!A1:B1`);
  });

  it("batchUpdate writes cells with formats, and values come back formatted or not", async () => {
    const sheetId = (await api.spreadsheets.get({ spreadsheetId: id })).data.sheets![0]!.properties!.sheetId!;
    await api.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          {
            updateCells: {
              start: { sheetId, rowIndex: 0, columnIndex: 0 },
              rows: [
                {
                  values: [
                    {
                      userEnteredValue: { numberValue: 272500 },
                      userEnteredFormat: { numberFormat: { type: "NUMBER", pattern: "#,##0" } },
                    },
                    { userEnteredValue: { numberValue: 2563 } },
                  ],
                },
              ],
              fields: "userEnteredValue,userEnteredFormat",
            },
          },
        ],
      },
    });
    const batch = await api.spreadsheets.values.batchGet({
      spreadsheetId: id,
      ranges: ["Sheet1!A1:B1", "A1"],
    });
    expect(batch.data.valueRanges?.map((v) => v.values)).toEqual([[["272,500", "2563"]], [["272,500"]]]);
    const raw = await api.spreadsheets.values.get({
      spreadsheetId: id,
      range: "Sheet1!A1:B1",
      valueRenderOption: "UNFORMATTED_VALUE",
    });
    expect(raw.data.values).toEqual([[272500, 2563]]);
    await api.spreadsheets.values.clear({ spreadsheetId: id, range: "Sheet1!A1" });
    const after = await api.spreadsheets.values.get({ spreadsheetId: id, range: "Sheet1!A1:B1" });
    expect(after.data.values).toEqual([["", "2563"]]);
  });

  it("applies the fields mask of spreadsheets.get", async () => {
    const got = await api.spreadsheets.get({
      spreadsheetId: id,
      fields: "sheets(properties(sheetId,title))",
    });
    expect(got.data).toEqual({
      sheets: [
        { properties: { sheetId: 0, title: "Sheet1" } },
        { properties: { sheetId: 1000, title: TAB } },
      ],
    });
  });

  it("applies a batchUpdate atomically: one bad request changes nothing", async () => {
    const before = (await api.spreadsheets.get({ spreadsheetId: id })).data.sheets!.length;
    await expect(
      api.spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: {
          requests: [
            { addSheet: { properties: { title: "ใหม่" } } },
            { updateCells: { range: { sheetId: 0, endRowIndex: 5000 }, fields: "userEnteredValue" } },
          ],
        },
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining("exceeds grid limits") });
    expect((await api.spreadsheets.get({ spreadsheetId: id })).data.sheets!.length).toBe(before);
    await expect(
      api.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ mergeCells: {} }] } }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("refuses to freeze every row of a grid, as Sheets does", async () => {
    await expect(
      api.spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: {
          requests: [
            {
              addSheet: { properties: { title: "เล็ก", gridProperties: { rowCount: 2, frozenRowCount: 2 } } },
            },
          ],
        },
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining("freeze") });
  });

  it("answers 404 for an unknown spreadsheet or endpoint", async () => {
    await expect(api.spreadsheets.get({ spreadsheetId: "nope" })).rejects.toMatchObject({ status: 404 });
    const res = await fetch(`${standIn.rootUrl}v4/spreadsheets/${id}/developerMetadata/1`);
    expect(res.status).toBe(404);
  });

  it("injects 429 (Google's quota body, no Retry-After) and 503, then serves normally", async () => {
    standIn.failNext({ status: 429 });
    standIn.failNext({ status: 503 });
    const r1 = await fetch(`${standIn.rootUrl}v4/spreadsheets/${id}`);
    expect([r1.status, r1.headers.get("retry-after")]).toEqual([429, null]);
    expect(await r1.json()).toMatchObject({ error: { code: 429, status: "RESOURCE_EXHAUSTED" } });
    expect((await fetch(`${standIn.rootUrl}v4/spreadsheets/${id}`)).status).toBe(503);
    expect((await fetch(`${standIn.rootUrl}v4/spreadsheets/${id}`)).status).toBe(200);
  });
});

describe("quotas per rolling minute, on the stand-in's clock", () => {
  it("refuses the 61st read of a minute with Google's 429 body and no Retry-After, counts writes apart, and serves again a minute later", async () => {
    let now = Date.parse("2026-01-05T02:00:00Z");
    const standIn = await startSheetsApiStandIn({ now: () => now });
    try {
      const api = sheets({ version: "v4", rootUrl: standIn.rootUrl, retry: false });
      const id = standIn.createSpreadsheet("quota", ["Sheet1"]);
      for (let i = 0; i < 60; i++) {
        await api.spreadsheets.values.get({ spreadsheetId: id, range: "Sheet1!A1" });
        now += 500;
      }
      const refused = await fetch(`${standIn.rootUrl}v4/spreadsheets/${id}/values/Sheet1!A1`);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBeNull();
      expect(await refused.json()).toMatchObject({
        error: {
          code: 429,
          status: "RESOURCE_EXHAUSTED",
          message: expect.stringContaining("limit 'Read requests per minute per user'"),
          details: [{ reason: "RATE_LIMIT_EXCEEDED", metadata: { quota_limit_value: "60" } }, {}],
        },
      });
      // Writes have their own 60.
      await api.spreadsheets.values.update({
        spreadsheetId: id,
        range: "Sheet1!A1",
        valueInputOption: "RAW",
        requestBody: { values: [["x"]] },
      });
      // The first read leaves the window 60 s after it was made.
      now = Date.parse("2026-01-05T02:01:00Z") + 1;
      const served = await api.spreadsheets.values.get({ spreadsheetId: id, range: "Sheet1!A1" });
      expect(served.data.values).toEqual([["x"]]);
    } finally {
      await standIn.close();
    }
  });
});

describe("what each locale shows of a date", () => {
  it.each([
    ["en_US", "2/3/2020", "9:30:00 AM"],
    ["th_TH", "3/2/2563", "9:30:00"],
    ["en_GB", "03/02/2020", "09:30:00"],
  ] as const)("%s shows 3 Feb 2020 as %s; UNFORMATTED_VALUE gives the serial number", async (locale, date, time) => {
    const standIn = await startSheetsApiStandIn();
    try {
      const api = sheets({ version: "v4", rootUrl: standIn.rootUrl, retry: false });
      const id = standIn.createSpreadsheet("dates", ["Sheet1"], undefined, { locale });
      await api.spreadsheets.values.update({
        spreadsheetId: id,
        range: "Sheet1!A1:C1",
        valueInputOption: "USER_ENTERED",
        requestBody: { values: [[date, "9:30", "2020-02-03"]] },
      });
      const read = (valueRenderOption: string, dateTimeRenderOption?: string) =>
        api.spreadsheets.values
          .get({ spreadsheetId: id, range: "Sheet1!A1:C1", valueRenderOption, dateTimeRenderOption })
          .then((r) => r.data.values);
      expect(await read("FORMATTED_VALUE")).toEqual([[date, time, date]]);
      // 3 Feb 2020 is day 43,864 after 30 Dec 1899; 09:30 is 0.3958… of a day.
      expect(await read("UNFORMATTED_VALUE", "SERIAL_NUMBER")).toEqual([[43864, 9.5 / 24, 43864]]);
      expect(await read("UNFORMATTED_VALUE", "FORMATTED_STRING")).toEqual([[date, time, date]]);
    } finally {
      await standIn.close();
    }
  });
});
