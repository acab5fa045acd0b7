// Writes a sync's results back into the .xlsx: assigned ids into the รหัส column and each row's
// outcome into its ผลการตรวจสอบ cell (added to the header when missing), plus the workbook's own
// stable spreadsheet id in a very hidden sheet. Saved to a temporary file then renamed, so a kill
// mid-write never leaves a corrupt workbook.
import { randomUUID } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type ExcelJS from "exceljs";
import { TAB_SPECS } from "../../domain/tabs.ts";
import { bytesSha256 } from "./workbook-bytes.ts";

/** The sheet holding the workbook's identity; staff never see it. */
export const META_SHEET = "_kbo";

export interface TabWriteBack {
  sheetName: string;
  headerRow: number;
  /** field → 0-based column, as validation located them. */
  columns: Record<string, number>;
  rows: { row: number; id?: string; check: string }[];
}

/** The workbook's spreadsheet id, if a sync gave it one. */
export function spreadsheetIdOf(workbook: ExcelJS.Workbook): string | undefined {
  const value = workbook.getWorksheet(META_SHEET)?.getCell("B1").value;
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

/** Gives the workbook a new, stable spreadsheet id (`xlsx-<uuid>`) and returns it. */
export function assignSpreadsheetId(workbook: ExcelJS.Workbook): string {
  const id = `xlsx-${randomUUID()}`;
  const sheet = workbook.getWorksheet(META_SHEET) ?? workbook.addWorksheet(META_SHEET);
  sheet.state = "veryHidden";
  sheet.getCell("A1").value = "spreadsheetId";
  sheet.getCell("B1").value = id;
  return id;
}

/** Puts ids and check texts into the workbook's cells (in memory); returns how many cells changed. */
export function applyWriteBack(workbook: ExcelJS.Workbook, tabs: TabWriteBack[]): number {
  let changed = 0;
  for (const tab of tabs) {
    const sheet = workbook.getWorksheet(tab.sheetName);
    if (!sheet) continue;
    let checkColumn = tab.columns.check;
    if (checkColumn === undefined) {
      // No ผลการตรวจสอบ column yet: add it after the last used header cell.
      checkColumn = sheet.getRow(tab.headerRow).cellCount;
      const header = sheet.getRow(tab.headerRow).getCell(checkColumn + 1);
      header.value = TAB_SPECS.products.columns.find((c) => c.field === "check")!.th;
      header.font = { bold: true };
      changed++;
    }
    const idColumn = tab.columns.id;
    for (const r of tab.rows) {
      const row = sheet.getRow(r.row);
      if (r.id && idColumn !== undefined) {
        const cell = row.getCell(idColumn + 1);
        if (cell.value !== r.id) {
          cell.value = r.id;
          changed++;
        }
      }
      const check = row.getCell(checkColumn + 1);
      if (check.value !== r.check) {
        check.value = r.check;
        check.alignment = { wrapText: true, vertical: "top" };
        changed++;
      }
    }
  }
  return changed;
}

/**
 * Saves the workbook over `path` atomically: a temporary file beside it, then a rename. Returns the
 * SHA-256 of the bytes written (what a later sync compares the file with).
 */
export async function saveWorkbookAtomically(workbook: ExcelJS.Workbook, path: string): Promise<string> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    await writeFile(temp, bytes);
    await rename(temp, path);
    return bytesSha256(bytes);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
