// The form-11 report model as data: wording, order, "แทน …", reasons, digits and the canonical JSON.
import { describe, expect, it } from "vitest";
import type { MeetingWithDetails } from "../../../functions/src/domain/records.ts";
import {
  buildReportModel,
  compareItems,
  pageNumberText,
  reportContent,
  reportFileName,
  reportMeetingKey,
  reportTitle,
  thaiTime,
} from "../../../functions/src/domain/report-model.ts";

const details: MeetingWithDetails = {
  meeting: {
    id: "MTG-2563-001",
    number: "1/2563",
    title: "คณะกรรมการเครือข่ายองค์ความรู้ (KBO)",
    date: "2020-01-13",
    start: "09:30",
    end: "12:00",
    place: "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ ชั้น 5",
    recorder: "นางสาวสมศรี ใจดี",
    checker: "นายอาทร พิมชะนก",
    recipients: ["manager@example.org"],
  },
  attendees: [
    {
      meeting: "1/2563",
      name: "นายวิรุฬ พรรณเทวี",
      position: "รองผู้ว่าราชการจังหวัดเชียงใหม่",
      attendance: "present",
    },
    {
      meeting: "1/2563",
      name: "นายก ข",
      position: "ผู้อำนวยการ",
      organisation: "ธ.ก.ส.",
      attendance: "absent",
      reason: "ติดราชการ",
    },
    { meeting: "1/2563", name: "นางค ง", attendance: "present", onBehalfOf: "นายจ ฉ" },
    {
      meeting: "1/2563",
      name: "นายอาทร พิมชะนก",
      position: "พัฒนาการจังหวัดเชียงใหม่",
      attendance: "in_attendance",
    },
    { meeting: "2/2563", name: "คนอื่น", attendance: "present" },
  ],
  agenda: [
    { meeting: "1/2563", item: "10", subject: "อื่น ๆ" },
    {
      meeting: "1/2563",
      item: "4.1",
      subject: "กิจกรรมที่ 1",
      details: "บรรทัดหนึ่ง\n\n  บรรทัดสอง  ",
      resolution: "รับทราบ",
    },
    { meeting: "1/2563", item: "1", subject: "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ" },
    { meeting: "2/2563", item: "1", subject: "ของการประชุมอื่น" },
  ],
};

