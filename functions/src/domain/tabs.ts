// The workbook contract: record tabs and their columns (Thai header, English alias), as README.md
// gives them. Columns are found by header text, never by position.

export const RECORD_TABS = ["products", "meetings", "attendees", "agenda"] as const;
export type RecordTab = (typeof RECORD_TABS)[number];

export const SUMMARY_TABS = ["byCategory", "byDistrict", "meetingsSummary"] as const;
export type SummaryTab = (typeof SUMMARY_TABS)[number];

export interface ColumnSpec {
  /** Field name in records and the English alias of the header. */
  readonly field: string;
  readonly th: string;
  /** Other spellings staff use for the header (besides `th` and `field`). */
  readonly also?: readonly string[];
  /** Written by the system only: ignored on input. */
  readonly system?: boolean;
}

export interface TabSpec {
  readonly key: RecordTab;
  readonly th: string;
  readonly en: string;
  readonly columns: readonly ColumnSpec[];
}

const CHECK: ColumnSpec = { field: "check", th: "ผลการตรวจสอบ", system: true };

export const TAB_SPECS: Record<RecordTab, TabSpec> = {
  products: {
    key: "products",
    th: "ผลิตภัณฑ์",
    en: "products",
    columns: [
      { field: "id", th: "รหัส" },
      { field: "year", th: "ปี พ.ศ.", also: ["ปี"] },
      { field: "product", th: "ชื่อผลิตภัณฑ์" },
      { field: "category", th: "ประเภท" },
      { field: "producer", th: "กลุ่มผู้ผลิต" },
      { field: "district", th: "อำเภอ" },
      { field: "phone", th: "เบอร์โทร", also: ["เบอร์โทรศัพท์"] },
      { field: "revenue", th: "รายได้ (บาท)", also: ["รายได้"] },
      { field: "status", th: "สถานะ" },
      { field: "notes", th: "หมายเหตุ" },
      CHECK,
    ],
  },
  meetings: {
    key: "meetings",
    th: "การประชุม",
    en: "meetings",
    columns: [
      { field: "id", th: "รหัส" },
      { field: "number", th: "ครั้งที่" },
      { field: "title", th: "ชื่อการประชุม" },
      { field: "date", th: "วันที่" },
      { field: "start", th: "เวลาเริ่ม" },
      { field: "end", th: "เวลาเลิก" },
      { field: "place", th: "สถานที่" },
      { field: "recorder", th: "ผู้จดรายงาน" },
      { field: "checker", th: "ผู้ตรวจรายงาน" },
      { field: "recipients", th: "ผู้รับรายงาน" },
      // Optional, added later: after the original columns, so rows laid out before them still line up.
      { field: "recorder_position", th: "ตำแหน่งผู้จดรายงาน" },
      { field: "checker_position", th: "ตำแหน่งผู้ตรวจรายงาน" },
      { field: "opening", th: "ข้อความเปิดประชุม" },
      CHECK,
    ],
  },
  attendees: {
    key: "attendees",
    th: "ผู้เข้าประชุม",
    en: "attendees",
    columns: [
      { field: "meeting", th: "ครั้งที่" },
      { field: "name", th: "ชื่อ-สกุล", also: ["ชื่อ - สกุล", "ชื่อ-นามสกุล"] },
      { field: "position", th: "ตำแหน่ง" },
      { field: "organisation", th: "หน่วยงาน", also: ["organization"] },
      { field: "attendance", th: "การเข้าประชุม" },
      { field: "on_behalf_of", th: "แทน" },
      { field: "reason", th: "เหตุผล" },
      CHECK,
    ],
  },
  agenda: {
    key: "agenda",
    th: "วาระการประชุม",
    en: "agenda",
    columns: [
      { field: "meeting", th: "ครั้งที่" },
      { field: "item", th: "วาระที่" },
      { field: "subject", th: "เรื่อง" },
      { field: "details", th: "รายละเอียด" },
      { field: "resolution", th: "มติที่ประชุม" },
      CHECK,
    ],
  },
};

export const SUMMARY_TAB_NAMES: Record<SummaryTab, { th: string; en: string }> = {
  byCategory: { th: "สรุปตามประเภท", en: "summary by category" },
  byDistrict: { th: "สรุปตามอำเภอ", en: "summary by district" },
  meetingsSummary: { th: "สรุปการประชุม", en: "summary of meetings" },
};

/** Header/tab text as compared: no invisible characters, no whitespace at all, lower case. */
export function headerKey(text: string): string {
  return text
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
    .replace(/\s+/g, "")
    .toLowerCase();
}

const TAB_BY_KEY = new Map<string, RecordTab>();
for (const spec of Object.values(TAB_SPECS)) {
  TAB_BY_KEY.set(headerKey(spec.th), spec.key);
  TAB_BY_KEY.set(headerKey(spec.en), spec.key);
}

/** The record tab a sheet name denotes (Thai name or English alias), if any. */
export function matchTab(sheetName: string): RecordTab | undefined {
  return TAB_BY_KEY.get(headerKey(sheetName));
}

/** Column lookup for one tab: header text → column spec. */
export function columnMatcher(tab: RecordTab): (header: string) => ColumnSpec | undefined {
  const byKey = new Map<string, ColumnSpec>();
  for (const col of TAB_SPECS[tab].columns) {
    for (const name of [col.th, col.field, ...(col.also ?? [])]) byKey.set(headerKey(name), col);
  }
  return (header) => byKey.get(headerKey(header));
}
