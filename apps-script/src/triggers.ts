// The installable edit and change triggers: they only record what was touched in the queue (the
// flush does the sending), so they stay well inside a trigger's time and never call out. An edited
// row shows "รอส่ง / pending" until a flush answers it.
import { isAppError } from "../../functions/src/app-error.ts";
import { RECORD_TABS, type RecordTab } from "../../functions/src/domain/tabs.ts";
import { type EditQueue, enqueueRows, enqueueTab } from "./edit-queue.ts";
import { dirtyMarkerKey } from "./flush.ts";
import { updateQueue } from "./queue-store.ts";
import { PENDING_TEXT } from "./row-status.ts";
import type { Services, Sheet } from "./services.ts";
import { PROPERTY_KEYS } from "./settings.ts";
import { lookUpTabs } from "./sheet-io.ts";
import { locateLayout, type SheetCell, type TabLayout } from "./sheet-snapshot.ts";
import { tabOfSheet } from "./tab-resolver.ts";
import { valueBlocks } from "./write-back-plan.ts";

/** Header rows are looked for this far down (title rows above the header are allowed). */
const TOP_ROWS = 10;

/** Structural changes after which row numbers mean nothing: the whole tab is sent again. */
export const STRUCTURAL_CHANGES = new Set([
  "INSERT_ROW",
  "REMOVE_ROW",
  "INSERT_COLUMN",
  "REMOVE_COLUMN",
  "INSERT_GRID",
  "REMOVE_GRID",
  "OTHER",
]);
/** Changes that alter the size of the sheet they happen in: that sheet can be told by its size. */
const RESIZING_CHANGES = new Set(["INSERT_ROW", "REMOVE_ROW", "INSERT_COLUMN", "REMOVE_COLUMN"]);

function record(services: Services, tabs: readonly RecordTab[], change: (q: EditQueue) => EditQueue): void {
  const props = services.PropertiesService.getScriptProperties();
  try {
    updateQueue(props, services.LockService.getScriptLock(), change);
  } catch (e) {
    if (!isAppError(e) || e.code !== "QUEUE_BUSY") throw e;
    // The lock stayed busy: a single-key write needs no lock, and the flush folds it in.
    for (const tab of tabs) props.setProperty(dirtyMarkerKey(tab), "1");
  }
}

function layoutOf(sheet: Sheet, tab: RecordTab): TabLayout | undefined {
  const rows = Math.min(TOP_ROWS, sheet.getLastRow());
  const columns = sheet.getLastColumn();
  if (rows < 1 || columns < 1) return undefined;
  return locateLayout(tab, sheet.getRange(1, 1, rows, columns).getValues() as SheetCell[][]);
}

/** "รอส่ง / pending" in the check cell of each edited row that holds something, in one write. */
function markPending(sheet: Sheet, layout: TabLayout, first: number, last: number): void {
  const check = layout.columns.check;
  const lastRow = Math.min(last, sheet.getLastRow());
  if (check === undefined || lastRow < first) return;
  const width = Math.max(...Object.values(layout.columns)) + 1;
  const rows = sheet.getRange(first, 1, lastRow - first + 1, width).getValues() as SheetCell[][];
  const writes = rows.flatMap((cells, i) => {
    const holdsSomething = cells.some((v, c) => c !== check && v !== "" && v !== null);
    return holdsSomething && cells[check] !== PENDING_TEXT
      ? [{ row: first + i, column: check + 1, value: PENDING_TEXT }]
      : [];
  });
  // valueBlocks reads the cells between writes from a grid indexed from row 1.
  const grid: SheetCell[][] = [];
  rows.forEach((cells, i) => {
    grid[first + i - 1] = cells;
  });
  for (const block of valueBlocks(writes, grid)) {
    sheet.getRange(block.row, block.column, block.cells.length, 1).setValues(block.cells);
  }
}

export function onEditRecord(
  services: Services,
  e: GoogleAppsScript.Events.SheetsOnEdit,
): RecordTab | undefined {
  const range = e.range;
  const sheet = range.getSheet();
  const tab = tabOfSheet(sheet.getName(), () => e.source.getSheets().map((s) => s.getName()));
  if (!tab) return undefined;
  const first = range.getRow();
  const last = first + range.getNumRows() - 1;
  const layout = layoutOf(sheet, tab);
  const headerRow = layout?.headerRow ?? 1;
  if (first <= headerRow) {
    record(services, [tab], (q) => enqueueTab(q, tab));
    return tab;
  }
  record(services, [tab], (q) => enqueueRows(q, tab, first, last));
  if (layout) markPending(sheet, layout, first, last);
  return tab;
}

/**
 * The change event names no sheet (and the active sheet is whatever the user looks at), so the
 * tabs to send are found by their size: rows or columns inserted or removed change the size of
 * the sheet they happen in (none of ours changed: it happened in another sheet). A change that
 * sizes cannot tell (a sort, a sheet added or removed) sends every record tab.
 */
export function onChangeRecord(services: Services, e: GoogleAppsScript.Events.SheetsOnChange): RecordTab[] {
  if (!STRUCTURAL_CHANGES.has(String(e.changeType))) return [];
  const props = services.PropertiesService.getScriptProperties();
  const lookUp = lookUpTabs(e.source);
  let before: Record<string, string> = {};
  try {
    before = JSON.parse(props.getProperty(PROPERTY_KEYS.tabShapes) ?? "{}");
  } catch {
    // unreadable: every tab counts as changed
  }
  const now: Record<string, string> = {};
  for (const tab of RECORD_TABS) {
    const found = lookUp(tab);
    if ("sheet" in found) now[tab] = `${found.sheet.getMaxRows()}x${found.sheet.getMaxColumns()}`;
  }
  props.setProperty(PROPERTY_KEYS.tabShapes, JSON.stringify(now));
  const resized = RECORD_TABS.filter((tab) => now[tab] !== undefined && now[tab] !== before[tab]);
  const tabs = RESIZING_CHANGES.has(String(e.changeType)) ? resized : [...RECORD_TABS];
  if (tabs.length > 0) record(services, tabs, (q) => tabs.reduce((acc, tab) => enqueueTab(acc, tab), q));
  return tabs;
}