describe("buildReportModel", () => {
  const model = buildReportModel(details);

  it.each([
    ["title", "รายงานการประชุม คณะกรรมการเครือข่ายองค์ความรู้ (KBO)"],
    ["number", "ครั้งที่ 1/2563"],
    ["date", "เมื่อวันจันทร์ที่ 13 มกราคม 2563"],
    ["place", "ณ ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ ชั้น 5"],
    ["start", "เริ่มประชุมเวลา 09.30 น."],
    ["end", "เลิกประชุมเวลา 12.00 น."],
    ["fileName", "รายงานการประชุม ครั้งที่ 1-2563.pdf"],
  ] as const)("writes %s as %s", (field, expected) => {
    expect(model[field]).toBe(expected);
  });

  it("groups attendees of this meeting only, in sheet order, with แทน and reasons", () => {
    expect(model.present).toEqual([
      { index: "1.", name: "นายวิรุฬ พรรณเทวี", position: "รองผู้ว่าราชการจังหวัดเชียงใหม่", note: "" },
      { index: "2.", name: "นางค ง", position: "", note: "แทน นายจ ฉ" },
    ]);
    expect(model.absent).toEqual([
      { index: "1.", name: "นายก ข", position: "ผู้อำนวยการ ธ.ก.ส.", note: "ติดราชการ" },
    ]);
    expect(model.inAttendance.map((p) => p.name)).toEqual(["นายอาทร พิมชะนก"]);
  });

  it("orders agenda items numerically, labels main items วาระที่, splits paragraphs", () => {
    expect(model.agenda.map((a) => [a.label, a.level])).toEqual([
      ["วาระที่ 1", 1],
      ["4.1", 2],
      ["วาระที่ 10", 1],
    ]);
    expect(model.agenda[1]!.details).toEqual(["บรรทัดหนึ่ง", "บรรทัดสอง"]);
    expect(model.agenda[1]!.resolution).toEqual(["รับทราบ"]);
    expect(model.agenda[0]!.resolution).toEqual([]);
  });

  it("signs with the recorder and the checker", () => {
    expect(model.signatures).toEqual([
      { role: "ผู้จดรายงานการประชุม", name: "นางสาวสมศรี ใจดี" },
      { role: "ผู้ตรวจรายงานการประชุม", name: "นายอาทร พิมชะนก" },
    ]);
  });

  it("leaves dotted blanks where the sheet has no time, place or recorder", () => {
    const bare = buildReportModel({
      meeting: { number: "2/2563", title: "ท", date: "2020-02-03", recipients: [] },
      attendees: [],
      agenda: [],
    });
    expect(bare.start).toBe("เริ่มประชุมเวลา ....................");
    expect(bare.place).toBe("ณ ....................");
    expect(bare.signatures).toEqual([{ role: "ผู้จดรายงานการประชุม", name: "" }]);
    expect(reportMeetingKey(bare)).toBe("2-2563");
    expect(reportMeetingKey(model)).toBe("1-2563");
  });

  it("writes its own numbers in Thai digits when asked, leaving entered text as it was", () => {
    const thai = buildReportModel(details, { digits: "thai" });
    expect(thai.number).toBe("ครั้งที่ ๑/๒๕๖๓");
    expect(thai.date).toBe("เมื่อวันจันทร์ที่ ๑๓ มกราคม ๒๕๖๓");
    expect(thai.start).toBe("เริ่มประชุมเวลา ๐๙.๓๐ น.");
    expect(thai.agenda[2]!.label).toBe("วาระที่ ๑๐");
    expect(thai.present[1]!.index).toBe("๒.");
    expect(thai.place).toBe("ณ ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ ชั้น 5");
    expect(pageNumberText(thai, 12)).toBe("- ๑๒ -");
    expect(pageNumberText(model, 2)).toBe("- 2 -");
  });
});

describe("helpers", () => {
  it.each([
    ["1", "2", -1],
    ["4", "4.1", -1],
    ["4.2", "10", -1],
    ["10", "9", 1],
    ["3", "3", 0],
  ] as const)("compareItems(%s, %s) has the sign of %d", (a, b, sign) => {
    expect(Math.sign(compareItems(a, b))).toBe(sign);
  });

  it.each([
    ["คณะกรรมการ KBO", "รายงานการประชุม คณะกรรมการ KBO"],
    ["การประชุมคณะกรรมการ KBO", "รายงานการประชุมคณะกรรมการ KBO"],
    ["ประชุมคณะทำงาน", "รายงานการประชุมคณะทำงาน"],
  ] as const)("titles %s as %s", (title, expected) => {
    expect(reportTitle(title)).toBe(expected);
  });

  it("formats times and file names", () => {
    expect(thaiTime("13:05")).toBe("13.05 น.");
    expect(reportFileName("12/2564")).toBe("รายงานการประชุม ครั้งที่ 12-2564.pdf");
  });

  it("keys and hashes a report by what it shows, not by the record id it got at its first sync", () => {
    const beforeSync = buildReportModel({ ...details, meeting: { ...details.meeting, id: undefined } });
    const afterSync = buildReportModel(details);
    expect(afterSync.meetingId).toBe("MTG-2563-001");
    expect(reportContent(beforeSync)).toBe(reportContent(afterSync));
    expect(reportMeetingKey(beforeSync)).toBe(reportMeetingKey(afterSync));
    const edited = buildReportModel({ ...details, meeting: { ...details.meeting, place: "ห้องประชุมอื่น" } });
    expect(reportContent(edited)).not.toBe(reportContent(afterSync));
  });
});
