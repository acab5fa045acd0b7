// Which sheet of the spreadsheet is each record tab: the domain's own recordTabsOf, as the .xlsx path
// and the sync function read names (case, spaces, emoji and Thai mark order ignored, Thai name or
// English alias; a name with a year or other words when it is the only sheet of its kind, with a
// warning), so setup, the triggers and the flush agree with the server. Two sheets claiming one tab
// are a conflict naming both: neither is used.
import {
  matchTabName,
  RECORD_TABS,
  type RecordTab,
  recordTabsOf,
  TAB_SPECS,
} from "../../functions/src/domain/tabs.ts";

export interface TabConflict {
  tab: RecordTab;
  sheets: string[];
}

export interface TabResolution {
  /** The one sheet name of each record tab found. */
  sheets: Partial<Record<RecordTab, string>>;
  conflicts: TabConflict[];
  /** Sheets used although their name holds other words ("ผลิตภัณฑ์ 2563"): to warn about. */
  inexact: { tab: RecordTab; sheet: string }[];
}

export function resolveTabs(sheetNames: readonly string[]): TabResolution {
  const named = recordTabsOf(sheetNames);
  const resolution: TabResolution = { sheets: named.sheets, conflicts: [], inexact: [] };
  for (const tab of RECORD_TABS) {
    const names = named.duplicates[tab];
    if (names) resolution.conflicts.push({ tab, sheets: names });
    const sheet = named.sheets[tab];
    if (sheet !== undefined && named.inexact.includes(sheet)) resolution.inexact.push({ tab, sheet });
  }
  return resolution;
}

/**
 * The record tab of one sheet. An exact name is known from the name alone; a name with other words
 * takes every sheet name (`allNames`, asked for only then: one call the usual edit never makes).
 */
export function tabOfSheet(name: string, allNames: () => readonly string[]): RecordTab | undefined {
  const m = matchTabName(name);
  if (!m) return undefined;
  if (m.exact) return m.tab;
  return resolveTabs(allNames()).sheets[m.tab] === name ? m.tab : undefined;
}

/** The staff-facing warning of a sheet read although its name holds other words, Thai then English. */
export function inexactText({ tab, sheet }: { tab: RecordTab; sheet: string }): string {
  const spec = TAB_SPECS[tab];
  return (
    `อ่านแท็บ "${sheet}" เป็นแท็บ ${spec.th} (ชื่อมีคำอื่นปน) — ควรเปลี่ยนชื่อเป็น "${spec.th}" / ` +
    `read sheet "${sheet}" as the ${spec.en} tab (its name holds other words); rename it "${spec.th}"`
  );
}

/** The staff-facing explanation of a conflict, Thai then English. */
export function conflictText(conflict: TabConflict): string {
  const names = conflict.sheets.map((s) => `"${s}"`).join(", ");
  const spec = TAB_SPECS[conflict.tab];
  return (
    `มีหลายแท็บที่เป็นแท็บ ${spec.th}: ${names} — เปลี่ยนชื่อให้เหลือแท็บเดียว / ` +
    `several sheets are the ${spec.en} tab: ${names}; rename all but one`
  );
}
