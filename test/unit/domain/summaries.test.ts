// The summary accumulator and its tables: exact figures (satang), totals both ways, empty years,
// tombstones left out, the fiscal year, and the seed's figures from the sample workbook.
import { describe, expect, it } from "vitest";
import { readWorkbook } from "../../../functions/src/adapters/workbook/read-workbook.ts";
import {
  fiscalYearOf,
  meetingYear,
  type SummaryMeeting,
  type SummaryProduct,
  summariesJson,
  summarise,
} from "../../../functions/src/domain/summaries.ts";
import { buildSummaryTables, HEADER_ROW_COUNT } from "../../../functions/src/domain/summaries-tables.ts";
import { validateWorkbook } from "../../../functions/src/domain/validate-workbook.ts";

const p = (
  year: number,
  category: SummaryProduct["category"],
  district: string,
  revenueSatang?: number,
  deleted = false,
): SummaryProduct => ({ year, category, district, revenueSatang, deleted });

describe("fiscal year (October–September, named by the BE year it ends in)", () => {
  const cases: [string, number, number][] = [
    ["2019-09-30", 2562, 2562],
    ["2019-10-01", 2563, 2562],
    ["2020-01-13", 2563, 2563],
    ["2020-12-31", 2564, 2563],
  ];
  it.each(cases)("%s → fiscal %i, programme %i", (iso, fiscal, programme) => {
    expect(fiscalYearOf(iso)).toBe(fiscal);
    expect(meetingYear(iso, "fiscal")).toBe(fiscal);
    expect(meetingYear(iso, "programme")).toBe(programme);
  });
});

describe("summarise", () => {
  const products = [
    p(2562, "textile", "สันกำแพง", 10_050),
    p(2562, "textile", "สันกำแพง", 1),
    p(2562, "food", "ฝาง"),
    p(2565, "decor", "ฝาง", 99_999_999_99),
    p(2563, "food", "ฝาง", 500_00, true), // tombstone
  ];
  const s = summarise(products);

  it("counts each year × category exactly, in satang, with row and column totals", () => {
    const r2562 = s.byCategory.rows.find((r) => r.year === 2562)!;
    expect(r2562.byCategory.textile).toEqual({ products: 2, revenueSatang: 10_051 });
    expect(r2562.byCategory.food).toEqual({ products: 1, revenueSatang: 0 });
    expect(r2562.total).toEqual({ products: 3, revenueSatang: 10_051 });
    expect(s.byCategory.totals.decor).toEqual({ products: 1, revenueSatang: 99_999_999_99 });
    expect(s.byCategory.total).toEqual({ products: 4, revenueSatang: 99_999_999_99 + 10_051 });
  });

  it("keeps empty years between the first and the last, and leaves tombstones out entirely", () => {
    expect(s.years).toEqual([2562, 2563, 2564, 2565]);
    const r2563 = s.byCategory.rows.find((r) => r.year === 2563)!;
    expect(r2563.total).toEqual({ products: 0, revenueSatang: 0 });
    expect(s.byDistrict.totals[2563]).toEqual({ products: 0, revenueSatang: 0 });
  });

  it("gives every district a row and totals per year", () => {
    expect(s.byDistrict.rows).toHaveLength(25);
    const fang = s.byDistrict.rows.find((r) => r.district === "ฝาง")!;
    expect(fang.byYear[2562]).toEqual({ products: 1, revenueSatang: 0 });
    expect(fang.total).toEqual({ products: 2, revenueSatang: 99_999_999_99 });
    expect(s.byDistrict.totals[2562]).toEqual({ products: 3, revenueSatang: 10_051 });
    expect(s.byDistrict.total).toEqual(s.byCategory.total);
  });

  it("is empty but well-formed with no products", () => {
    const e = summarise([]);
    expect(e.years).toEqual([]);
    expect(e.byCategory.rows).toEqual([]);
    expect(e.byCategory.total).toEqual({ products: 0, revenueSatang: 0 });
    const tables = buildSummaryTables(e);
    expect(tables.map((t) => t.rows.length)).toEqual([1, 26, 1]);
  });

  it("counts attendance per meeting, dated on the chosen basis, sorted by date", () => {
    const meetings: (SummaryMeeting & { report?: "sent" })[] = [
      {
        number: "2/2563",
        title: "ครั้งที่สอง",
        date: "2020-10-05",
        attendees: [{ attendance: "present" }, { attendance: "absent" }],
      },
      {
        number: "1/2563",
        title: "ครั้งแรก",
        date: "2020-01-13",
        attendees: [{ attendance: "present" }, { attendance: "present" }, { attendance: "in_attendance" }],
        report: "sent",
      },
      { number: "3/2563", title: "ลบแล้ว", date: "2020-11-01", attendees: [], deleted: true },
    ];
    const fiscal = summarise([], meetings, { basis: "fiscal" });
    expect(fiscal.meetings.map((m) => [m.number, m.year, m.counts, m.report])).toEqual([
      ["1/2563", 2563, { present: 2, absent: 0, in_attendance: 1 }, "sent"],
      ["2/2563", 2564, { present: 1, absent: 1, in_attendance: 0 }, "none"],
    ]);
    expect(summarise([], meetings).meetings.map((m) => m.year)).toEqual([2563, 2563]);
  });
});

