// A record tab as the sync function receives it: its header row found by header text (Thai or
// English, any order), and every non-blank data row with its sheet row number and JSON-safe cells.
// Dates go as {"date": …} in the sheet's zone, so the server tells a typed date from text.

import { columnMatcher, type RecordTab } from "../../functions/src/domain/tabs.ts";
import type { SyncBody } from "../../functions/src/handlers/wire.ts";

export type SheetCell = string | number | boolean | Date | null;
/** A cell as the sync function's body carries it (the server's own type). */
export type WireCell = SyncBody["rows"][number]["values"][number];

/** Formats a date in the spreadsheet's time zone (Utilities.formatDate in Apps Script). */
export type DateFormatter = (date: Date, pattern: string) => string;

export interface TabLayout {
  /** 1-based sheet row of the header. */
  headerRow: number;
  /** field → 0-based column. */
  columns: Record<string, number>;
}

export interface SnapshotRow {
  row: number;
  values: WireCell[];
}

export interface TabSnapshot {
  tab: RecordTab;
  layout: TabLayout;
  header: WireCell[];
  rows: SnapshotRow[];
}

/** Title rows above the header are allowed, as in the domain's reader. */
const HEADER_SEARCH_ROWS = 10;
/** Utilities.formatDate pattern of a tagged date: the wall clock the cell shows. */
export const WIRE_DATE_PATTERN = "yyyy-MM-dd'T'HH:mm:ss";

/** The header row among the first rows: the first with at least two known column names. */
export function locateLayout(tab: RecordTab, values: SheetCell[][]): TabLayout | undefined {
  const match = columnMatcher(tab);
  for (let r = 0; r < Math.min(values.length, HEADER_SEARCH_ROWS); r++) {
    const columns: Record<string, number> = {};
    (values[r] ?? []).forEach((cell, c) => {
      const col = typeof cell === "string" && cell.trim() !== "" ? match(cell) : undefined;
      if (col && !(col.field in columns)) columns[col.field] = c;
    });
    if (Object.keys(columns).length >= 2) return { headerRow: r + 1, columns };
  }
  return undefined;
}

/** Not `instanceof`: a Date made in another realm (a test's node:vm context) is a Date all the same. */
export const isDate = (cell: unknown): cell is Date =>
  Object.prototype.toString.call(cell) === "[object Date]";

/** A cell as JSON: a sheet date becomes {"date": wall clock in the sheet's zone}, for any field. */
export function toWireCell(cell: SheetCell, format: DateFormatter): WireCell {
  if (isDate(cell)) {
    if (Number.isNaN(cell.getTime())) return null;
    return { date: format(cell, WIRE_DATE_PATTERN) };
  }
  if (typeof cell === "number" && !Number.isFinite(cell)) return null;
  if (cell === "" || cell === undefined) return null;
  return cell as WireCell;
}

/** Blank unless some cell other than ผลการตรวจสอบ holds something (a leftover check text is no record). */
const isBlankRow = (values: WireCell[], checkColumn: number | undefined) =>
  values.every((v, c) => c === checkColumn || v === null || (typeof v === "string" && v.trim() === ""));

/** The tab's header and non-blank data rows, read from the sheet's values (row 1 first). */
export function snapshotTab(
  tab: RecordTab,
  values: SheetCell[][],
  format: DateFormatter,
): TabSnapshot | undefined {
  const layout = locateLayout(tab, values);
  if (!layout) return undefined;
  const width = Math.max(...Object.values(layout.columns)) + 1;
  const header = (values[layout.headerRow - 1] ?? []).slice(0, width).map((c) => toWireCell(c, format));
  const rows: SnapshotRow[] = [];
  for (let r = layout.headerRow; r < values.length; r++) {
    const cells = values[r] ?? [];
    const wire = Array.from({ length: width }, (_, c) => toWireCell(cells[c] ?? null, format));
    if (!isBlankRow(wire, layout.columns.check)) rows.push({ row: r + 1, values: wire });
  }
  return { tab, layout, header, rows };
}

/** The system columns the sheet shows but staff never type: excluded when rows are compared. */
export const SYSTEM_FIELDS = ["id", "check"] as const;

/** A row's content as staff typed it, by field (system columns left out): survives moved columns. */
export function contentKey(layout: TabLayout, values: WireCell[]): string {
  const system = new Set<string>(SYSTEM_FIELDS);
  const fields = Object.keys(layout.columns)
    .filter((f) => !system.has(f))
    .sort();
  return JSON.stringify(fields.map((f) => values[layout.columns[f]!] ?? null));
}
