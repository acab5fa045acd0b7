// A workbook as plain data: what the workbook adapter (xlsx) and the sync function (Sheets rows)
// hand to the domain. Cells keep their types; rows keep their 1-based sheet row numbers.

export type RawCell = string | number | boolean | Date | null;

export interface RawRow {
  /** 1-based row number in the sheet. */
  row: number;
  /** Index = 0-based column. */
  cells: RawCell[];
}

export interface RawSheet {
  name: string;
  rows: RawRow[];
  /** Merged ranges ("C2:C3"), when the source knows them: only a merge's top-left cell holds its value. */
  merges?: string[];
  /** Cells holding a formula whose value was never calculated (their cell is null in `rows`). */
  uncalculated?: { row: number; column: number }[];
}

export interface RawWorkbook {
  sheets: RawSheet[];
}

/**
 * A sheet date as the Apps Script front end sends it: the wall-clock time the cell shows, in the
 * spreadsheet's time zone, tagged so that a typed date is never confused with text ("1/2563").
 */
export interface TaggedDate {
  date: string;
}

/** "2020-01-13T09:30:00": date and time of day, no zone. */
export const TAGGED_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/**
 * A cell of a sync request as a RawCell: a tagged date becomes a Date whose UTC fields are the
 * wall clock the sheet showed, as the xlsx reader gives dates; plain values pass through.
 */
export function fromWireCell(cell: RawCell | TaggedDate): RawCell {
  if (cell === null || typeof cell !== "object" || cell instanceof Date) return cell;
  const m = TAGGED_DATE_PATTERN.exec(cell.date);
  if (!m) return new Date(Number.NaN);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  // Date.UTC reads years 0-99 as 1900-1999: set the year on its own.
  date.setUTCFullYear(y);
  return date;
}

/** "A", "B", … "Z", "AA" for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export interface CellRef {
  /** 1-based sheet row. */
  row: number;
  /** 0-based column. */
  col: number;
}

/** "AB12" → row 12, column 27 (0-based); undefined for anything else. */
export function parseCellRef(ref: string): CellRef | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col: col - 1 };
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "C2:D4" (or a single cell) as its corners. */
export function parseRange(ref: string): CellRange | undefined {
  const [a, b = a] = ref.split(":");
  const from = parseCellRef(a ?? "");
  const to = parseCellRef(b ?? "");
  if (!from || !to) return undefined;
  return {
    top: Math.min(from.row, to.row),
    left: Math.min(from.col, to.col),
    bottom: Math.max(from.row, to.row),
    right: Math.max(from.col, to.col),
  };
}