describe("summary tables", () => {
  const s = summarise([p(2562, "textile", "สันกำแพง", 10_050), p(2563, "herbal", "ฝาง", 200_000_00)]);
  const [byCategory, byDistrict, meetings] = buildSummaryTables(s);

  it("names the tabs in Thai and puts a Thai header over an English one", () => {
    expect([byCategory!.name, byDistrict!.name, meetings!.name]).toEqual([
      "สรุปตามประเภท",
      "สรุปตามอำเภอ",
      "สรุปการประชุม",
    ]);
    expect(HEADER_ROW_COUNT).toBe(2);
    expect(byCategory!.columns[0]).toMatchObject({ th: "ปี พ.ศ.", en: "year (BE)", numberFormat: "0" });
    expect(byCategory!.columns[1]!.th).toBe("อาหาร (จำนวน)");
  });

  it("writes baht as numbers, with satang shown only when a column has some", () => {
    expect(byCategory!.rows[0]).toEqual([2562, 0, 0, 0, 0, 1, 100.5, 0, 0, 0, 0, 1, 100.5]);
    expect(byCategory!.rows[2]).toEqual([
      "รวม (total)",
      0,
      0,
      0,
      0,
      1,
      100.5,
      0,
      0,
      1,
      200_000,
      2,
      200_100.5,
    ]);
    expect(byCategory!.columns[6]!.numberFormat).toBe("#,##0.00");
    expect(byCategory!.columns[10]!.numberFormat).toBe("#,##0");
    expect(byCategory!.chart?.seriesColumns).toEqual([1, 3, 5, 7, 9]);
  });

  it("lays the district table out as district × year with totals", () => {
    expect(byDistrict!.columns.map((c) => c.th).slice(2)).toEqual([
      "2562 (จำนวน)",
      "2562 (รายได้ บาท)",
      "2563 (จำนวน)",
      "2563 (รายได้ บาท)",
      "รวม (จำนวน)",
      "รวม (รายได้ บาท)",
    ]);
    expect(byDistrict!.rows.at(-1)).toEqual(["รวม", "total", 1, 100.5, 1, 200_000, 2, 200_100.5]);
  });
});

describe("the seed's figures from examples/kbo-sample.xlsx", async () => {
  const wb = await readWorkbook("examples/kbo-sample.xlsx");
  const v = validateWorkbook(wb, { today: "2020-01-13" });
  const products = v.products.map((r) => r.record!);
  const s = summarise(products);
  const json = summariesJson(s);
  const cell = (year: number, category: string) =>
    json.byCategory.find((r) => r.year === year && r.category === category)!;

  it("2562: 11 products (3 textile, 6 decor, 2 beverage), 272,500 baht", () => {
    const r = s.byCategory.rows.find((x) => x.year === 2562)!;
    expect(r.total).toEqual({ products: 11, revenueSatang: 272_500_00 });
    expect([
      cell(2562, "textile").products,
      cell(2562, "decor").products,
      cell(2562, "beverage").products,
    ]).toEqual([3, 6, 2]);
  });

  it("2563: 20 products 10/5/2/2/1, textile revenue 154,000 baht", () => {
    expect(cell(2563, "textile")).toEqual({
      year: 2563,
      category: "textile",
      products: 10,
      revenue: 154_000,
    });
    expect(["decor", "food", "beverage", "herbal"].map((c) => cell(2563, c).products)).toEqual([5, 2, 2, 1]);
    expect(s.byCategory.rows.find((x) => x.year === 2563)!.total.products).toBe(20);
  });
});
