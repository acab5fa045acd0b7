// Which sheet of the spreadsheet is each record tab: the server's own matchTab (case, spaces and
// invisible characters ignored, Thai name or English alias), so setup, the triggers and the flush
// agree with the sync function. Two sheets claiming one tab are a conflict: neither is used.
import { matchTab, RECORD_TABS, type RecordTab, TAB_SPECS } from "../../functions/src/domain/tabs.ts";

export interface TabConflict {
  tab: RecordTab;
  sheets: string[];
}

export interface TabResolution {
  /** The one sheet name of each record tab found. */
  sheets: Partial<Record<RecordTab, string>>;
  conflicts: TabConflict[];
}

export function resolveTabs(sheetNames: readonly string[]): TabResolution {
  const claims = new Map<RecordTab, string[]>();
  for (const name of sheetNames) {
    const tab = matchTab(name);
    if (tab) claims.set(tab, [...(claims.get(tab) ?? []), name]);
  }
  const resolution: TabResolution = { sheets: {}, conflicts: [] };
  for (const tab of RECORD_TABS) {
    const names = claims.get(tab) ?? [];
    if (names.length === 1) resolution.sheets[tab] = names[0]!;
    else if (names.length > 1) resolution.conflicts.push({ tab, sheets: names });
  }
  return resolution;
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
