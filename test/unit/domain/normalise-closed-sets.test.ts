import { describe, expect, it } from "vitest";
import { DISTRICTS } from "../../../functions/src/domain/closed-sets.ts";
import { parseCategory } from "../../../functions/src/domain/normalise-category.ts";
import { parseDistrict } from "../../../functions/src/domain/normalise-district.ts";
import {
  parseAgendaItem,
  parseAttendance,
  parseMeetingNumber,
} from "../../../functions/src/domain/normalise-meeting.ts";
import { compareItems as compareAgendaItems } from "../../../functions/src/domain/report-model.ts";
import { type Expect, outcome, RANGE } from "./cases.ts";

describe("parseCategory", () => {
  const cases: [unknown, Expect<string>][] = [
    ["อาหาร", { value: "food" }],
    ["เครื่องดื่ม", { value: "beverage" }],
    ["ผ้าและเครื่องแต่งกาย", { value: "textile" }],
    ["ของใช้ ของตกแต่ง ของที่ระลึก", { value: "decor" }],
    ["ของใช้,ของตกแต่ง,ของที่ระลึก", { value: "decor" }],
    ["ของใช้ของตกแต่งของที่ระลึก", { value: "decor" }],
    ["สมุนไพรที่ไม่ใช่อาหาร", { value: "herbal" }],
    ["textile", { value: "textile" }],
    ["FOOD", { value: "food" }],
    ["Beverage", { value: "beverage" }],
    ["ประเภทอาหาร", { value: "food" }],
    [" ผ้าและ\u200Bเครื่องแต่งกาย ", { value: "textile" }],
    // the seed's own typos
    ["ผ้าแลเครื่องแต่งกาย", { value: "textile", warn: "CATEGORY_NEAR_MISS" }],
    ["ของใช้อของตกแต่ง ของที่ระลึก", { value: "decor", warn: "CATEGORY_NEAR_MISS" }],
    ["เครื่องดืม", { value: "beverage", warn: "CATEGORY_NEAR_MISS" }],
    ["สมุนไพรที่ไม่ใช้อาหาร", { value: "herbal", warn: "CATEGORY_NEAR_MISS" }],
    ["ขนม", { error: "CATEGORY_UNKNOWN" }],
    ["เครื่องประดับ", { error: "CATEGORY_UNKNOWN" }],
    ["ผ้า", { error: "CATEGORY_UNKNOWN" }],
    ["", { error: "REQUIRED" }],
    [5, { error: "CATEGORY_UNKNOWN" }],
  ];
  it.each(cases)("%j → %j", (input, expected) => {
    expect(outcome(parseCategory(input as never))).toEqual(expected);
  });

  it("says how a near miss was read", () => {
    const r = parseCategory("ผ้าแลเครื่องแต่งกาย");
    expect(r.ok && r.warnings[0]!.th).toContain('เป็น "ผ้าและเครื่องแต่งกาย"');
  });
});

describe("parseDistrict", () => {
  const cases: [unknown, Expect<string>][] = [
    ["สันกำแพง", { value: "สันกำแพง" }],
    ["อ.สันกำแพง", { value: "สันกำแพง" }],
    ["อ. สันกำแพง", { value: "สันกำแพง" }],
    ["อำเภอสันกำแพง", { value: "สันกำแพง" }],
    ["อำเภอ สันกำแพง จังหวัดเชียงใหม่", { value: "สันกำแพง" }],
    ["อ.หางดง จ.เชียงใหม่", { value: "หางดง" }],
    ["San Kamphaeng", { value: "สันกำแพง" }],
    ["san kamphaeng", { value: "สันกำแพง" }],
    ["Amphoe Mae Rim", { value: "แม่ริม" }],
    ["เมืองเชียงใหม่", { value: "เมืองเชียงใหม่" }],
    ["อ.เมือง", { value: "เมืองเชียงใหม่" }],
    ["อ.ฮอด", { value: "ฮอด" }],
    ["กัลยาณิวัฒนา", { value: "กัลยาณิวัฒนา" }],
    ["สันกำแพ", { error: "DISTRICT_UNKNOWN" }],
    ["แม่สาย", { error: "DISTRICT_UNKNOWN" }], // Chiang Rai's
    ["เชียงใหม่", { error: "DISTRICT_UNKNOWN" }],
    ["", { error: "REQUIRED" }],
  ];
  it.each(cases)("%j → %j", (input, expected) => {
    expect(outcome(parseDistrict(input as never))).toEqual(expected);
  });

  it("knows all 25 districts and suggests the nearest", () => {
    expect(DISTRICTS).toHaveLength(25);
    for (const d of DISTRICTS) expect(outcome(parseDistrict(`อ.${d.th}`))).toEqual({ value: d.th });
    const r = parseDistrict("แม่แตงง");
    expect(!r.ok && r.problem.th).toContain('"แม่แตง"');
  });
});

