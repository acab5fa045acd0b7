// The installable edit and change triggers: they only record what was touched in the queue (the
// flush does the sending), so they stay well inside a trigger's time and never call out.
import { isAppError } from "../../functions/src/app-error.ts";
import { matchTab, type RecordTab } from "../../functions/src/domain/tabs.ts";
import { type EditQueue, enqueueRows, enqueueTab } from "./edit-queue.ts";
import { dirtyMarkerKey } from "./flush.ts";
import { updateQueue } from "./queue-store.ts";
import type { Services } from "./services.ts";
import { locateLayout, type SheetCell } from "./sheet-snapshot.ts";

/** Header rows are looked for this far down (title rows above the header are allowed). */
const TOP_ROWS = 10;

/** Structural changes after which row numbers mean nothing: the whole tab is sent again. */
export const STRUCTURAL_CHANGES = new Set([
  "INSERT_ROW",
  "REMOVE_ROW",
  "INSERT_COLUMN",
  "REMOVE_COLUMN",
  "INSERT_GRID",
  "OTHER",
]);

function record(services: Services, tab: RecordTab, change: (q: EditQueue) => EditQueue): void {
  const props = services.PropertiesService.getScriptProperties();
  try {
    updateQueue(props, services.LockService.getScriptLock(), change);
  } catch (e) {
    if (!isAppError(e) || e.code !== "QUEUE_BUSY") throw e;
    // The lock stayed busy: a single-key write needs no lock, and the flush folds it in.
    props.setProperty(dirtyMarkerKey(tab), "1");
  }
}

export function onEditRecord(services: Services, e: GoogleAppsScript.EditEvent): RecordTab | undefined {
  const range = e.range;
  const sheet = range.getSheet();
  const tab = matchTab(sheet.getName());
  if (!tab) return undefined;
  const first = range.getRow();
  const last = first + range.getNumRows() - 1;
  let headerRow = 1;
  if (first <= TOP_ROWS) {
    const rows = Math.min(TOP_ROWS, Math.max(sheet.getLastRow(), 1));
    const columns = Math.max(sheet.getLastColumn(), 1);
    headerRow =
      locateLayout(tab, sheet.getRange(1, 1, rows, columns).getValues() as SheetCell[][])?.headerRow ?? 1;
  }
  if (first <= headerRow) record(services, tab, (q) => enqueueTab(q, tab));
  else record(services, tab, (q) => enqueueRows(q, tab, first, last));
  return tab;
}

export function onChangeRecord(services: Services, e: GoogleAppsScript.ChangeEvent): RecordTab | undefined {
  if (!STRUCTURAL_CHANGES.has(e.changeType)) return undefined;
  const tab = matchTab(e.source.getActiveSheet().getName());
  if (!tab) return undefined;
  record(services, tab, (q) => enqueueTab(q, tab));
  return tab;
}
