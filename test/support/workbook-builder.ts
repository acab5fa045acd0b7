// Writes .xlsx files from plain data with exceljs, for tests and the sample workbook: every cell kind
// the reader must handle (text, numbers, dates, rich text, formulas with cached results, hyperlinks,
// blank rows). Output is deterministic: fixed document dates and fixed zip entry times.
import { writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { type RecordTab, TAB_SPECS } from "../../functions/src/domain/tabs.ts";

export interface FormulaCell {
  formula: string;
  /** The cached value; none for a formula never calculated, `{ error }` for a formula that failed. */
  result?: string | number | boolean | Date | { error: string };
}
export interface RichTextCell {
  richText: { text: string; font?: Partial<ExcelJS.Font> }[];
}
export interface HyperlinkCell {
  hyperlink: string;
  text: string;
}
export type BuilderCell =
  | string
  | number
  | boolean
  | Date
  | null
  | FormulaCell
  | RichTextCell
  | HyperlinkCell;

export interface SheetData {
  name: string;
  /** Row 1 is the header row; an empty array (or all nulls) leaves a blank sheet row. */
  rows: BuilderCell[][];
  /** Column widths in characters, by 0-based column; default: fitted to the text. */
  widths?: number[];
  /** Merged ranges ("C2:C3"). */
  merges?: string[];
}

export interface WriteOptions {
  /** Creation/modification date of the document and of every zip entry (default 2020-01-13). */
  date?: Date;
  /** Header row bold and frozen (default true). */
  styleHeader?: boolean;
  /** Number format of date cells (default dd/mm/yyyy, as Thai staff's sheets show them). */
  dateFormat?: string;
}

const DEFAULT_DATE = new Date(Date.UTC(2020, 0, 13, 2, 30));

/** The Thai headers of a record tab, in contract order (the system's check column included). */
export function sampleHeaders(tab: RecordTab): string[] {
  return TAB_SPECS[tab].columns.map((c) => c.th);
}

function cellText(cell: BuilderCell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return "00/00/0000";
  if (typeof cell !== "object") return String(cell);
  if ("richText" in cell) return cell.richText.map((r) => r.text).join("");
  if ("hyperlink" in cell) return cell.text;
  return typeof cell.result === "object" && !(cell.result instanceof Date) ? "" : String(cell.result ?? "");
}

/** Thai combining marks take no width of their own, so count base characters only. */
function displayWidth(text: string): number {
  const longestLine = text.split("\n").reduce((a, b) => (b.length > a.length ? b : a), "");
  return longestLine.replace(/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g, "").length;
}

function fittedWidths(rows: BuilderCell[][]): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 8, Math.min(60, displayWidth(cellText(cell)) + 2));
    });
  }
  return widths;
}

function toExcelValue(cell: BuilderCell): ExcelJS.CellValue {
  if (cell === null || typeof cell !== "object" || cell instanceof Date) return cell;
  if ("formula" in cell) return { formula: cell.formula, result: cell.result } as ExcelJS.CellFormulaValue;
  if ("richText" in cell) return { richText: cell.richText } as ExcelJS.CellRichTextValue;
  return { text: cell.text, hyperlink: cell.hyperlink } as ExcelJS.CellHyperlinkValue;
}

function addSheet(workbook: ExcelJS.Workbook, sheet: SheetData, options: Required<WriteOptions>): void {
  const worksheet = workbook.addWorksheet(
    sheet.name,
    options.styleHeader ? { views: [{ state: "frozen", ySplit: 1 }] } : {},
  );
  const widths = sheet.widths ?? fittedWidths(sheet.rows);
  widths.forEach((width, i) => {
    worksheet.getColumn(i + 1).width = width;
  });
  sheet.rows.forEach((cells, r) => {
    if (cells.every((c) => c === null)) return;
    const row = worksheet.getRow(r + 1);
    cells.forEach((value, c) => {
      if (value === null) return;
      const cell = row.getCell(c + 1);
      cell.value = toExcelValue(value);
      const result = typeof value === "object" && "formula" in value ? value.result : value;
      if (result instanceof Date) cell.numFmt = options.dateFormat;
      // Long text wraps inside its column rather than spilling over the next one.
      if (typeof value === "string" && (value.includes("\n") || displayWidth(value) > (widths[c] ?? 8))) {
        cell.alignment = { wrapText: true, vertical: "top" };
      }
    });
    if (r === 0 && options.styleHeader) row.font = { bold: true };
    row.commit();
  });
  for (const range of sheet.merges ?? []) worksheet.mergeCells(range);
}

/** MS-DOS date and time words of a zip entry (2-second resolution, local fields taken as UTC). */
function dosDateTime(date: Date): { time: number; day: number } {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return { time, day };
}

/**
 * Sets every entry's modification time in a zip to `date`. exceljs stamps entries with the current
 * time, which would make each regenerated file differ; the times sit outside the CRC, so rewriting
 * them in the central directory and the local headers keeps the archive valid.
 */
export function fixZipEntryDates(zip: Buffer, date: Date): Buffer {
  const out = Buffer.from(zip);
  const { time, day } = dosDateTime(date);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("not a zip archive: no end of central directory");
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    out.writeUInt16LE(time, at + 12);
    out.writeUInt16LE(day, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header at ${local}`);
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(day, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

/** The workbook as .xlsx bytes. */
export async function workbookBuffer(sheets: SheetData[], options: WriteOptions = {}): Promise<Buffer> {
  const opts: Required<WriteOptions> = {
    date: options.date ?? DEFAULT_DATE,
    styleHeader: options.styleHeader ?? true,
    dateFormat: options.dateFormat ?? "dd/mm/yyyy",
  };
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "KBO records";
  workbook.lastModifiedBy = "KBO records";
  workbook.created = opts.date;
  workbook.modified = opts.date;
  for (const sheet of sheets) addSheet(workbook, sheet, opts);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return fixZipEntryDates(bytes, opts.date);
}

/** Writes the sheets to `path` as an .xlsx file. */
export async function writeWorkbook(
  path: string,
  sheets: SheetData[],
  options: WriteOptions = {},
): Promise<void> {
  await writeFile(path, await workbookBuffer(sheets, options));
}
