// rebuildSummaries end to end: records in the real emulator, the real @googleapis/sheets client
// against the Sheets API stand-in. Exact figures in the cells, two API calls per rebuild whatever the
// record count, a deleted tab recreated, formula-looking text kept as text, 429/503 retried.
import type { Firestore } from "@google-cloud/firestore";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../../functions/src/adapters/firestore/client.ts";
import { silentLogger } from "../../../../functions/src/adapters/log/logger.ts";
import { rebuildSummariesPorts } from "../../../../functions/src/adapters/ports.ts";
import { createSheetsApi, type SheetsApi } from "../../../../functions/src/adapters/sheets/sheets-client.ts";
import { PROTECTION_DESCRIPTION } from "../../../../functions/src/adapters/sheets/write-summary-tabs.ts";
import { CATEGORY_CODES } from "../../../../functions/src/domain/closed-sets.ts";
import { summarise } from "../../../../functions/src/domain/summaries.ts";
import { rebuildSummaries } from "../../../../functions/src/handlers/rebuild-summaries.ts";
import {
  type Fault,
  type SheetsApiStandIn,
  startSheetsApiStandIn,
} from "../../../support/sheets-api-stand-in.ts";
import { generatedProducts, seedMeetings, seedProducts } from "../../../support/summary-fixtures.ts";
import { clearFirestore } from "../../support/firestore-emulator.ts";

const host = inject("firestoreHost");
const projectId = inject("firestoreProjectId");
const db: Firestore = createFirestore({ firestoreEmulatorHost: host, projectId });
let standIn: SheetsApiStandIn;
let api: SheetsApi;
const delays: number[] = [];
const deps = () =>
  rebuildSummariesPorts({
    db,
    log: silentLogger,
    sheets: api,
    retry: {
      baseDelayMs: 8,
      sleep: async (ms: number) => {
        delays.push(ms);
      },
    },
  });

beforeAll(async () => {
  standIn = await startSheetsApiStandIn();
  api = createSheetsApi({ rootUrl: standIn.rootUrl });
});
afterAll(async () => {
  await standIn.close();
  await db.terminate();
});
beforeEach(async () => {
  await clearFirestore(host, projectId);
  delays.length = 0;
});

const BY_CATEGORY = "สรุปตามประเภท";
const BY_DISTRICT = "สรุปตามอำเภอ";
const MEETINGS = "สรุปการประชุม";

/** The stored value of a cell: a number, a string, or a formula marked as such. */
function value(spreadsheetId: string, tab: string, a1: string) {
  const v = standIn.cells(spreadsheetId, tab).get(a1)?.userEnteredValue;
  if (!v) return null;
  if (v.formulaValue !== undefined) return { formula: v.formulaValue };
  return v.numberValue ?? v.stringValue ?? v.boolValue ?? null;
}

