// The meeting report as plain data, in the order of form 11 of the Regulation on Correspondence
// (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. 2526, แบบที่ 11). The PDF adapter only lays this out;
// every word and number the reader sees is decided here, so it is tested as data.
import { canonicalJson } from "./content-hash.ts";
import type { Attendee, MeetingWithDetails } from "./records.ts";
import { thaiLongDate } from "./thai-date.ts";
import { toThaiDigits } from "./thai-digits.ts";

export const DIGIT_STYLES = ["arabic", "thai"] as const;
export type DigitStyle = (typeof DIGIT_STYLES)[number];

export interface ReportOptions {
  /** Digits of the numbers the report writes itself (number, date, times, row numbers, pages). */
  digits?: DigitStyle;
}

/** The form's fixed wording, in the order the headings appear on the page. */
export const REPORT_HEADINGS = {
  title: "รายงานการประชุม",
  number: "ครั้งที่",
  date: "เมื่อ",
  place: "ณ",
  present: "ผู้มาประชุม",
  absent: "ผู้ไม่มาประชุม",
  inAttendance: "ผู้เข้าร่วมประชุม",
  start: "เริ่มประชุมเวลา",
  item: "วาระที่",
  subject: "เรื่อง",
  resolution: "มติที่ประชุม",
  end: "เลิกประชุมเวลา",
  recorder: "ผู้จดรายงานการประชุม",
  checker: "ผู้ตรวจรายงานการประชุม",
} as const;

/** Column headings of the attendance tables. */
export const PERSON_COLUMNS = {
  index: "ลำดับ",
  name: "ชื่อ - สกุล",
  position: "ตำแหน่ง",
  note: "หมายเหตุ",
} as const;

export const NONE_TEXT = "- ไม่มี -";
/** Shown where the sheet left a time or a signatory blank, for the recorder to fill in by hand. */
export const BLANK_TEXT = "....................";

export interface ReportPerson {
  index: string;
  name: string;
  /** Position and organisation, as entered, joined by a space. */
  position: string;
  /** "แทน …" for a substitute, the reason for an absence, else "". */
  note: string;
}

export interface ReportAgendaItem {
  /** "วาระที่ 1" for a main item, "4.1" for a sub-item. */
  label: string;
  /** 1 for a main item, 2 and more for sub-items. */
  level: number;
  subject: string;
  /** Paragraphs of the details, as entered (one per line of the cell). */
  details: string[];
  /** Paragraphs of the resolution; empty when none was recorded. */
  resolution: string[];
}

export interface ReportSignature {
  role: string;
  name: string;
}

export interface ReportModel {
  meetingNumber: string;
  meetingId?: string;
  title: string;
  number: string;
  date: string;
  place: string;
  present: ReportPerson[];
  absent: ReportPerson[];
  inAttendance: ReportPerson[];
  start: string;
  agenda: ReportAgendaItem[];
  end: string;
  signatures: ReportSignature[];
  recipients: string[];
  digits: DigitStyle;
  fileName: string;
}

const paragraphs = (text: string | undefined): string[] =>
  (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/** "09:30" → "09.30 น.", the way Thai official documents write times. */
export const thaiTime = (hhmm: string): string => `${hhmm.replace(":", ".")} น.`;

/** Numeric order of agenda items: 1 < 2 < 4 < 4.1 < 4.2 < 10. */
export function compareItems(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1;
    const y = pb[i] ?? -1;
    if (x !== y) return x - y;
  }
  return 0;
}

function personRows(attendees: Attendee[], digits: (s: string) => string): ReportPerson[] {
  return attendees.map((a, i) => ({
    index: digits(`${i + 1}.`),
    name: a.name,
    position: [a.position, a.organisation].filter((s) => s?.trim()).join(" "),
    note: a.attendance === "present" && a.onBehalfOf ? `แทน ${a.onBehalfOf}` : (a.reason ?? ""),
  }));
}

