// The batchUpdate plan of a rebuild, as data: new tabs get free sheet ids, existing ones are resized,
// cells are raw values (never formulas), charts plot the data rows without the totals, protection and
// charts are not stacked on a rebuild.
import { describe, expect, it } from "vitest";
import {
  PROTECTION_DESCRIPTION,
  summaryRequests,
} from "../../../../functions/src/adapters/sheets/write-summary-tabs.ts";
import { summarise } from "../../../../functions/src/domain/summaries.ts";
import { buildSummaryTables } from "../../../../functions/src/domain/summaries-tables.ts";

const tables = buildSummaryTables(
  summarise(
    [
      { year: 2562, category: "textile", district: "ฝาง", revenueSatang: 100 },
      { year: 2563, category: "food", district: "ฝาง" },
    ],
    [{ number: "1/2563", title: "=1+1", date: "2020-01-13", attendees: [] }],
  ),
);

describe("summaryRequests", () => {
  it("adds missing tabs with free sheet ids and writes values raw", () => {
    const plan = summaryRequests(tables, [{ properties: { sheetId: 70_000, title: "ผลิตภัณฑ์" } }]);
    const added = plan.requests.filter((r) => r.addSheet).map((r) => r.addSheet!.properties!.sheetId);
    expect(added).toEqual([70_001, 70_002, 70_003]);
    const cells = plan.requests
      .filter((r) => r.updateCells)
      .flatMap((r) => r.updateCells!.rows!.flatMap((row) => row.values ?? []));
    expect(cells.some((c) => c.userEnteredValue?.formulaValue !== undefined)).toBe(false);
    expect(cells.some((c) => c.userEnteredValue?.stringValue === "=1+1")).toBe(true);
    expect(plan.chartsAdded).toBe(2);
  });

  it("plots the English header row and the data rows, not the totals", () => {
    const plan = summaryRequests(tables, []);
    const spec = plan.requests.find((r) => r.addChart)!.addChart!.chart!.spec!;
    const source = spec.basicChart!.domains![0]!.domain!.sourceRange!.sources![0]!;
    // Rows: Thai header (0), English header (1), 2562 (2), 2563 (3), totals (4).
    expect([source.startRowIndex, source.endRowIndex]).toEqual([1, 4]);
    expect(spec.basicChart!.series).toHaveLength(5);
  });

  it("updates an existing tab in place: resize, same chart, no second protection", () => {
    const existing = [
      {
        properties: { sheetId: 5, title: "สรุปตามประเภท" },
        protectedRanges: [{ protectedRangeId: 9, description: PROTECTION_DESCRIPTION }],
        charts: [{ chartId: 77 }],
      },
    ];
    const plan = summaryRequests(tables, existing);
    expect(plan.updated).toEqual(["สรุปตามประเภท"]);
    const forSheet5 = plan.requests.filter((r) => JSON.stringify(r).includes('"sheetId":5'));
    expect(forSheet5.some((r) => r.addProtectedRange)).toBe(false);
    expect(plan.requests.find((r) => r.updateChartSpec)?.updateChartSpec?.chartId).toBe(77);
    expect(plan.requests.find((r) => r.updateSheetProperties)?.updateSheetProperties).toEqual({
      properties: { sheetId: 5, gridProperties: { rowCount: 5, columnCount: 14, frozenRowCount: 2 } },
      fields: "gridProperties(rowCount,columnCount,frozenRowCount)",
    });
  });
});
