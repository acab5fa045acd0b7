// Writes the summary tabs into an .xlsx (the offline stand-in of a spreadsheet): existing summary tabs
// are replaced, values only (text stays text, never a formula), number formats, bold frozen two-row
// header, column widths, sheet protection. Saved through a temporary file and a rename, so a crash
// never leaves a half-written workbook.
import type ExcelJS from "exceljs";
import { HEADER_ROW_COUNT, type SummaryTable } from "../../domain/summaries-tables.ts";
import { SUMMARY_TAB_NAMES } from "../../domain/tabs.ts";
import { loadWorkbook } from "./read-workbook.ts";
import { bytesSha256 } from "./workbook-bytes.ts";
import { replaceFile } from "./workbook-file.ts";

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9EAD3" } };
const TOTAL_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
/** Sheets widths are pixels; Excel's are characters of about 7 pixels. */
const PIXELS_PER_CHARACTER = 7;

/** Adds one table as a worksheet of `wb` (replacing a sheet of the same name). */
export async function addSummarySheet(wb: ExcelJS.Workbook, table: SummaryTable): Promise<ExcelJS.Worksheet> {
  const old = wb.getWorksheet(table.name);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(table.name, { views: [{ state: "frozen", ySplit: HEADER_ROW_COUNT }] });
  table.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = Math.round((c.width / PIXELS_PER_CHARACTER) * 10) / 10;
  });
  const header = [table.columns.map((c) => c.th), table.columns.map((c) => c.en)];
  header.forEach((values, r) => {
    const row = ws.getRow(r + 1);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    });
  });
  const firstTotal = table.rows.length - table.totalRows;
  table.rows.forEach((values, r) => {
    const row = ws.getRow(HEADER_ROW_COUNT + r + 1);
    table.columns.forEach((c, i) => {
      const v = values[i] ?? null;
      if (v === null || v === "") return;
      const cell = row.getCell(i + 1);
      // A plain string or number: exceljs writes a formula only for { formula } values.
      cell.value = v;
      if (typeof v === "number" && c.numberFormat) cell.numFmt = c.numberFormat;
      if (r >= firstTotal) {
        cell.font = { bold: true };
        cell.fill = TOTAL_FILL;
      }
    });
  });
  // Locked against accidental edits in Excel; no password (the tabs are rebuilt, not secrets).
  await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
  return ws;
}

/** Replaces the summary tabs of a loaded workbook (in memory). */
export async function replaceSummarySheets(wb: ExcelJS.Workbook, tables: SummaryTable[]): Promise<void> {
  // Drop every summary tab first so a rebuild never leaves a stale one behind.
  for (const name of Object.values(SUMMARY_TAB_NAMES).map((n) => n.th)) {
    const ws = wb.getWorksheet(name);
    if (ws) wb.removeWorksheet(ws.id);
  }
  for (const table of tables) await addSummarySheet(wb, table);
}

/**
 * Saves a workbook loaded whole in exceljs over `path` (temporary file + rename); returns the SHA-256 of
 * the bytes. exceljs rewrites every part and drops what it does not model (charts, macros): only the
 * summary commands still do this; `kbo sync` patches the cells it owns instead (workbook-file.ts).
 */
export async function saveWorkbookAtomically(workbook: ExcelJS.Workbook, path: string): Promise<string> {
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  await replaceFile(path, bytes);
  return bytesSha256(bytes);
}

/** Rewrites the summary tabs of the .xlsx at `path` in place (temporary file + rename). */
export async function writeSummariesToWorkbook(path: string, tables: SummaryTable[]): Promise<void> {
  const wb = await loadWorkbook(path);
  await replaceSummarySheets(wb, tables);
  await saveWorkbookAtomically(wb, path);
}
