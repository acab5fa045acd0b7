import { describe, expect, it } from "vitest";
import { summarise } from "../../../functions/src/domain/summaries.ts";
import {
  buildSummaryReportModel,
  defaultSummaryYear,
  NO_DATA,
  summaryFigures,
  summaryReportContent,
  wrapLabel,
} from "../../../functions/src/domain/summary-report-model.ts";
import { bangkokMonth, planMonthlySend } from "../../../functions/src/domain/summary-schedule.ts";
import { sampleSummaryInput } from "../../support/sample-summary.ts";

const input = await sampleSummaryInput();
const model = buildSummaryReportModel({ ...input, scope: "ตัวอย่าง", today: "2026-12-01" });

describe("summary report model: the sample workbook (the seed's figures)", () => {
  it("covers the latest year with products against the year before", () => {
    expect([model.previousYear, model.year]).toEqual([2562, 2563]);
    expect(defaultSummaryYear(input.summaries, "2020-06-01")).toBe(2563);
    // Never a year after this one, even when products are entered for next year.
    expect(defaultSummaryYear(input.summaries, "2019-06-01")).toBe(2562);
  });

  it("says the seed's sentences: 11 and 20 products, each category count, 272,500 baht", () => {
    expect(model.headlines[0]).toBe(
      "ปี 2562 มีผลิตภัณฑ์เข้าร่วม 11 ผลิตภัณฑ์ แบ่งเป็น ผ้าและเครื่องแต่งกาย จำนวน 3 ผลิตภัณฑ์ ของใช้ ของตกแต่ง ของที่ระลึก จำนวน 6 ผลิตภัณฑ์ และเครื่องดื่ม จำนวน 2 ผลิตภัณฑ์ รายได้รวม 272,500 บาท",
    );
    expect(model.headlines[1]).toMatch(
      /^ปี 2563 มีผลิตภัณฑ์เข้าร่วม 20 ผลิตภัณฑ์ แบ่งเป็น ผ้าและเครื่องแต่งกาย จำนวน 10 ผลิตภัณฑ์ ของใช้ ของตกแต่ง ของที่ระลึก จำนวน 5 ผลิตภัณฑ์ อาหาร จำนวน 2 ผลิตภัณฑ์ เครื่องดื่ม จำนวน 2 ผลิตภัณฑ์ และสมุนไพรที่ไม่ใช่อาหาร จำนวน 1 ผลิตภัณฑ์ รายได้รวม [\d,]+ บาท$/,
    );
    expect(model.comparison).toMatch(/^เทียบกับปี 2562 จำนวนผลิตภัณฑ์เพิ่มขึ้น 9 ผลิตภัณฑ์ \(ร้อยละ 81\.8\)/);
  });

  it("takes every figure from the summaries the summary tabs show", () => {
    const s = input.summaries;
    for (const line of model.categories.lines) {
      const [a, b] = [2562, 2563].map(
        (y) => s.byCategory.rows.find((r) => r.year === y)!.byCategory[line.code],
      );
      expect(line.products).toEqual([a!.products, b!.products]);
    }
    expect(model.categories.total.revenue[0]).toBe("272,500");
    const districtTotal = model.districts.lines.reduce((n, l) => n + l.products[1], 0);
    expect(districtTotal).toBe(20);
    expect(model.revenueByYear.years).toEqual([2559, 2560, 2561, 2562, 2563]);
    expect(model.revenueByYear.revenue[3]).toBe("272,500");
    // The charts show the same figures as the tables.
    expect(model.categories.chart!.series.map((x) => x.values)).toEqual([
      model.categories.lines.map((l) => l.products[0]),
      model.categories.lines.map((l) => l.products[1]),
    ]);
    expect(summaryFigures(model)).toContain("272,500");
  });

  it("lists the meetings of the year with their resolutions", () => {
    expect(model.meetings.map((m) => m.heading)).toEqual(["ครั้งที่ 1/2563 วันจันทร์ที่ 13 มกราคม 2563"]);
    expect(model.meetings[0]!.resolutions.length).toBeGreaterThan(2);
    expect(model.meetings[0]!.resolutions.map((r) => r.heading).join("\n")).toContain(
      "การพัฒนาผลิตภัณฑ์ OTOP โดยเครือข่ายองค์ความรู้ KBO จังหวัด",
    );
    expect(model.meetings[0]!.resolutions.every((r) => !r.heading.includes("เรื่องเรื่อง"))).toBe(true);
  });

  it("an empty year has no chart, and says ไม่มีข้อมูล", () => {
    const empty = buildSummaryReportModel({ ...input, year: 2570, scope: "ตัวอย่าง", today: "2026-12-01" });
    expect(empty.categories.chart).toBeNull();
    expect(empty.districts.chart).toBeNull();
    expect(empty.revenueByYear.chart).toBeNull();
    expect(empty.headlines[1]).toContain(NO_DATA);
    const none = buildSummaryReportModel({
      summaries: summarise([]),
      meetings: [],
      scope: "-",
      today: "2026-12-01",
    });
    expect(none.year).toBe(2569);
    expect(none.categories.chart).toBeNull();
  });

  it("a year without products has no revenue point and says ไม่มีข้อมูล, never 0 (no fall to zero)", () => {
    // The sample has products in 2562 and 2563 only.
    expect(model.revenueByYear.revenue).toEqual([NO_DATA, NO_DATA, NO_DATA, "272,500", "154,000"]);
    const line = model.revenueByYear.chart!;
    expect(line.series[0]!.values).toEqual([null, null, null, 272_500, 154_000]);
    expect(line.categories).toEqual([
      `2559\n${NO_DATA}`,
      `2560\n${NO_DATA}`,
      `2561\n${NO_DATA}`,
      "2562",
      "2563",
    ]);
    // A year after the last one with products is a gap too, not a drop.
    const later = buildSummaryReportModel({ ...input, year: 2564, scope: "ตัวอย่าง", today: "2026-12-01" });
    expect(later.revenueByYear.chart!.series[0]!.values).toEqual([null, null, 272_500, 154_000, null]);
    expect(later.revenueByYear.revenue.at(-1)).toBe(NO_DATA);
    expect(summaryFigures(model)).not.toContain(NO_DATA);
  });

  it("the fiscal year names its span and dates meetings by it", () => {
    const fiscal = buildSummaryReportModel({
      summaries: summarise(
        [],
        input.meetings.map((m) => ({ ...m, attendees: [] })),
        { basis: "fiscal" },
      ),
      meetings: input.meetings,
      year: 2563,
      scope: "-",
      today: "2026-12-01",
    });
    expect(fiscal.period).toBe("ปีงบประมาณ 2563 (1 ตุลาคม 2562 – 30 กันยายน 2563) เทียบกับปีงบประมาณ 2562");
    expect(fiscal.meetings).toHaveLength(1);
  });

  it("the revision leaves out only the date it was made", () => {
    const later = buildSummaryReportModel({ ...input, scope: "ตัวอย่าง", today: "2027-01-01" });
    expect(later.asOf).not.toBe(model.asOf);
    expect(summaryReportContent(later)).toBe(summaryReportContent(model));
  });

  it("wraps axis labels at Thai words", () => {
    expect(wrapLabel("อาหาร")).toBe("อาหาร");
    // Broken between dictionary words only: ผ้า|และ|เครื่อง|แต่ง|กาย.
    expect(wrapLabel("ผ้าและเครื่องแต่งกาย").split("\n")).toEqual(["ผ้าและเครื่อง", "แต่งกาย"]);
    expect(wrapLabel("ของใช้ ของตกแต่ง ของที่ระลึก").replace(/\n/g, " ").replace(/ +/g, " ")).toBe(
      "ของใช้ ของตกแต่ง ของที่ระลึก",
    );
  });
});

describe("the monthly send plan", () => {
  const dec = new Date("2026-12-01T01:00:00Z");
  it("the PDF to who never had this revision, the note to who had it earlier, nothing this month", () => {
    const sentAt = new Map([
      ["a@x.org", new Date("2026-11-01T01:00:00Z")],
      ["b@x.org", new Date("2026-12-01T01:00:10Z")],
    ]);
    expect(planMonthlySend(["a@x.org", "b@x.org", "c@x.org"], sentAt, bangkokMonth(dec))).toEqual({
      pdf: ["c@x.org"],
      note: ["a@x.org"],
      done: ["b@x.org"],
    });
  });
  it("months are Bangkok's: 31 Dec 20:00 UTC is already January", () => {
    expect(bangkokMonth(new Date("2026-12-31T20:00:00Z"))).toBe("2027-01");
  });
});
