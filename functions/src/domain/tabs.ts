// The workbook contract: record tabs and their columns (Thai header, English alias), as README.md
// gives them. Columns are found by header text, never by position. Pure and free of Node APIs: the
// Apps Script bundle uses recordTabsOf and columnMatcher too.
import { canonicalThai } from "./thai-marks.ts";

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
  readonly th: string;
  readonly en: string;
  readonly columns: readonly ColumnSpec[];
}

const CHECK: ColumnSpec = { field: "check", th: "ผลการตรวจสอบ", system: true };

export const TAB_SPECS: Record<RecordTab, TabSpec> = {
  products: {
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

/**
 * Header/tab text as compared: NFC with Thai marks in one order (ำ = ํ + า, thai-marks.ts), no invisible
 * characters, no whitespace at all, lower case.
 */
export function headerKey(text: string): string {
  return canonicalThai(text)
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
    .replace(/\s+/g, "")
    .toLowerCase();
}

/** A tab name's key without decoration: emoji, symbols and punctuation ("📦 ผลิตภัณฑ์ (products)"). */
const tabKey = (name: string) =>
  headerKey(name).replace(/[\p{Extended_Pictographic}\p{P}\p{S}]|\uFE0F/gu, "");

interface TabName {
  tab: RecordTab | "summary";
  key: string;
}
const TAB_NAMES: TabName[] = [];
const EXACT_TABS = new Map<string, RecordTab>();
for (const tab of RECORD_TABS) {
  const th = tabKey(TAB_SPECS[tab].th);
  const en = tabKey(TAB_SPECS[tab].en);
  for (const key of [th, en, th + en, en + th]) EXACT_TABS.set(key, tab);
  TAB_NAMES.push({ tab, key: th }, { tab, key: en });
}
// Summary tabs, and any tab that calls itself a summary, are never record tabs.
for (const name of [...Object.values(SUMMARY_TAB_NAMES).flatMap((n) => [n.th, n.en]), "สรุป", "summary"]) {
  TAB_NAMES.push({ tab: "summary", key: tabKey(name) });
}

export interface TabMatch {
  tab: RecordTab;
  /** The name is the tab's (Thai, English, or both), give or take spaces, emoji and punctuation. */
  exact: boolean;
}

/**
 * The record tab a sheet name denotes. Besides the exact names, a name holding one with other words
 * ("ผลิตภัณฑ์ 2563", "ข้อมูลผู้เข้าประชุม") is matched, not exactly: the longest name it holds decides
 * ("วาระการประชุม 2563" is agenda, not meetings), and names of summaries never match.
 */
export function matchTabName(sheetName: string): TabMatch | undefined {
  const key = tabKey(sheetName);
  if (key === "") return undefined;
  const exact = EXACT_TABS.get(key);
  if (exact) return { tab: exact, exact: true };
  const held = TAB_NAMES.filter((name) => key.includes(name.key));
  if (held.length === 0 || held.some((name) => name.tab === "summary")) return undefined;
  const best = held.reduce((a, b) => (b.key.length > a.key.length ? b : a));
  // Two kinds named, neither within the other ("agenda of meetings"): not a guess to make.
  if (held.some((name) => name.tab !== best.tab && !best.key.includes(name.key))) return undefined;
  return { tab: best.tab as RecordTab, exact: false };
}

/**
 * The record tab a sheet name is, exactly (give or take spaces, emoji, punctuation and the order Thai
 * marks were typed in). A name with other words ("ผลิตภัณฑ์ 2563") is not enough on its own: whether
 * it is the workbook's products tab or a copy or an archive beside it takes every sheet name
 * (recordTabsOf), or a copy edited in Sheets would be synced as the products tab.
 */
export function matchTab(sheetName: string): RecordTab | undefined {
  const m = matchTabName(sheetName);
  return m?.exact ? m.tab : undefined;
}

export interface RecordTabs {
  /** The sheet each record tab is read from: the one sheet of its kind. */
  sheets: Partial<Record<RecordTab, string>>;
  /** Kinds with more than one sheet (neither is read): every name, in workbook order. */
  duplicates: Partial<Record<RecordTab, string[]>>;
  /** Sheets read although their name holds other words ("ผลิตภัณฑ์ 2563"): to warn about. */
  inexact: string[];
}

/**
 * Which sheet of a workbook is which record tab, from all its sheet names: exact names, and names with
 * other words when they are the only sheet of their kind; two sheets of one kind are named, and read
 * neither. Pure, for the .xlsx reader and for Apps Script (with `getSheets()` names).
 */
export function recordTabsOf(sheetNames: readonly string[]): RecordTabs {
  const found = new Map<RecordTab, { name: string; exact: boolean }[]>();
  for (const name of sheetNames) {
    const m = matchTabName(name);
    if (m) found.set(m.tab, [...(found.get(m.tab) ?? []), { name, exact: m.exact }]);
  }
  const out: RecordTabs = { sheets: {}, duplicates: {}, inexact: [] };
  for (const [tab, list] of found) {
    if (list.length > 1) out.duplicates[tab] = list.map((f) => f.name);
    else {
      out.sheets[tab] = list[0]!.name;
      if (!list[0]!.exact) out.inexact.push(list[0]!.name);
    }
  }
  return out;
}

/** Column lookup for one tab: header text → column spec. */
export function columnMatcher(tab: RecordTab): (header: string) => ColumnSpec | undefined {
  const byKey = new Map<string, ColumnSpec>();
  for (const col of TAB_SPECS[tab].columns) {
    for (const name of [col.th, col.field, ...(col.also ?? [])]) byKey.set(headerKey(name), col);
  }
  return (header) => byKey.get(headerKey(header));
}
