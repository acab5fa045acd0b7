// Reads an .xlsx into plain rows (RawWorkbook) with their sheet row numbers, keeping cell types:
// dates, numbers, booleans; rich text and hyperlinks as their text; formulas as their cached result
// (a formula never calculated is named, not read as blank); merged ranges as the sheet declares them.
// The zip is opened first by xlsx-zip.ts, which refuses zip bombs before exceljs inflates anything.
import ExcelJS from "exceljs";
import { AppError } from "../../app-error.ts";
import type { RawCell, RawRow, RawSheet, RawWorkbook } from "../../domain/raw-workbook.ts";
import { sheetMerges } from "./sheet-xml.ts";
import { readWorkbookBytes } from "./workbook-bytes.ts";
import { META_SHEET } from "./workbook-identity.ts";
import { XlsxPackage } from "./xlsx-package.ts";

export type { RawCell, RawRow, RawSheet, RawWorkbook };

type CellValue = ExcelJS.CellValue;

function richText(value: { richText: { text: string }[] }): string {
  return value.richText.map((r) => r.text).join("");
}

const isFormula = (value: CellValue): value is ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue =>
  typeof value === "object" && value !== null && ("formula" in value || "sharedFormula" in value);

/** A formula whose file holds no calculated value (written by a program, never opened in Excel or Sheets). */
export const isUncalculated = (value: CellValue): boolean =>
  isFormula(value) && (value.result === undefined || value.result === null);

/** One exceljs cell value as a RawCell. */
export function toRawCell(value: CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return richText(value);
    if ("hyperlink" in value && "text" in value) {
      const text = value.text as unknown;
      if (typeof text === "string") return text;
      if (text && typeof text === "object" && "richText" in text)
        return richText(text as { richText: { text: string }[] });
      return String(value.hyperlink ?? "");
    }
    if (isFormula(value)) {
      const result = value.result as unknown;
      if (result === undefined || result === null) return null;
      // An error result ("#REF!") is read as its text: the domain refuses error values on their cell.
      if (typeof result === "object" && "error" in result) return String((result as { error: string }).error);
      return toRawCell(result as CellValue);
    }
    if ("error" in value) return String(value.error);
  }
  return String(value);
}

export function sheetToRaw(worksheet: ExcelJS.Worksheet, merges?: string[]): RawSheet {
  const rows: RawRow[] = [];
  const uncalculated: { row: number; column: number }[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // Only a merge's top-left cell holds its value; the others repeat it in exceljs.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      if (isUncalculated(cell.value)) uncalculated.push({ row: rowNumber, column: colNumber - 1 });
      cells[colNumber - 1] = toRawCell(cell.value);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows.push({ row: rowNumber, cells });
  });
  const sheet: RawSheet = { name: worksheet.name, rows };
  if (merges && merges.length > 0) sheet.merges = merges;
  if (uncalculated.length > 0) sheet.uncalculated = uncalculated;
  return sheet;
}

export interface LoadedWorkbook {
  /** The file's parts, for the write-back and the workbook's identity. */
  pkg: XlsxPackage;
  /** The staff's sheets as rows (the identity sheet left out). */
  raw: RawWorkbook;
}

/** Opens the file's bytes: the zip checked and unpacked, then the sheets read by exceljs. */
export async function loadWorkbookFile(bytes: Buffer, path: string): Promise<LoadedWorkbook> {
  const pkg = await XlsxPackage.read(bytes, path);
  const workbook = await loadExcelJs(bytes, path);
  const parts = new Map(pkg.sheets().map((s) => [s.name, s.part]));
  const sheets = workbook.worksheets
    .filter((w) => w.name !== META_SHEET)
    .map((w) => {
      const part = parts.get(w.name);
      return sheetToRaw(w, part ? sheetMerges(pkg.text(part)) : undefined);
    });
  return { pkg, raw: { sheets } };
}

async function loadExcelJs(bytes: Buffer, path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (cause) {
    throw new AppError(
      "WORKBOOK_UNREADABLE",
      `อ่านไฟล์ไม่ได้ ไม่ใช่ไฟล์ .xlsx / not a readable .xlsx workbook: ${path}`,
      { cause },
    );
  }
  return workbook;
}

/** The whole workbook in exceljs (bench/sync measures this read). */
export async function loadWorkbookBytes(bytes: Buffer, path: string): Promise<ExcelJS.Workbook> {
  // The zip is checked (and a bomb refused) before exceljs inflates it.
  await XlsxPackage.read(bytes, path);
  return loadExcelJs(bytes, path);
}

export async function readWorkbook(path: string): Promise<RawWorkbook> {
  return (await loadWorkbookFile(await readWorkbookBytes(path), path)).raw;
}
