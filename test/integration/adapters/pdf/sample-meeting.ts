// Meetings the report tests and the benchmark render: the seed's meeting 1/2563 with words whose
// marks break weak PDF text layers (ำ, ้ำ, ญ, ฐ, ฎ, ปี่), a hard-Thai meeting, and a large meeting
// that spans pages.
import type { AgendaItem, Attendee, MeetingWithDetails } from "../../../../functions/src/domain/records.ts";

/** Thai that PDF text layers and line breakers get wrong: marks, ligature-like vowels, abbreviations. */
export const HARD_THAI = [
  "น้ำ",
  "ฤๅษี",
  "ฦๅ",
  "กรุงเทพฯ",
  "ฯลฯ",
  "ๆ",
  "ฎีกา",
  "ปฏิบัติ",
  "ฐุ",
  "ญู",
  "ปี่ ปั้น กั๊ก",
  "๐๑๒๓๔๕๖๗๘๙",
  "ม.ร.ว.",
  "พล.ต.อ.",
  "ว่าที่ร้อยตรี",
] as const;

/** 300 characters of Thai without a space: the line breaker must find the words itself. */
export const SENTENCE_300 =
  "การพัฒนาเครือข่ายองค์ความรู้จังหวัดเชียงใหม่โดยการเชื่อมต่อและบูรณาการการพัฒนากับหน่วยงานภาคีที่เกี่ยวข้องเพื่อเป็นศูนย์รวมของแหล่งความรู้ด้านกระบวนการส่งเสริมการเรียนรู้การผลิตการตลาดการพัฒนาผลิตภัณฑ์ที่เกิดจากภูมิปัญญาท้องถิ่นและการมีส่วนร่วมของประชาชนเพื่อสร้างงานสร้างอาชีพให้ชุมชนมีรายได้ยั่งยืน";

/** Emoji a staff member may type: a face, a skin tone, a family (joined by ZWJ), a flag. */
export const EMOJI = ["😀", "👍🏽", "👨‍👩‍👧", "🇹🇭"] as const;

/** Names the earlier report broke inside a part: "นายธนพล สุวรรณ|คำ", "รศ.ดร.นภาพร แก้ว|ประเสริฐ". */
export const SPLIT_BEFORE = ["นายธนพล สุวรรณคำ", "รศ.ดร.นภาพร แก้วประเสริฐ", "นายสุริยา ปัญญาวงค์"] as const;

/** A paragraph naming each of SPLIT_BEFORE after runs of every length, so some fall at a line's end. */
function namesEverywhere(): string {
  return Array.from({ length: 24 }, (_, i) => `${"ประชุม".repeat((i % 6) + 1)} ${SPLIT_BEFORE[i % 3]}`).join(
    " ",
  );
}

/** A meeting whose every text is hard: titled names, long names, the strings above, emoji. */
export function hardThaiMeeting(): MeetingWithDetails {
  const number = "2/2563";
  const [
    water,
    hermit,
    lu,
    bangkok,
    etc,
    repeat,
    petition,
    practice,
    thu,
    yu,
    marks,
    digits,
    mrw,
    polto,
    acting,
  ] = HARD_THAI;
  return {
    meeting: {
      number,
      title: `คณะทำงาน${practice}การ${petition} ${bangkok} ${etc}`,
      date: "2020-02-03",
      start: "13:00",
      end: "16:30",
      place: `ศาลา${water}ใจ ${bangkok} ชั้น ${digits}`,
      recorder: `${acting}${practice} ญาณวุฒิ`,
      recorderPosition: `นักวิชาการ${practice}การ`,
      checker: `${mrw}สุขุมพันธุ์ ฤทธิ์ฤๅชัย`,
      checkerPosition: `ผู้อำนวยการกอง${petition}`,
      opening: `ประธานกล่าวเปิดประชุม ${EMOJI.join(" ")} ${repeat}`,
      recipients: ["manager@example.org"],
    },
    attendees: [
      {
        meeting: number,
        name: `${polto}ฤๅชัย ${thu}ปกรณ์${yu}`,
        position: `ผู้บัญชาการ${hermit} ${lu} ประธานกรรมการ`,
        attendance: "present",
      },
      {
        meeting: number,
        name: `${mrw}ปี่ ปั้นกั๊กวงศ์`,
        position: `ที่ปรึกษา${marks}`,
        organisation: `สำนักงาน${bangkok}`,
        attendance: "present",
        onBehalfOf: `${acting}สมศักดิ์ ฐิติกุล`,
      },
      {
        meeting: number,
        name: "นางสาวกัลยาณีวัฒนาภรณ์ ศรีสุวรรณวิจิตรกุลชัย",
        position: "ผู้ช่วยเลขานุการ",
        attendance: "absent",
        reason: `ติด${practice}ราชการ ${etc}`,
      },
      {
        meeting: number,
        name: `${acting}${practice} ญาณวุฒิ`,
        position: "เลขานุการ",
        attendance: "in_attendance",
      },
      ...SPLIT_BEFORE.map((name) => ({ meeting: number, name, attendance: "in_attendance" as const })),
    ],
    agenda: [
      {
        meeting: number,
        item: "1",
        subject: `เรื่อง${HARD_THAI.join(" ")}`,
        details: `${SENTENCE_300}\n${SENTENCE_300}${EMOJI.join("")}`,
        resolution: `ที่ประชุมรับทราบ ${repeat} ${etc}`,
      },
      {
        meeting: number,
        item: "1.1",
        subject: `${water}${hermit}${lu}${bangkok}`,
        details: `${digits} ${water} ${thu} ${yu} ${marks} ${polto} ${mrw}\n${namesEverywhere()}`,
        resolution: "เห็นชอบ",
      },
    ],
  };
}

