// The form-11 report model as data: wording, order, "แทน …", reasons, digits and the canonical JSON.
import { describe, expect, it } from "vitest";
import type { MeetingWithDetails } from "../../../functions/src/domain/records.ts";
import {
  buildReportModel,
  compareItems,
  pageNumberText,
  positionText,
  reportContent,
  reportFileName,
  reportMeetingKey,
  reportTitle,
  splitCommitteeRole,
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

  it("orders agenda items numerically, heads main items ระเบียบวาระที่ N เรื่อง…, splits paragraphs", () => {
    expect(model.agenda.map((a) => [a.heading, a.level])).toEqual([
      ["ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ", 1],
      ["4.1 กิจกรรมที่ 1", 2],
      ["ระเบียบวาระที่ 10 เรื่องอื่น ๆ", 1],
    ]);
    expect(model.agenda[1]!.details).toEqual(["บรรทัดหนึ่ง", "บรรทัดสอง"]);
    expect(model.agenda[1]!.resolution).toEqual(["รับทราบ"]);
    expect(model.agenda[0]!.resolution).toEqual([]);
  });

  it("signs with the recorder and the checker, each position from its column or else the attendee row", () => {
    expect(model.signatures).toEqual([
      { role: "ผู้จดรายงานการประชุม", name: "นางสาวสมศรี ใจดี", position: "...................." },
      { role: "ผู้ตรวจรายงานการประชุม", name: "นายอาทร พิมชะนก", position: "พัฒนาการจังหวัดเชียงใหม่" },
    ]);
    const withColumns = buildReportModel({
      ...details,
      meeting: { ...details.meeting, recorderPosition: "นักวิชาการ", checkerPosition: "ผู้ตรวจ" },
    });
    expect(withColumns.signatures.map((s) => s.position)).toEqual(["นักวิชาการ", "ผู้ตรวจ"]);
  });

  it("splits an older workbook's 'name position' signatory cell at the end of the attendee's name", () => {
    const old = buildReportModel({
      ...details,
      meeting: { ...details.meeting, checker: "นายอาทร พิมชะนก พัฒนาการจังหวัดเชียงใหม่ กรรมการและเลขานุการ" },
    });
    expect(old.signatures[1]).toEqual({
      role: "ผู้ตรวจรายงานการประชุม",
      name: "นายอาทร พิมชะนก",
      position: "พัฒนาการจังหวัดเชียงใหม่ กรรมการและเลขานุการ",
    });
    expect(old.names).toContain("นายอาทร พิมชะนก");
    expect(old.names).not.toContain("นายอาทร พิมชะนก พัฒนาการจังหวัดเชียงใหม่ กรรมการและเลขานุการ");
  });

  it("opens with the sheet's line, else with the chair named, else with the form's words", () => {
    expect(model.opening).toEqual(["ประธานกล่าวเปิดประชุมและดำเนินการประชุมตามระเบียบวาระ ดังนี้"]);
    const chaired = buildReportModel({
      ...details,
      attendees: details.attendees.map((a, i) =>
        i === 0 ? { ...a, position: "รองผู้ว่าราชการจังหวัดเชียงใหม่ ประธานกรรมการ" } : a,
      ),
    });
    expect(chaired.opening).toEqual([
      "นายวิรุฬ พรรณเทวี รองผู้ว่าราชการจังหวัดเชียงใหม่ เป็นประธานในการประชุม กล่าวเปิดประชุมและดำเนินการประชุมตามระเบียบวาระ ดังนี้",
    ]);
    const own = buildReportModel({
      ...details,
      meeting: { ...details.meeting, opening: "ประธานกล่าวเปิดประชุม\nแล้วแจ้งระเบียบวาระ" },
    });
    expect(own.opening).toEqual(["ประธานกล่าวเปิดประชุม", "แล้วแจ้งระเบียบวาระ"]);
  });

  it("keeps every personal name, for the layout to hold together", () => {
    expect(model.names).toEqual([
      "นายวิรุฬ พรรณเทวี",
      "นายก ข",
      "นางค ง",
      "นายจ ฉ",
      "นายอาทร พิมชะนก",
      "นางสาวสมศรี ใจดี",
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
    expect(bare.signatures).toEqual([
      { role: "ผู้จดรายงานการประชุม", name: "....................", position: "...................." },
      { role: "ผู้ตรวจรายงานการประชุม", name: "....................", position: "...................." },
    ]);
    expect(reportMeetingKey(bare)).toBe("2-2563");
    expect(reportMeetingKey(model)).toBe("1-2563");
  });

  it("writes its own numbers in Thai digits when asked, leaving entered text as it was", () => {
    const thai = buildReportModel(details, { digits: "thai" });
    expect(thai.number).toBe("ครั้งที่ ๑/๒๕๖๓");
    expect(thai.date).toBe("เมื่อวันจันทร์ที่ ๑๓ มกราคม ๒๕๖๓");
    expect(thai.start).toBe("เริ่มประชุมเวลา ๐๙.๓๐ น.");
    expect(thai.agenda[2]!.heading).toBe("ระเบียบวาระที่ ๑๐ เรื่องอื่น ๆ");
    expect(thai.present[1]!.index).toBe("๒.");
    expect(thai.place).toBe("ณ ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ ชั้น 5");
    expect(pageNumberText(thai, 12)).toBe("- ๑๒ -");
    expect(pageNumberText(model, 2)).toBe("- 2 -");
  });
});

describe("positions", () => {
  it.each([
    // The job, the organisation unless the job names it, then the committee role.
    ["รองผู้ว่าราชการจังหวัดเชียงใหม่ ประธานกรรมการ", "จังหวัดเชียงใหม่", "รองผู้ว่าราชการจังหวัดเชียงใหม่ ประธานกรรมการ"],
    ["อาจารย์ประจำคณะวิจิตรศิลป์ กรรมการ", "มหาวิทยาลัยเชียงใหม่", "อาจารย์ประจำคณะวิจิตรศิลป์ มหาวิทยาลัยเชียงใหม่ กรรมการ"],
    [
      "ประธานเครือข่าย OTOP จังหวัดเชียงใหม่ กรรมการ",
      "เครือข่าย OTOP จังหวัดเชียงใหม่",
      "ประธานเครือข่าย OTOP จังหวัดเชียงใหม่ กรรมการ",
    ],
    ["อุตสาหกรรมจังหวัดเชียงใหม่ กรรมการ", "สำนักงานอุตสาหกรรมจังหวัดเชียงใหม่", "อุตสาหกรรมจังหวัดเชียงใหม่ กรรมการ"],
    [
      "พัฒนาการจังหวัดเชียงใหม่ กรรมการและเลขานุการ",
      "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่",
      "พัฒนาการจังหวัดเชียงใหม่ กรรมการและเลขานุการ",
    ],
    [
      "ผู้อำนวยการสำนักงาน ธ.ก.ส. จังหวัดเชียงใหม่ กรรมการ",
      "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร (ธ.ก.ส.)",
      "ผู้อำนวยการสำนักงาน ธ.ก.ส. จังหวัดเชียงใหม่ กรรมการ",
    ],
    ["นักวิชาการพาณิชย์ชำนาญการ", "สำนักงานพาณิชย์จังหวัดเชียงใหม่", "นักวิชาการพาณิชย์ชำนาญการ สำนักงานพาณิชย์จังหวัดเชียงใหม่"],
    ["", "ธ.ก.ส.", "ธ.ก.ส."],
    ["กรรมการ", undefined, "กรรมการ"],
  ] as const)("prints %s of %s as %s", (position, organisation, expected) => {
    expect(positionText(position, organisation)).toBe(expected);
  });

  it("reads the committee role off the end only when it stands as its own word", () => {
    expect(splitCommitteeRole("ผู้ช่วยเลขานุการ กรรมการและผู้ช่วยเลขานุการ")).toEqual({
      job: "ผู้ช่วยเลขานุการ",
      role: "กรรมการและผู้ช่วยเลขานุการ",
    });
    expect(splitCommitteeRole("ประธานเครือข่าย OTOP")).toEqual({ job: "ประธานเครือข่าย OTOP", role: "" });
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
