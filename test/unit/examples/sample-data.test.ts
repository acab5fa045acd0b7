// The sample data reproduces the seed news post of KBO meeting 1/2563 (a copy is in test/fixtures):
// product counts per year and category, the 2562 revenue total, the meeting, its chair, and the
// three 2563 activities word for word. Checked on the data itself, independent of the validator.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ACTIVITIES_2563,
  SAMPLE_AGENDA,
  SAMPLE_ATTENDEES,
  SAMPLE_MEETING,
  SAMPLE_PRODUCTS,
} from "../../../examples/sample-data.ts";
import { CATEGORIES, DISTRICT_NAMES } from "../../../functions/src/domain/closed-sets.ts";

const SEED = readFileSync(new URL("../../fixtures/kbo-meeting-1-2563.th.txt", import.meta.url), "utf8");
/** The seed with the news post's two typos fixed, as the brief allows; nothing else changed. */
const SEED_FIXED = SEED.replace("ผ้าแลเครื่องแต่งกาย", "ผ้าและเครื่องแต่งกาย").replace(
  "ของใช้อของตกแต่ง",
  "ของใช้ ของตกแต่ง",
);

const CODE_BY_TH = new Map(CATEGORIES.map((c) => [c.th, c.code]));

/** Baht as staff type it ("45,000 บาท", 38000): hand-parsed here so this test needs no domain parser. */
function baht(value: number | string | undefined): number {
  if (value === undefined) return 0;
  if (typeof value === "number") return value;
  const m = /^\s*([\d,]+(?:\.\d{1,2})?)\s*(บาท)?\s*$/.exec(value);
  if (!m) throw new Error(`unparseable amount in the sample: ${value}`);
  return Number(m[1]!.replace(/,/g, ""));
}