export const TRICKY_WORDS = ["น้ำพริกหนุ่ม", "ทำ", "ญาติ", "ฐานข้อมูล", "กฎหมาย", "ปี่ซอ", "จำหน่าย", "ผู้ใหญ่"];

export function seedMeeting(): MeetingWithDetails {
  const number = "1/2563";
  return {
    meeting: {
      id: "MTG-2563-001",
      number,
      title: "คณะกรรมการเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) จังหวัดเชียงใหม่",
      date: "2020-01-13",
      start: "09:30",
      end: "12:00",
      place: "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ ชั้น 5 อาคารอำนวยการ ศาลากลางจังหวัดเชียงใหม่",
      recorder: "นางสาวญาณิศา ฐิติกุล",
      checker: "นายอาทร พิมชะนก",
      recipients: ["manager@example.org", "otop@example.org"],
    },
    attendees: [
      {
        meeting: number,
        name: "นายวิรุฬ พรรณเทวี",
        position: "รองผู้ว่าราชการจังหวัดเชียงใหม่",
        organisation: "ประธาน",
        attendance: "present",
      },
      {
        meeting: number,
        name: "นางน้ำฝน ทำดี",
        position: "นักวิชาการพัฒนาชุมชนชำนาญการ",
        attendance: "present",
        onBehalfOf: "ผู้อำนวยการกองทุนฎีกา",
      },
      {
        meeting: number,
        name: "นายปี่ซอ เชียงใหม่",
        position: "ประธานเครือข่าย OTOP",
        organisation: "เครือข่ายผู้ผลิตผู้ประกอบการ OTOP",
        attendance: "present",
      },
      {
        meeting: number,
        name: "นายกฎ ฐานะดี",
        position: "ผู้จัดการ",
        organisation: "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร",
        attendance: "absent",
        reason: "ติดราชการสำคัญ",
      },
      {
        meeting: number,
        name: "นายอาทร พิมชะนก",
        position: "พัฒนาการจังหวัดเชียงใหม่",
        attendance: "in_attendance",
      },
    ],
    agenda: [
      {
        meeting: number,
        item: "1",
        subject: "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ",
        details: "ประธานแจ้งการพัฒนาเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) จังหวัดเชียงใหม่",
        resolution: "ที่ประชุมรับทราบ",
      },
      {
        meeting: number,
        item: "2",
        subject: "สรุปผลการดำเนินงานปี 2562",
        details:
          "ผลิตภัณฑ์ทั้งสิ้น 11 ผลิตภัณฑ์ มีรายได้ในการจำหน่ายในปี 2562 รวม 272,500 บาท\nน้ำพริกหนุ่มและปี่ซอของผู้ใหญ่บ้านญาติดี ฐานข้อมูลตามกฎหมาย",
        resolution: "ที่ประชุมรับทราบ",
      },
      { meeting: number, item: "3", subject: "โครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้ ปี 2563 จำนวน 3 กิจกรรม" },
      {
        meeting: number,
        item: "3.1",
        subject: "การพัฒนาศักยภาพเครือข่ายองค์ความรู้ KBO จังหวัด",
        resolution: "เห็นชอบ",
      },
      {
        meeting: number,
        item: "3.2",
        subject: "การพัฒนาผลิตภัณฑ์ OTOP โดยเครือข่ายองค์ความรู้ KBO จังหวัด",
        resolution: "เห็นชอบ",
      },
      {
        meeting: number,
        item: "3.3",
        subject: "การประกวดและเผยแพร่ผลการดำเนินงานเครือข่ายองค์ความรู้ โดยกรมการพัฒนาชุมชน",
        resolution: "เห็นชอบ",
      },
    ],
  };
}

/** A meeting with `people` attendees and `items` agenda items, each with a paragraph or two. */
export function largeMeeting(people = 60, items = 15): MeetingWithDetails {
  const base = seedMeeting();
  const number = base.meeting.number;
  const kinds: Attendee["attendance"][] = ["present", "present", "present", "absent", "in_attendance"];
  const attendees: Attendee[] = Array.from({ length: people }, (_, i) => ({
    meeting: number,
    name: `นายทดสอบ ลำดับที่${i + 1} นามสกุลยาวพอสมควร`,
    position: "ผู้แทนหน่วยงานภาคีเครือข่ายองค์ความรู้",
    organisation: `สำนักงานที่ ${i + 1}`,
    attendance: kinds[i % kinds.length]!,
    ...(i % kinds.length === 3 ? { reason: "ติดภารกิจ" } : {}),
  }));
  const agenda: AgendaItem[] = Array.from({ length: items }, (_, i) => ({
    meeting: number,
    item: String(i + 1),
    subject: `เรื่องที่ ${i + 1} การพัฒนาผลิตภัณฑ์น้ำพริกและผ้าทอ`,
    details:
      "ฝ่ายเลขานุการได้สรุปการดำเนินงานของกลุ่มผู้ผลิตผู้ประกอบการ OTOP จังหวัดเชียงใหม่ ซึ่งเข้าร่วมการพัฒนาผลิตภัณฑ์ตามโครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้ เพื่อสร้างงาน สร้างอาชีพ ทำให้ชุมชนมีรายได้ยั่งยืน",
    resolution: "ที่ประชุมรับทราบและเห็นชอบ",
  }));
  return { meeting: base.meeting, attendees, agenda };
}
