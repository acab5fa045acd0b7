// The meeting report as plain data, in the order of form 11 of the Regulation on Correspondence
// (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. 2526, แบบที่ 11). The PDF adapter only lays this out;
// every word and number the reader sees is decided here, so it is tested as data.
import type { DigitStyle } from "./closed-sets.ts";
import { canonicalJson } from "./content-hash.ts";
import type { Attendee, MeetingWithDetails } from "./records.ts";
import { thaiLongDate, toThaiDigits } from "./thai-format.ts";

export { DIGIT_STYLES, type DigitStyle } from "./closed-sets.ts";

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
  item: "ระเบียบวาระที่",
  subject: "เรื่อง",
  resolution: "มติที่ประชุม",
  end: "เลิกประชุมเวลา",
  recorder: "ผู้จดรายงานการประชุม",
  checker: "ผู้ตรวจรายงานการประชุม",
} as const;

/** "(ลงชื่อ) ………… ผู้จดรายงานการประชุม": the words of a signature's first line around its role. */
export const SIGNATURE_WORDS = { signed: "(ลงชื่อ)", line: "…………………………" } as const;

/** Before a substitute's principal: "แทน พาณิชย์จังหวัดเชียงใหม่". */
export const ON_BEHALF_OF = "แทน";

export const NONE_TEXT = "- ไม่มี -";
/** Shown where the sheet left a time or a signatory blank, for the recorder to fill in by hand. */
export const BLANK_TEXT = "....................";

/**
 * Roles on the committee that staff write after the job title in the position cell ("รองผู้ว่าราชการ
 * จังหวัดเชียงใหม่ ประธานกรรมการ"); longest first, so "กรรมการและเลขานุการ" is not read as "…เลขานุการ".
 */
export const COMMITTEE_ROLES = [
  "กรรมการและผู้ช่วยเลขานุการ",
  "กรรมการและเลขานุการ",
  "รองประธานกรรมการ",
  "ผู้ช่วยเลขานุการ",
  "ประธานกรรมการ",
  "รองประธาน",
  "ที่ปรึกษา",
  "เลขานุการ",
  "กรรมการ",
  "ประธาน",
] as const;
const CHAIR_ROLES: readonly string[] = ["ประธานกรรมการ", "ประธาน"];

/** The opening line when the sheet gives none and no chair is named (form 11's usual wording). */
export const OPENING_TEXT = "ประธานกล่าวเปิดประชุมและดำเนินการประชุมตามระเบียบวาระ ดังนี้";
/** The same, after the chair's name and position. */
export const OPENING_AFTER_CHAIR = "เป็นประธานในการประชุม กล่าวเปิดประชุมและดำเนินการประชุมตามระเบียบวาระ ดังนี้";

export interface ReportPerson {
  /** "1." */
  index: string;
  name: string;
  /** Job, organisation (unless the job names it already) and committee role: "อาจารย์ … กรรมการ". */
  position: string;
  /** "แทน …" for a substitute, the reason for an absence, else "". */
  note: string;
}

export interface ReportAgendaItem {
  /** "ระเบียบวาระที่ 1" for a main item, "4.1" for a sub-item. */
  label: string;
  /** The whole heading: "ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ", "4.1 การพัฒนา…". */
  heading: string;
  /** 1 for a main item, 2 and more for sub-items. */
  level: number;
  subject: string;
  /** Paragraphs of the details, as entered (one per line of the cell). */
  details: string[];
  /** Paragraphs of the resolution; empty when none was recorded. */
  resolution: string[];
}