function countBy(year: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of SAMPLE_PRODUCTS.filter((p) => p.year === year)) {
    const code = CODE_BY_TH.get(p.category) ?? `unknown:${p.category}`;
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

describe("sample products", () => {
  it("uses only the exact Thai category names of CATEGORIES", () => {
    for (const p of SAMPLE_PRODUCTS) expect(CODE_BY_TH.has(p.category), p.category).toBe(true);
  });

  it("has only the years 2562 and 2563", () => {
    expect(new Set(SAMPLE_PRODUCTS.map((p) => p.year))).toEqual(new Set([2562, 2563]));
  });

  it("2562: 11 products, 3 textile, 6 decor, 2 beverage", () => {
    expect(SAMPLE_PRODUCTS.filter((p) => p.year === 2562)).toHaveLength(11);
    expect(countBy(2562)).toEqual({ textile: 3, decor: 6, beverage: 2 });
  });

  it("2562: revenue 272,500 baht in all, some of it written as 'N บาท' text", () => {
    const y2562 = SAMPLE_PRODUCTS.filter((p) => p.year === 2562);
    expect(y2562.reduce((sum, p) => sum + baht(p.revenue), 0)).toBe(272_500);
    expect(y2562.every((p) => p.revenue !== undefined)).toBe(true);
    expect(y2562.some((p) => typeof p.revenue === "string" && p.revenue.endsWith(" บาท"))).toBe(true);
  });

  it("2563: 20 products, 10 textile, 5 decor, 2 food, 2 beverage, 1 herbal", () => {
    expect(SAMPLE_PRODUCTS.filter((p) => p.year === 2563)).toHaveLength(20);
    expect(countBy(2563)).toEqual({ textile: 10, decor: 5, food: 2, beverage: 2, herbal: 1 });
  });

  it("names real Chiang Mai districts, several of them, a few with the 'อ.' prefix", () => {
    const districts = SAMPLE_PRODUCTS.map((p) => p.district.replace(/^อ\./, ""));
    for (const d of districts) expect(DISTRICT_NAMES, d).toContain(d);
    expect(new Set(districts).size).toBeGreaterThanOrEqual(10);
    expect(SAMPLE_PRODUCTS.filter((p) => p.district.startsWith("อ.")).length).toBeGreaterThan(0);
  });

  it("gives Thai phone numbers in the 053-xxx-xxx or 0x-xxx-xxxx forms", () => {
    for (const p of SAMPLE_PRODUCTS) {
      expect(p.phone, p.product).toMatch(/^053-\d{3}-\d{3}$|^0[689]\d-\d{3}-\d{4}$/);
    }
  });

  it("names each product once per year, with a producer group", () => {
    for (const year of [2562, 2563]) {
      const names = SAMPLE_PRODUCTS.filter((p) => p.year === year).map((p) => p.product);
      expect(new Set(names).size).toBe(names.length);
    }
    for (const p of SAMPLE_PRODUCTS) expect(p.producer.trim()).not.toBe("");
  });
});

describe("sample meeting 1/2563", () => {
  it("is meeting 1/2563 of 13 January 2563 (2020-01-13), 09.30–12.00 น.", () => {
    expect(SAMPLE_MEETING.number).toBe("1/2563");
    expect(SAMPLE_MEETING.date.toISOString()).toBe("2020-01-13T00:00:00.000Z");
    expect(SAMPLE_MEETING.date.getUTCDay()).toBe(1); // วันจันทร์, as the seed says
    expect(SEED).toContain("วันจันทร์ที่ 13 มกราคม 2563");
    expect([SAMPLE_MEETING.start, SAMPLE_MEETING.end]).toEqual(["09.30 น.", "12.00 น."]);
  });

  it("has the title the brief gives and the seed's place word for word", () => {
    expect(SAMPLE_MEETING.title).toBe(
      "การประชุมคณะกรรมการเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) จังหวัดเชียงใหม่",
    );
    expect(SEED).toContain("การประชุมคณะกรรมการเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) ครั้งที่ 1/2563");
    expect(SEED).toContain(`ณ ${SAMPLE_MEETING.place}\n`);
  });

  it("sends the report to example domains only", () => {
    const emails = SAMPLE_MEETING.recipients.split(/,\s*/);
    expect(emails.length).toBeGreaterThanOrEqual(2);
    for (const e of emails) expect(e).toMatch(/^[a-z0-9.-]+@example\.(go\.th|org)$/);
  });
});

describe("sample attendees", () => {
  it("belong to meeting 1/2563", () => {
    for (const a of SAMPLE_ATTENDEES) expect(a.meeting).toBe("1/2563");
    expect(SAMPLE_ATTENDEES.length).toBeGreaterThanOrEqual(12);
    expect(SAMPLE_ATTENDEES.length).toBeLessThanOrEqual(16);
  });

  it("have the chair present, spelled as in the seed, first", () => {
    const chair = SAMPLE_ATTENDEES[0]!;
    expect(chair).toMatchObject({ name: "นายวิรุฬ พรรณเทวี", attendance: "มาประชุม" });
    expect(chair.position).toContain("ประธานกรรมการ");
    expect(SEED).toContain(`${chair.name} ${chair.position.replace(/ ประธานกรรมการ$/, "")} เป็นประธาน`);
  });

  it("have the provincial community development officer, spelled as in the seed", () => {
    const officer = SAMPLE_ATTENDEES.find((a) => a.name === "นายอาทร พิมชะนก");
    expect(officer?.attendance).toBe("มาประชุม");
    expect(SEED).toContain(`${officer?.name} พัฒนาการจังหวัดเชียงใหม่`);
  });

  it("cover the seed's sectors: government, universities, banks, the OTOP network", () => {
    const orgs = SAMPLE_ATTENDEES.map((a) => a.organisation).join("\n");
    for (const org of [
      "สำนักงานพาณิชย์จังหวัดเชียงใหม่",
      "สำนักงานอุตสาหกรรมจังหวัดเชียงใหม่",
      "มหาวิทยาลัยเชียงใหม่",
      "มหาวิทยาลัยแม่โจ้",
      "มหาวิทยาลัยราชภัฏเชียงใหม่",
      "ธนาคารออมสิน",
      "ธ.ก.ส.",
      "เครือข่าย OTOP จังหวัดเชียงใหม่",
    ]) {
      expect(orgs).toContain(org);
    }
  });

  it("include absentees with a reason, one substitute, and staff in attendance", () => {
    const absent = SAMPLE_ATTENDEES.filter((a) => a.attendance === "ไม่มาประชุม");
    expect(absent.length).toBeGreaterThanOrEqual(1);
    expect(absent.length).toBeLessThanOrEqual(2);
    for (const a of absent) expect(a.reason).toBe("ติดราชการ");
    const substitutes = SAMPLE_ATTENDEES.filter((a) => a.onBehalfOf);
    expect(substitutes).toHaveLength(1);
    expect(substitutes[0]?.attendance).toBe("มาประชุม");
    expect(SAMPLE_ATTENDEES.filter((a) => a.attendance === "ผู้เข้าร่วมประชุม").length).toBeGreaterThanOrEqual(1);
    expect(SAMPLE_ATTENDEES.filter((a) => a.attendance !== "มาประชุม" && a.reason === undefined).length).toBe(
      SAMPLE_ATTENDEES.filter((a) => a.attendance === "ผู้เข้าร่วมประชุม").length,
    );
  });

  it("name each person once", () => {
    const names = SAMPLE_ATTENDEES.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("sample agenda", () => {
  const byItem = new Map(SAMPLE_AGENDA.map((a) => [a.item, a]));

  it("has items 1, 2, 3, 3.1, 3.2, 4, 4.1–4.3 and 5 in order, all of meeting 1/2563", () => {
    expect(SAMPLE_AGENDA.map((a) => a.item)).toEqual([
      "1",
      "2",
      "3",
      "3.1",
      "3.2",
      "4",
      "4.1",
      "4.2",
      "4.3",
      "5",
    ]);
    for (const a of SAMPLE_AGENDA) expect(a.meeting).toBe("1/2563");
    expect(byItem.get("1")?.subject).toBe("เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ");
    expect(byItem.get("2")?.subject).toBe("รับรองรายงานการประชุม");
    expect(byItem.get("3")?.subject).toBe("เรื่องเพื่อทราบ");
    expect(byItem.get("4")?.subject).toBe("เรื่องเพื่อพิจารณา");
    expect(byItem.get("5")?.subject).toBe("เรื่องอื่น ๆ");
  });

  it("lists the three 2563 activities as 4.1–4.3, word for word as the seed", () => {
    ACTIVITIES_2563.forEach((activity, i) => {
      expect(SEED).toContain(`${i + 1}. ${activity}\n`);
      expect(byItem.get(`4.${i + 1}`)?.subject).toBe(activity);
    });
    expect(ACTIVITIES_2563).toEqual([
      "การพัฒนาศักยภาพเครือข่ายองค์ความรู้ KBO จังหวัด",
      "การพัฒนาผลิตภัณฑ์ OTOP โดยเครือข่ายองค์ความรู้ KBO จังหวัด",
      "การประกวดและเผยแพร่ผลการดำเนินงานเครือข่ายองค์ความรู้ โดยกรมการพัฒนาชุมชน",
    ]);
  });

  it("reports the seed's 2562 and 2563 figures in 3.1 and 3.2, in the seed's (typo-fixed) words", () => {
    const d31 = byItem.get("3.1")?.details ?? "";
    const d32 = byItem.get("3.2")?.details ?? "";
    for (const figure of ["11 ผลิตภัณฑ์", "จำนวน 3 ผลิตภัณฑ์", "จำนวน 6 ผลิตภัณฑ์", "จำนวน 2 ผลิตภัณฑ์", "272,500 บาท"]) {
      expect(d31).toContain(figure);
    }
    expect(d32).toContain("จำนวน 20 ผลิตภัณฑ์");
    expect(d32).toContain("สมุนไพรที่ไม่ใช่อาหาร จำนวน 1 ผลิตภัณฑ์");
    // Everything after each item's own lead-in is the seed's sentence, unchanged but for the typos.
    expect(SEED_FIXED).toContain(d31.replace(/^การดำเนินงานในปี 2562 ที่ผ่านมา /, ""));
    expect(SEED_FIXED).toContain(d32.replace(/^ในปี 2563 /, ""));
    expect(SEED_FIXED).toContain(byItem.get("4")?.details ?? "(missing)");
    expect(SEED_FIXED).toContain((byItem.get("1")?.details ?? "(missing)").replace(/^ประธานแจ้งว่า /, ""));
    expect(d31).not.toContain("ผ้าแลเครื่อง");
    expect(d31).not.toContain("ของใช้อของ");
  });

  it("records a resolution for every item that is not a heading", () => {
    for (const a of SAMPLE_AGENDA.filter((a) => a.item !== "3" && a.item !== "4")) {
      expect(a.resolution, a.item).toMatch(/^ที่ประชุม(รับทราบ|เห็นชอบ|รับรอง)/);
    }
  });
});
