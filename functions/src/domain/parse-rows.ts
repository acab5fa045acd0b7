// One row of a record tab → a normalised record and its per-field problems. Rules that need other
// rows (uniqueness, references between tabs) live in validate-workbook.ts.
import { BE_OFFSET } from "./closed-sets.ts";
import { error, type Issue, issueAt, NO_ISSUES, type Parsed, type Problem, warning } from "./issues.ts";
import { parseCategory } from "./normalise-category.ts";
import { parseDate } from "./normalise-date.ts";
import { parseDistrict } from "./normalise-district.ts";
import { parseEmails } from "./normalise-emails.ts";
import { parseAgendaItem, parseAttendance, parseMeetingNumber } from "./normalise-meeting.ts";
import { parseMoney } from "./normalise-money.ts";
import { parsePhone } from "./normalise-phone.ts";
import { parseRecordId, parseText, type TextRule } from "./normalise-text.ts";
import { formatTime, minutesOf, parseTime } from "./normalise-time.ts";
import { parseYear, type YearRange } from "./normalise-year.ts";
import type { RawCell, RawRow } from "./raw-workbook.ts";
import type { AgendaItem, Attendee, Meeting, Product } from "./records.ts";
import type { RecordTab } from "./tabs.ts";

/** One non-blank row of a record tab, validated: its record when valid, its issues either way. */
export interface ValidatedRow<T> {
  tab: RecordTab;
  row: number;
  valid: boolean;
  record?: T;
  issues: Issue[];
  /** Products and meetings: the id in the row's id cell when it is well formed, valid row or not. */
  id?: string;
  /** The meeting the row names when readable, valid row or not (a meeting row's own number). */
  meeting?: string;
}

/** Reads a row's cells by field name and places each problem on its cell; `take` returns undefined on error. */
class RowReader {
  issues: Issue[] = NO_ISSUES;
  failed = false;
  id: string | undefined;
  meeting: string | undefined;
  private readonly tab: RecordTab;
  private readonly raw: RawRow;
  private readonly columns: Record<string, number>;
  constructor(tab: RecordTab, raw: RawRow, columns: Record<string, number>) {
    this.tab = tab;
    this.raw = raw;
    this.columns = columns;
  }

  cell(field: string): RawCell {
    const index = this.columns[field];
    return index === undefined ? null : (this.raw.cells[index] ?? null);
  }

  take<T>(field: string, parsed: Parsed<T>): T | undefined {
    if (!parsed.ok) {
      this.failed = true;
      this.add(field, parsed.problem);
      return undefined;
    }
    for (const w of parsed.warnings) this.add(field, w);
    return parsed.value;
  }

  /** A free-text cell (TEXT); the texts of meetings, attendees and agenda are in the meeting report. */
  text(field: string): string | undefined {
    return this.take(field, parseText(this.cell(field), TEXT[field]!, this.tab !== "products"));
  }

  add(field: string, problem: Problem): void {
    if (problem.severity === "error") this.failed = true;
    if (this.issues === NO_ISSUES) this.issues = [];
    this.issues.push(issueAt(this.tab, this.raw.row, this.columns[field], field, problem));
  }

  /** The row: its record unless a cell failed, and what it names (id, meeting) either way. */
  result<T>(record?: T): ValidatedRow<T> {
    const { tab, raw, issues } = this;
    const row: ValidatedRow<T> = this.failed
      ? { tab, row: raw.row, valid: false, issues }
      : { tab, row: raw.row, valid: true, record, issues };
    if (this.id) row.id = this.id;
    if (this.meeting) row.meeting = this.meeting;
    return row;
  }
}

/** Each free-text column: its limits and its name in messages. */
const TEXT: Record<string, TextRule> = {
  product: { required: true, max: 300, label: { th: "ชื่อผลิตภัณฑ์", en: "The product name" } },
  producer: { required: true, max: 300, label: { th: "กลุ่มผู้ผลิต", en: "The producer group" } },
  status: { max: 200, label: { th: "สถานะ", en: "The status" } },
  notes: { multiline: true, label: { th: "หมายเหตุ", en: "The notes" } },
  title: { required: true, max: 500, label: { th: "ชื่อการประชุม", en: "The meeting title" } },
  place: { max: 500, label: { th: "สถานที่", en: "The place" } },
  recorder: { max: 300, label: { th: "ผู้จดรายงาน", en: "The recorder" } },
  recorder_position: { max: 300, label: { th: "ตำแหน่งผู้จดรายงาน", en: "The recorder's position" } },
  checker: { max: 300, label: { th: "ผู้ตรวจรายงาน", en: "The checker" } },
  checker_position: { max: 300, label: { th: "ตำแหน่งผู้ตรวจรายงาน", en: "The checker's position" } },
  opening: { multiline: true, max: 2_000, label: { th: "ข้อความเปิดประชุม", en: "The opening line" } },
  name: { required: true, max: 200, label: { th: "ชื่อ-สกุล", en: "The name" } },
  position: { max: 300, label: { th: "ตำแหน่ง", en: "The position" } },
  organisation: { max: 300, label: { th: "หน่วยงาน", en: "The organisation" } },
  on_behalf_of: { max: 300, label: { th: "ชื่อผู้ที่มาแทน", en: "The person represented" } },
  reason: { max: 500, label: { th: "เหตุผล", en: "The reason" } },
  subject: { required: true, max: 1_000, label: { th: "เรื่อง", en: "The subject" } },
  details: { multiline: true, max: 20_000, label: { th: "รายละเอียด", en: "The details" } },
  resolution: { multiline: true, max: 5_000, label: { th: "มติที่ประชุม", en: "The resolution" } },
};

