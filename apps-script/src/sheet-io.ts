// Reading a record tab from the spreadsheet and writing to it: the only code that touches sheet
// cells for the sync. Sheets are found by the one tab resolver; writes go as whole grids.
import type { RecordTab } from "../../functions/src/domain/tabs.ts";
import type { Sheet, Spreadsheet } from "./services.ts";
import { type DateFormatter, type SheetCell, snapshotTab, type TabSnapshot } from "./sheet-snapshot.ts";
import { resolveTabs, type TabConflict } from "./tab-resolver.ts";
import { markBlock, markGrids, valueBlocks, type WriteBackPlan } from "./write-back-plan.ts";

export type TabLookup = { sheet: Sheet } | { conflict: TabConflict } | { missing: true };

/** The sheets of every record tab, found once per run. */
export function lookUpTabs(ss: Spreadsheet): ((tab: RecordTab) => TabLookup) & { sheetNames: string[] } {
  const sheets = ss.getSheets();
  const sheetNames = sheets.map((s) => s.getName());
  const resolution = resolveTabs(sheetNames);
  const lookUp = (tab: RecordTab): TabLookup => {
    const conflict = resolution.conflicts.find((c) => c.tab === tab);
    if (conflict) return { conflict };
    const name = resolution.sheets[tab];
    const sheet = name === undefined ? undefined : sheets.find((s) => s.getName() === name);
    return sheet ? { sheet } : { missing: true };
  };
  return Object.assign(lookUp, { sheetNames });
}

export function sheetFormatter(utilities: GoogleAppsScript.Utilities.Utilities, ss: Spreadsheet) {
  const zone = ss.getSpreadsheetTimeZone();
  const format: DateFormatter = (d, pattern) => utilities.formatDate(d, zone, pattern);
  return format;
}

export interface TabRead {
  sheet: Sheet;
  snapshot: TabSnapshot;
  /** The values as read, [row - 1][column - 1]. */
  values: SheetCell[][];
  /** The notes, like `values` (only when asked for). */
  notes: string[][];
}

/** The tab's values (and notes, for the write-back) from row 1 to the last row. */
export function readTab(
  sheet: Sheet,
  tab: RecordTab,
  format: DateFormatter,
  withNotes: boolean,
): TabRead | undefined {
  const rows = sheet.getLastRow();
  const columns = sheet.getLastColumn();
  if (rows < 1 || columns < 1) return undefined;
  const range = sheet.getRange(1, 1, rows, columns);
  const values = range.getValues() as SheetCell[][];
  const snapshot = snapshotTab(tab, values, format);
  if (!snapshot) return undefined;
  return { sheet, snapshot, values, notes: withNotes ? range.getNotes() : [] };
}

/** The plan as grids: one setValues per written column, one setNotes and setBackgrounds for the marks. */
export function applyWriteBack(read: TabRead, plan: WriteBackPlan): void {
  const { sheet } = read;
  for (const block of valueBlocks(plan.values, read.values)) {
    sheet.getRange(block.row, block.column, block.cells.length, 1).setValues(block.cells);
  }
  const block = markBlock(plan.marks);
  if (!block) return;
  const range = sheet.getRange(block.row, block.column, block.rows, block.columns);
  const grids = markGrids(plan.marks, read.notes, range.getBackgrounds())!;
  range.setNotes(grids.notes.cells);
  // null resets a cell to no fill (Range.setBackgrounds), which @types does not spell out.
  range.setBackgrounds(grids.backgrounds.cells as string[][]);
}
