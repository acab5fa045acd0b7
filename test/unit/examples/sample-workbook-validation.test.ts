// The seed's figures, through the real reader and validator: the sample workbook is our first
// acceptance test.
import { describe, expect, it } from "vitest";
import { readWorkbook } from "../../../functions/src/adapters/workbook/read-workbook.ts";
import { thaiLongDate } from "../../../functions/src/domain/thai-format.ts";
import { validateWorkbook } from "../../../functions/src/domain/validate-workbook.ts";

describe("examples/kbo-sample.xlsx", async () => {
  const wb = await readWorkbook("examples/kbo-sample.xlsx");
  const v = validateWorkbook(wb, { today: "2020-01-13" });
  const products = v.products.map((r) => r.record!);
  const count = (year: number) => {
    const byCategory: Record<string, number> = {};
    for (const p of products.filter((p) => p.year === year))
      byCategory[p.category] = (byCategory[p.category] ?? 0) + 1;
    return byCategory;
  };

  it("is valid, without a single issue", () => {
    expect(v.ok).toBe(true);
    expect(v.issues).toEqual([]);
  });

  it("has the 11 products of 2562 (3 textile, 6 decor, 2 beverage) with 272,500 baht in all", () => {
    expect(count(2562)).toEqual({ textile: 3, decor: 6, beverage: 2 });
    const satang = products.filter((p) => p.year === 2562).reduce((s, p) => s + (p.revenueSatang ?? 0), 0);
    expect(satang).toBe(272_500 * 100);
  });

  it("has the 20 products of 2563 (10 textile, 5 decor, 2 food, 2 beverage, 1 herbal)", () => {
    expect(count(2563)).toEqual({ textile: 10, decor: 5, food: 2, beverage: 2, herbal: 1 });
  });

  it("has meeting 1/2563 of Monday 13 January 2563 with its chair and the three activities", () => {
    const meeting = v.meetings.find((m) => m.record?.number === "1/2563")!.record!;
    expect(thaiLongDate(meeting.date, { weekday: true })).toBe("วันจันทร์ที่ 13 มกราคม 2563");
    expect(meeting.place).toContain("ศาลากลางจังหวัดเชียงใหม่");
    // The report's signature blocks: each signatory's name and position in their own columns.
    expect(meeting).toMatchObject({
      recorder: "นางสาวศิริพร ใจคำ",
      recorderPosition: "นักวิชาการพัฒนาชุมชนชำนาญการ",
      checker: "นางวิไลวรรณ ปัญญาดี",
      checkerPosition: "หัวหน้ากลุ่มงานส่งเสริมการพัฒนาเศรษฐกิจชุมชน",
    });
    const chair = v.attendees.find((a) => a.record?.name === "นายวิรุฬ พรรณเทวี")!.record!;
    expect(chair).toMatchObject({ meeting: "1/2563", attendance: "present" });
    const subjects = v.agenda.map((a) => `${a.record!.subject} ${a.record!.details ?? ""}`).join("\n");
    for (const activity of [
      "การพัฒนาศักยภาพเครือข่ายองค์ความรู้ KBO จังหวัด",
      "การพัฒนาผลิตภัณฑ์ OTOP โดยเครือข่ายองค์ความรู้ KBO จังหวัด",
      "การประกวดและเผยแพร่ผลการดำเนินงานเครือข่ายองค์ความรู้ โดยกรมการพัฒนาชุมชน",
    ]) {
      expect(subjects).toContain(activity);
    }
  });
});
