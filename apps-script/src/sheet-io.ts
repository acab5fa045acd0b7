// Reading a record tab from the spreadsheet and applying a write-back plan to it: the only code that
// touches sheet cells for the sync.
import { type RecordTab, TAB_SPECS } from "../../functions/src/domain/tabs.ts";
import { type DateFormatter, type SheetCell, snapshotTab, type TabSnapshot } from "./sheet-snapshot.ts";
import { groupRuns, type WriteBackPlan } from "./write-back-plan.ts";

export function findTabSheet(
  ss: GoogleAppsScript.Spreadsheet,
  tab: RecordTab,
): GoogleAppsScript.Sheet | null {
  const spec = TAB_SPECS[tab];
  return ss.getSheetByName(spec.th) ?? ss.getSheetByName(spec.en);
}

export function sheetFormatter(
  utilities: GoogleAppsScript.UtilitiesService,
  ss: GoogleAppsScript.Spreadsheet,
) {
  const zone = ss.getSpreadsheetTimeZone();
  const format: DateFormatter = (d, pattern) => utilities.formatDate(d, zone, pattern);
  return format;
}

export interface TabRead {
  sheet: GoogleAppsScript.Sheet;
  snapshot: TabSnapshot;
  notes: string[][];
}

/** The tab's values (and notes, for the write-back) from row 1 to the last row. */
export function readTab(
  ss: GoogleAppsScript.Spreadsheet,
  tab: RecordTab,
  format: DateFormatter,
  withNotes: boolean,
): TabRead | undefined {
  const sheet = findTabSheet(ss, tab);
  if (!sheet) return undefined;
  const rows = sheet.getLastRow();
  const columns = sheet.getLastColumn();
  if (rows < 1 || columns < 1) return undefined;
  const range = sheet.getRange(1, 1, rows, columns);
  const snapshot = snapshotTab(tab, range.getValues() as SheetCell[][], format);
  if (!snapshot) return undefined;
  return { sheet, snapshot, notes: withNotes ? range.getNotes() : [] };
}

export function applyWriteBack(sheet: GoogleAppsScript.Sheet, plan: WriteBackPlan): void {
  for (const run of groupRuns(plan.values)) {
    sheet.getRange(run.row, run.column, run.values.length, 1).setValues(run.values);
  }
  for (const mark of plan.marks) {
    const cell = sheet.getRange(mark.row, mark.column);
    cell.setNote(mark.note ?? "");
    cell.setBackground(mark.background);
  }
}