export interface ReportSignature {
  /** "ผู้จดรายงานการประชุม" or "ผู้ตรวจรายงานการประชุม". */
  role: string;
  /** The signatory's name, or BLANK_TEXT to be written in by hand. */
  name: string;
  /** Their position, or BLANK_TEXT. */
  position: string;
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
  /** Paragraphs of the opening line, after เริ่มประชุมเวลา. */
  opening: string[];
  agenda: ReportAgendaItem[];
  end: string;
  signatures: ReportSignature[];
  /** Every personal name the report prints, so that the layout never breaks one across lines. */
  names: string[];
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

const squeeze = (s: string) => s.replace(/\s+/g, "");

/** A position cell split into the job and a trailing committee role: "… กรรมการ" → ["…", "กรรมการ"]. */
export function splitCommitteeRole(position: string): { job: string; role: string } {
  const text = position.trim();
  for (const role of COMMITTEE_ROLES) {
    if (text === role) return { job: "", role };
    if (text.endsWith(` ${role}`)) return { job: text.slice(0, -role.length).trim(), role };
  }
  return { job: text, role: "" };
}

/** "…จังหวัดเชียงใหม่" or "…อำเภอสันกำแพง" at the end of a post or an office. */
const PLACE_SUFFIX = /(จังหวัด|อำเภอ)[^\s]+$/;

/**
 * Whether a job title already names the organisation, so it is not printed twice: it contains the
 * organisation, without its "สำนักงาน" ("อุตสาหกรรมจังหวัดเชียงใหม่" in "สำนักงานอุตสาหกรรม…") or by
 * its abbreviation ("(ธ.ก.ส.)"); or job and office end with the same province or district, as the
 * heads of provincial offices do ("พัฒนาการจังหวัดเชียงใหม่", "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่").
 */
export function namesOrganisation(job: string, organisation: string): boolean {
  const j = squeeze(job);
  const o = squeeze(organisation);
  if (o === "" || j.includes(o) || j.includes(o.replace(/^สำนักงาน/, ""))) return true;
  const abbreviation = /\(([^()]+)\)$/.exec(o)?.[1];
  if (abbreviation && j.includes(abbreviation)) return true;
  const place = PLACE_SUFFIX.exec(j)?.[0];
  return place !== undefined && o.endsWith(place);
}

/** What the report prints after a name: the job, the organisation unless the job names it, the role. */
export function positionText(position: string | undefined, organisation: string | undefined): string {
  const { job, role } = splitCommitteeRole(position ?? "");
  const org = organisation?.trim() ?? "";
  return [job, namesOrganisation(job, org) ? "" : org, role].filter((s) => s !== "").join(" ");
}

function personRows(attendees: Attendee[], digits: (s: string) => string): ReportPerson[] {
  return attendees.map((a, i) => ({
    index: digits(`${i + 1}.`),
    name: a.name,
    position: positionText(a.position, a.organisation),
    note: a.attendance === "present" && a.onBehalfOf ? `${ON_BEHALF_OF} ${a.onBehalfOf}` : (a.reason ?? ""),
  }));
}

/** The opening line: the sheet's, else one naming the chair (the first present whose role is ประธาน…). */
function openingLines(meeting: MeetingWithDetails["meeting"], present: Attendee[]): string[] {
  const own = paragraphs(meeting.opening);
  if (own.length > 0) return own;
  const chair = present.find((a) => CHAIR_ROLES.includes(splitCommitteeRole(a.position ?? "").role));
  if (!chair) return [OPENING_TEXT];
  const { job } = splitCommitteeRole(chair.position ?? "");
  return [[chair.name, job, OPENING_AFTER_CHAIR].filter((s) => s !== "").join(" ")];
}

/**
 * A signature block. Without a position column (older workbooks) the position comes from the
 * signatory's attendee row, and a cell holding "name position" (as those workbooks did) is split
 * at the end of an attendee's name.
 */
function signatory(
  role: string,
  cell: string | undefined,
  position: string | undefined,
  attendees: Attendee[],
): ReportSignature {
  if (!cell) return { role, name: BLANK_TEXT, position: position ?? BLANK_TEXT };
  const key = squeeze(cell);
  const person = attendees.find((a) => squeeze(a.name) === key || cell.startsWith(`${a.name} `));
  const name = person ? person.name : cell;
  const rest = person ? cell.slice(person.name.length).trim() : "";
  const own = position ?? (rest || (person ? splitCommitteeRole(person.position ?? "").job : ""));
  return { role, name, position: own || BLANK_TEXT };
}

/** "เรื่อง" + the subject, unless the subject already starts with it ("เรื่องที่ประธานแจ้ง…"). */
export function subjectText(subject: string): string {
  if (subject.startsWith(REPORT_HEADINGS.subject)) return subject;
  // Thai runs on ("เรื่องรับรองรายงานการประชุม"); anything else ("KBO …") is set off by a space.
  return /^[\u0E00-\u0E7F]/.test(subject)
    ? `${REPORT_HEADINGS.subject}${subject}`
    : `${REPORT_HEADINGS.subject} ${subject}`;
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
  const attendees = input.attendees.filter((a) => a.meeting === meeting.number);
  const group = (kind: Attendee["attendance"]) =>
    personRows(
      attendees.filter((a) => a.attendance === kind),
      digits,
    );
  const agenda = input.agenda
    .filter((a) => a.meeting === meeting.number)
    .sort((a, b) => compareItems(a.item, b.item))
    .map((a): ReportAgendaItem => {
      const level = a.item.split(".").length;
      const label = digits(level === 1 ? `${H.item} ${a.item}` : a.item);
      return {
        label,
        heading: `${label} ${level === 1 ? subjectText(a.subject) : a.subject}`,
        level,
        subject: a.subject,
        details: paragraphs(a.details),
        resolution: paragraphs(a.resolution),
      };
    });
  const signatures = [
    signatory(H.recorder, meeting.recorder, meeting.recorderPosition, attendees),
    signatory(H.checker, meeting.checker, meeting.checkerPosition, attendees),
  ];
  const names = [
    ...attendees.flatMap((a) => (a.onBehalfOf ? [a.name, a.onBehalfOf] : [a.name])),
    ...signatures.flatMap((s) => (s.name === BLANK_TEXT ? [] : [s.name])),
  ];
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
    opening: openingLines(
      meeting,
      attendees.filter((a) => a.attendance === "present"),
    ),
    agenda,
    end: `${H.end} ${meeting.end ? digits(thaiTime(meeting.end)) : BLANK_TEXT}`,
    // The form has both signatures; a blank one is left to be filled in by hand.
    signatures,
    names: [...new Set(names)],
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

/**
 * The key a meeting's reports are filed under: its number ("1/2563" → "1-2563"). Not its id: a meeting
 * rendered from the workbook before its first sync has none yet, and the same report must not be filed
 * (and e-mailed) twice because an id appeared in between.
 */
export const reportMeetingKey = (model: ReportModel): string => model.meetingNumber.replace("/", "-");

/**
 * What a revision is a hash of: everything the report shows, nothing of the bookkeeping (the record id,
 * the recipients: adding one sends the same revision to that one only, never again to the others).
 */
export function reportContent(model: ReportModel): string {
  const { meetingId: _id, recipients: _to, ...content } = model;
  return canonicalJson(content);
}

/**
 * What a revision was a hash of before the outbox kept each recipient apart: the content and the
 * recipient list the report was sent to. Reports sent then are found by it, so an upgrade sends
 * nobody a report they already had (docs/architecture.md, "The e-mail outbox").
 */
export function reportContentWithRecipients(model: ReportModel, recipients: readonly string[]): string {
  const { meetingId: _id, ...content } = model;
  return canonicalJson({ ...content, recipients });
}