/** A copy without undefined fields (built anew: deleting keys would slow every later access). */
const omitUndefined = <T extends object>(o: T): T => {
  const out = {} as T;
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
};

export function parseProductRow(raw: RawRow, columns: Record<string, number>, range: YearRange) {
  const r = new RowReader("products", raw, columns);
  const id = r.take("id", parseRecordId(r.cell("id"), "products"));
  const year = r.take("year", parseYear(r.cell("year"), range));
  const product = r.text("product");
  const category = r.take("category", parseCategory(r.cell("category")));
  const producer = r.text("producer");
  const district = r.take("district", parseDistrict(r.cell("district")));
  const phone = r.take("phone", parsePhone(r.cell("phone")));
  const revenueSatang = r.take("revenue", parseMoney(r.cell("revenue")));
  const status = r.text("status");
  const notes = r.text("notes");
  r.id = id;
  if (r.failed) return r.result<Product>();
  // Built field by field, without undefined ones: this is the hottest path of a 100,000-row sheet.
  const record = {} as Product;
  if (id !== undefined) record.id = id;
  record.year = year!;
  record.product = product!;
  record.category = category!;
  record.producer = producer!;
  record.district = district!;
  if (phone !== undefined) record.phone = phone;
  if (revenueSatang !== undefined) record.revenueSatang = revenueSatang;
  if (status !== undefined) record.status = status;
  if (notes !== undefined) record.notes = notes;
  return r.result(record);
}

export function parseMeetingRow(raw: RawRow, columns: Record<string, number>, range: YearRange) {
  const r = new RowReader("meetings", raw, columns);
  const number = r.take("number", parseMeetingNumber(r.cell("number"), range));
  const date = r.take("date", parseDate(r.cell("date"), range));
  const start = r.take("start", parseTime(r.cell("start")));
  const end = r.take("end", parseTime(r.cell("end")));
  if (number && date) {
    const dateYearBE = Number(date.slice(0, 4)) + BE_OFFSET;
    if (dateYearBE !== number.yearBE) {
      r.add(
        "number",
        error(
          "MEETING_YEAR_MISMATCH",
          `ครั้งที่ ${number.text} ไม่ตรงกับปีของวันที่ประชุม (พ.ศ. ${dateYearBE}): ควรเป็น ${number.seq}/${dateYearBE} หรือแก้วันที่`,
          `Meeting ${number.text} does not match the year of its date (${dateYearBE} BE): it should be ${number.seq}/${dateYearBE}, or correct the date`,
        ),
      );
    }
  }
  if (start && end && minutesOf(end) <= minutesOf(start)) {
    r.add(
      "end",
      error(
        "END_NOT_AFTER_START",
        `เวลาเลิกประชุม ${formatTime(end)} ต้องหลังเวลาเริ่ม ${formatTime(start)}`,
        `The end time ${end} must be after the start time ${start}`,
      ),
    );
  }
  const record: Meeting = omitUndefined({
    id: r.take("id", parseRecordId(r.cell("id"), "meetings")),
    number: number?.text as string,
    title: r.text("title")!,
    date: date!,
    start,
    end,
    place: r.text("place"),
    recorder: r.text("recorder"),
    recorderPosition: r.text("recorder_position"),
    checker: r.text("checker"),
    checkerPosition: r.text("checker_position"),
    opening: r.text("opening"),
    recipients: r.take("recipients", parseEmails(r.cell("recipients")))!,
  });
  r.id = record.id;
  r.meeting = number?.text;
  return r.result(record);
}

export function parseAttendeeRow(raw: RawRow, columns: Record<string, number>, range: YearRange) {
  const r = new RowReader("attendees", raw, columns);
  const attendance = r.take("attendance", parseAttendance(r.cell("attendance")));
  const record: Attendee = omitUndefined({
    meeting: r.take("meeting", parseMeetingNumber(r.cell("meeting"), range))?.text as string,
    name: r.text("name")!,
    position: r.text("position"),
    organisation: r.text("organisation"),
    attendance: attendance!,
    onBehalfOf: r.text("on_behalf_of"),
    reason: r.text("reason"),
  });
  r.meeting = record.meeting;
  if (attendance === "absent" && !record.reason) {
    r.add(
      "reason",
      warning(
        "ABSENT_WITHOUT_REASON",
        "ผู้ไม่มาประชุมควรมีเหตุผล (เช่น ติดราชการ) เพื่อใส่ในรายงานการประชุม",
        "An absent member should have a reason (e.g. on official duty) for the meeting report",
      ),
    );
  }
  if (record.onBehalfOf && attendance && attendance !== "present") {
    r.add(
      "on_behalf_of",
      warning(
        "ON_BEHALF_NOT_PRESENT",
        'ช่อง "แทน" ใช้กับผู้มาประชุมแทนผู้อื่นเท่านั้น',
        'The "on behalf of" column only applies to someone present in another\'s place',
      ),
    );
  }
  return r.result(record);
}

export function parseAgendaRow(raw: RawRow, columns: Record<string, number>, range: YearRange) {
  const r = new RowReader("agenda", raw, columns);
  const record: AgendaItem = omitUndefined({
    meeting: r.take("meeting", parseMeetingNumber(r.cell("meeting"), range))?.text as string,
    item: r.take("item", parseAgendaItem(r.cell("item")))!,
    subject: r.text("subject")!,
    details: r.text("details"),
    resolution: r.text("resolution"),
  });
  r.meeting = record.meeting;
  return r.result(record);
}

export const ROW_PARSERS: Record<
  RecordTab,
  (raw: RawRow, columns: Record<string, number>, range: YearRange) => ValidatedRow<unknown>
> = {
  products: parseProductRow,
  meetings: parseMeetingRow,
  attendees: parseAttendeeRow,
  agenda: parseAgendaRow,
};