/** The file name the PDF travels under: "รายงานการประชุม ครั้งที่ 1-2563.pdf". */
export const reportFileName = (meetingNumber: string, digits: (s: string) => string = (s) => s): string =>
  `${REPORT_HEADINGS.title} ${REPORT_HEADINGS.number} ${digits(meetingNumber.replace("/", "-"))}.pdf`;

/** "รายงานการประชุม" + the meeting's name; a title already starting "การประชุม…" is not doubled. */
export function reportTitle(title: string): string {
  const rest = title.trim().replace(/^(การ)?ประชุม\s*/, "");
  return rest === title.trim() ? `${REPORT_HEADINGS.title} ${rest}` : `${REPORT_HEADINGS.title}${rest}`;
}

/** Builds the form-11 document of a meeting. Attendees keep the sheet's order within each group. */
export function buildReportModel(input: MeetingWithDetails, options: ReportOptions = {}): ReportModel {
  const style = options.digits ?? "arabic";
  const digits = style === "thai" ? toThaiDigits : (s: string) => s;
  const { meeting } = input;
  const H = REPORT_HEADINGS;
  const group = (kind: Attendee["attendance"]) =>
    personRows(
      input.attendees.filter((a) => a.meeting === meeting.number && a.attendance === kind),
      digits,
    );
  const agenda = input.agenda
    .filter((a) => a.meeting === meeting.number)
    .sort((a, b) => compareItems(a.item, b.item))
    .map((a) => {
      const level = a.item.split(".").length;
      return {
        label: digits(level === 1 ? `${H.item} ${a.item}` : a.item),
        level,
        subject: a.subject,
        details: paragraphs(a.details),
        resolution: paragraphs(a.resolution),
      };
    });
  const signatures: ReportSignature[] = [{ role: H.recorder, name: meeting.recorder ?? "" }];
  if (meeting.checker) signatures.push({ role: H.checker, name: meeting.checker });
  return {
    meetingNumber: meeting.number,
    ...(meeting.id ? { meetingId: meeting.id } : {}),
    title: reportTitle(meeting.title),
    number: `${H.number} ${digits(meeting.number)}`,
    date: `${H.date}${digits(thaiLongDate(meeting.date, { weekday: true }))}`,
    place: `${H.place} ${meeting.place ?? BLANK_TEXT}`,
    present: group("present"),
    absent: group("absent"),
    inAttendance: group("in_attendance"),
    start: `${H.start} ${meeting.start ? digits(thaiTime(meeting.start)) : BLANK_TEXT}`,
    agenda,
    end: `${H.end} ${meeting.end ? digits(thaiTime(meeting.end)) : BLANK_TEXT}`,
    signatures,
    recipients: [...meeting.recipients],
    digits: style,
    fileName: reportFileName(meeting.number, digits),
  };
}

/** Page number text in the Thai convention: "- 2 -", or "- ๒ -" with Thai digits. */
export const pageNumberText = (model: ReportModel, page: number): string =>
  `${PAGE_NUMBER_AFFIXES.prefix}${model.digits === "thai" ? toThaiDigits(String(page)) : String(page)}${PAGE_NUMBER_AFFIXES.suffix}`;

/** What surrounds the page number, centred at the top from page 2. */
export const PAGE_NUMBER_AFFIXES = { prefix: "- ", suffix: " -" } as const;

/** JSON with keys sorted at every level: the same model always gives the same text to hash. */
/**
 * The key a meeting's reports are filed under: its number ("1/2563" → "1-2563"). Not its id: a meeting
 * rendered from the workbook before its first sync has none yet, and the same report must not be filed
 * (and e-mailed) twice because an id appeared in between.
 */
export const reportMeetingKey = (model: ReportModel): string => model.meetingNumber.replace("/", "-");

/** What a revision is a hash of: everything the report shows, nothing of the bookkeeping (the record id). */
export function reportContent(model: ReportModel): string {
  const { meetingId: _id, ...content } = model;
  return canonicalJson(content);
}