describe("rebuildSummaries through the Sheets API", () => {
  it("writes exact figures, creates the three tabs, protects them and adds the charts in two calls", async () => {
    const products = generatedProducts(300);
    const id = standIn.createSpreadsheet("KBO อำเภอ", ["ผลิตภัณฑ์"]);
    await seedProducts(db, products, id);
    const before = standIn.requests.length;
    const result = await rebuildSummaries(deps(), { spreadsheetId: id });
    expect(standIn.requests.length - before).toBe(2);
    expect(result.apiCalls).toBe(2);
    expect(result.tabs).toEqual({ created: [BY_CATEGORY, BY_DISTRICT, MEETINGS], updated: [] });

    const expected = summarise(products);
    expect(result.products).toBe(expected.byCategory.total.products);
    // Row 3 is the first year (after the Thai and English header rows).
    expect(value(id, BY_CATEGORY, "A1")).toBe("ปี พ.ศ.");
    expect(value(id, BY_CATEGORY, "A2")).toBe("year (BE)");
    expect(value(id, BY_CATEGORY, "A3")).toBe(2561);
    const first = expected.byCategory.rows[0]!;
    CATEGORY_CODES.forEach((c, i) => {
      const col = String.fromCharCode(66 + 2 * i);
      const revCol = String.fromCharCode(67 + 2 * i);
      expect(value(id, BY_CATEGORY, `${col}3`)).toBe(first.byCategory[c].products);
      expect(value(id, BY_CATEGORY, `${revCol}3`)).toBe(first.byCategory[c].revenueSatang / 100);
    });
    // Totals row: 2 header rows + 5 years + 1.
    expect(value(id, BY_CATEGORY, "A8")).toBe("รวม (total)");
    expect(value(id, BY_CATEGORY, "L8")).toBe(expected.byCategory.total.products);
    expect(value(id, BY_CATEGORY, "M8")).toBe(expected.byCategory.total.revenueSatang / 100);

    const sheet = standIn.sheet(id, BY_CATEGORY)!;
    expect(sheet.properties.gridProperties).toEqual({ rowCount: 8, columnCount: 14, frozenRowCount: 2 });
    expect(sheet.protectedRanges.map((p) => p.description)).toEqual([PROTECTION_DESCRIPTION]);
    expect(sheet.charts).toHaveLength(1);
    const format = standIn.cells(id, BY_CATEGORY).get("M8")?.userEnteredFormat as Record<string, unknown>;
    expect(format.numberFormat).toEqual({ type: "NUMBER", pattern: "#,##0.00" });
    expect(standIn.cells(id, BY_CATEGORY).get("A1")?.userEnteredFormat).toMatchObject({
      textFormat: { bold: true },
    });
    expect(sheet.columnWidths.get(0)).toBe(80);
    expect(standIn.sheet(id, BY_DISTRICT)!.charts).toHaveLength(1);
  });

  it("updates in place on a rebuild and recreates a deleted tab, never stacking protections or charts", async () => {
    const id = standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์"]);
    await seedProducts(db, generatedProducts(50), id);
    await rebuildSummaries(deps(), { spreadsheetId: id });
    const chartId = standIn.sheet(id, BY_CATEGORY)!.charts[0]!.chartId;
    const deleted = standIn.sheet(id, BY_DISTRICT)!.properties.sheetId;
    await api.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [{ deleteSheet: { sheetId: deleted } }] },
    });
    await seedProducts(db, generatedProducts(80), id);

    const result = await rebuildSummaries(deps(), { spreadsheetId: id });
    expect(result.tabs).toEqual({ created: [BY_DISTRICT], updated: [BY_CATEGORY, MEETINGS] });
    const sheet = standIn.sheet(id, BY_CATEGORY)!;
    expect(sheet.charts.map((c) => c.chartId)).toEqual([chartId]);
    expect(sheet.protectedRanges).toHaveLength(1);
    expect(standIn.sheet(id, BY_DISTRICT)!.protectedRanges).toHaveLength(1);
    expect(value(id, BY_DISTRICT, "A3")).toBe("เมืองเชียงใหม่");
    expect(value(id, BY_CATEGORY, "L8")).toBe(summarise(generatedProducts(80)).byCategory.total.products);
  });

  it("shows empty years between the first and the last as zero rows, and an empty source as totals only", async () => {
    const id = standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์"]);
    const products = generatedProducts(20).filter((p) => p.year === 2561 || p.year === 2564);
    await seedProducts(db, products, id);
    await rebuildSummaries(deps(), { spreadsheetId: id });
    expect(["A3", "A4", "A5", "A6", "A7"].map((a) => value(id, BY_CATEGORY, a))).toEqual([
      2561,
      2562,
      2563,
      2564,
      "รวม (total)",
    ]);
    expect(["L4", "M4", "L5", "M5"].map((a) => value(id, BY_CATEGORY, a))).toEqual([0, 0, 0, 0]);

    const empty = standIn.createSpreadsheet("KBO ว่าง", ["ผลิตภัณฑ์"]);
    const result = await rebuildSummaries(deps(), { spreadsheetId: empty });
    expect(result).toMatchObject({ products: 0, years: [], apiCalls: 2 });
    expect(standIn.sheet(empty, BY_CATEGORY)!.properties.gridProperties.rowCount).toBe(3);
    expect(value(empty, BY_CATEGORY, "A3")).toBe("รวม (total)");
    expect(value(empty, BY_CATEGORY, "L3")).toBe(0);
  });

  it("keeps formula-looking text as text", async () => {
    const titles = ['=HYPERLINK("http://evil.example","คลิก")', "+1", "@x", "-2+3"];
    const id = standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์"]);
    await seedMeetings(
      db,
      titles.map((title, i) => ({
        id: `MTG-2563-00${i + 1}`,
        number: `${i + 1}/2563`,
        title,
        date: `2020-0${i + 1}-13`,
        attendance: ["present"],
      })),
      id,
    );
    await rebuildSummaries(deps(), { spreadsheetId: id });
    expect(titles.map((_, i) => value(id, MEETINGS, `D${i + 3}`))).toEqual(titles);
    expect(value(id, MEETINGS, "B3")).toBe("13 มกราคม 2563");
    const got = await api.spreadsheets.values.get({
      spreadsheetId: id,
      range: `'${MEETINGS}'!D3:D6`,
      valueRenderOption: "FORMULA",
    });
    expect(got.data.values).toEqual(titles.map((t) => [t]));
  });

  it("retries 429 and 503 with truncated exponential backoff, and still writes everything", async () => {
    const id = standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์"]);
    await seedProducts(db, generatedProducts(20), id);
    standIn.failNext({ status: 429 });
    standIn.failNext({ status: 503, times: 2 });
    const result = await rebuildSummaries(deps(), { spreadsheetId: id });
    // Three refused reads, then the read and the write.
    expect(result.apiCalls).toBe(5);
    expect(delays).toHaveLength(3);
    // base 8 ms: 8, 16, 32 ms, each ± 25 %.
    [8, 16, 32].forEach((wait, n) => {
      expect(delays[n]).toBeGreaterThanOrEqual(wait * 0.75);
      expect(delays[n]).toBeLessThanOrEqual(wait * 1.25);
    });
    expect(standIn.sheet(id, BY_CATEGORY)).toBeDefined();
  });

  it.each<[string, Fault]>([
    ["the connection drops", { drop: true }],
    ["a 503 comes back", { status: 503 }],
  ])("a rebuild whose answer is lost after Google applied it (%s) is retried without duplicates", async (_, lost) => {
    const id = standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์"]);
    const products = generatedProducts(40);
    await seedProducts(db, products, id);
    const before = standIn.requests.length;
    standIn.failNext({ ...lost, afterApply: true, on: ":batchUpdate" });
    const result = await rebuildSummaries(deps(), { spreadsheetId: id });
    const writes = standIn.requests.slice(before).filter((r) => r.path.endsWith(":batchUpdate"));
    // Both writes reached the spreadsheet; the first one's answer never came back.
    expect(writes.map((w) => w.status)).toEqual([lost.drop ? 0 : 503, 200]);
    expect(result.tabs.created).toEqual([BY_CATEGORY, BY_DISTRICT, MEETINGS]);
    const titles = [BY_CATEGORY, BY_DISTRICT, MEETINGS];
    for (const title of titles) {
      const sheet = standIn.sheet(id, title)!;
      expect(sheet.protectedRanges, title).toHaveLength(1);
      expect(sheet.charts, title).toHaveLength(title === MEETINGS ? 0 : 1);
    }
    const all = (await api.spreadsheets.get({ spreadsheetId: id, fields: "sheets.properties.title" })).data
      .sheets;
    expect(all?.map((s) => s.properties?.title)).toEqual(["ผลิตภัณฑ์", ...titles]);
    expect(value(id, BY_CATEGORY, "L8")).toBe(summarise(products).byCategory.total.products);
  });

  it("gives up with SHEETS_QUOTA after the last attempt, and maps 404 to SHEETS_NOT_FOUND", async () => {
    const id = standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์"]);
    // Every one of the 8 attempts (about two minutes of backoff in production) meets a 429.
    standIn.failNext({ status: 429, times: 8 });
    await expect(rebuildSummaries(deps(), { spreadsheetId: id })).rejects.toMatchObject({
      code: "SHEETS_QUOTA",
    });
    await expect(rebuildSummaries(deps(), { spreadsheetId: "missing" })).rejects.toMatchObject({
      code: "SHEETS_NOT_FOUND",
    });
  });

  it("costs the same two API calls for 10 or 3,000 products", async () => {
    const calls: number[] = [];
    for (const n of [10, 3000]) {
      const id = standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์"]);
      await seedProducts(db, generatedProducts(n), id);
      const before = standIn.requests.length;
      await rebuildSummaries(deps(), { spreadsheetId: id });
      calls.push(standIn.requests.length - before);
    }
    expect(calls).toEqual([2, 2]);
  });
});