describe("parseMeetingNumber", () => {
  const cases: [unknown, Expect<string>][] = [
    ["1/2563", { value: "1/2563" }],
    ["ครั้งที่ 1/2563", { value: "1/2563" }],
    ["๑/๒๕๖๓", { value: "1/2563" }],
    ["1 / 2563", { value: "1/2563" }],
    ["01/2563", { value: "1/2563" }],
    ["12/2562", { value: "12/2562" }],
    ["1/63", { value: "1/2563", warn: "MEETING_YEAR_SHORT" }],
    ["1/2020", { error: "MEETING_NUMBER_GREGORIAN" }],
    ["1/2600", { error: "MEETING_YEAR_OUT_OF_RANGE" }],
    ["0/2563", { error: "MEETING_NUMBER_INVALID" }],
    ["1", { error: "MEETING_NUMBER_INVALID" }],
    [1, { error: "MEETING_NUMBER_INVALID" }],
    ["หนึ่ง", { error: "MEETING_NUMBER_INVALID" }],
    [new Date(Date.UTC(2563, 0, 1)), { error: "MEETING_NUMBER_BECAME_DATE" }],
    ["", { error: "REQUIRED" }],
  ];
  it.each(cases)("%j → %j", (input, expected) => {
    const r = parseMeetingNumber(input as never, RANGE);
    expect(outcome(r.ok ? { ...r, value: r.value.text } : r)).toEqual(expected);
  });
});

describe("parseAgendaItem", () => {
  const cases: [unknown, Expect<string>][] = [
    ["1", { value: "1" }],
    [1, { value: "1" }],
    ["4.1", { value: "4.1" }],
    [4.1, { value: "4.1" }],
    ["วาระที่ 3", { value: "3" }],
    ["๔.๒", { value: "4.2" }],
    ["01", { value: "1" }],
    ["3.1.2", { value: "3.1.2" }],
    ["ก", { error: "AGENDA_ITEM_INVALID" }],
    ["4.", { error: "AGENDA_ITEM_INVALID" }],
    ["", { error: "REQUIRED" }],
  ];
  it.each(cases)("%j → %j", (input, expected) => {
    expect(outcome(parseAgendaItem(input as never))).toEqual(expected);
  });

  it("orders items as people read them", () => {
    expect(["10", "4.2", "2", "4.1", "4"].sort(compareAgendaItems)).toEqual(["2", "4", "4.1", "4.2", "10"]);
  });
});

describe("parseAttendance", () => {
  const cases: [unknown, Expect<string>][] = [
    ["มาประชุม", { value: "present" }],
    ["ไม่มาประชุม", { value: "absent" }],
    ["ผู้เข้าร่วมประชุม", { value: "in_attendance" }],
    ["present", { value: "present" }],
    ["Absent", { value: "absent" }],
    ["in attendance", { value: "in_attendance" }],
    ["ลา", { value: "absent" }],
    [" มา ประชุม ", { value: "present" }],
    ["บางที", { error: "ATTENDANCE_UNKNOWN" }],
    ["", { error: "REQUIRED" }],
  ];
  it.each(cases)("%j → %j", (input, expected) => {
    expect(outcome(parseAttendance(input as never))).toEqual(expected);
  });
});
