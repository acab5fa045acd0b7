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
}

export interface RawWorkbook {
  sheets: RawSheet[];
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
