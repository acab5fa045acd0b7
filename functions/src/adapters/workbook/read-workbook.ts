// Reads an .xlsx into plain rows (RawWorkbook) with their sheet row numbers, keeping cell types:
// dates, numbers, booleans; rich text and hyperlinks as their text; formulas as their cached result.
import ExcelJS from "exceljs";
import { AppError } from "../../app-error.ts";
import type { RawCell, RawRow, RawSheet, RawWorkbook } from "../../domain/raw-workbook.ts";
import { readWorkbookBytes } from "./workbook-bytes.ts";

export type { RawCell, RawRow, RawSheet, RawWorkbook };

type CellValue = ExcelJS.CellValue;

function richText(value: { richText: { text: string }[] }): string {
  return value.richText.map((r) => r.text).join("");
}

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
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return null;
      if (typeof result === "object" && result !== null && "error" in result)
        return String((result as { error: string }).error);
      return toRawCell(result as CellValue);
    }
    if ("error" in value) return String(value.error);
  }
  return String(value);
}

export function sheetToRaw(worksheet: ExcelJS.Worksheet): RawSheet {
  const rows: RawRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // Only a merge's top-left cell holds its value; the others repeat it in exceljs.
      if (cell.type === ExcelJS.ValueType.Merge) return;
      cells[colNumber - 1] = toRawCell(cell.value);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows.push({ row: rowNumber, cells });
  });
  return { name: worksheet.name, rows };
}

export async function loadWorkbook(path: string): Promise<ExcelJS.Workbook> {
  return loadWorkbookBytes(await readWorkbookBytes(path), path);
}

export async function loadWorkbookBytes(bytes: Buffer, path: string): Promise<ExcelJS.Workbook> {
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

export async function readWorkbook(path: string): Promise<RawWorkbook> {
  const workbook = await loadWorkbook(path);
  return { sheets: workbook.worksheets.map(sheetToRaw) };
}
