// Writes the summary tabs into an .xlsx (the offline stand-in of a spreadsheet): each tab is the
// system's own, so its worksheet part is written whole (values only: text stays text, never a
// formula; number formats; a bold, filled, frozen two-row header; bold totals; column widths; sheet
// protection), an existing summary tab replaced in place, a new one added after the others. Every
// other part of the file, charts and macros included, stays byte for byte; the file is saved through a
// temporary file and a rename. See docs/architecture.md, "Workbook files".
import { columnLetter } from "../../domain/raw-workbook.ts";
import { HEADER_ROW_COUNT, type SummaryTable } from "../../domain/summaries-tables.ts";
import { type CellLook, StyleSheet } from "./styles-xml.ts";
import { readWorkbookBytes } from "./workbook-bytes.ts";
import { replaceFile } from "./workbook-file.ts";
import type { XlsxPackage } from "./xlsx-package.ts";
import { escapeCellText } from "./xml-text.ts";

const HEADER: CellLook = {
  bold: true,
  fill: "FFD9EAD3",
  horizontal: "center",
  vertical: "center",
  wrap: true,
};
const TOTAL_FILL = "FFF2F2F2";
/** Sheets widths are pixels; Excel's are characters of about 7 pixels. */
const PIXELS_PER_CHARACTER = 7;
const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** One summary table as a whole worksheet part. */
export function summarySheetXml(table: SummaryTable, styles: StyleSheet): string {
  const s = (look: CellLook) => {
    const index = styles.xf(look);
    return index === undefined ? "" : ` s="${index}"`;
  };
  const text = (ref: string, value: string, style: string) =>
    `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeCellText(value)}</t></is></c>`;
  const cols = table.columns
    .map((c, i) => {
      const width = Math.round((c.width / PIXELS_PER_CHARACTER) * 10) / 10;
      return `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`;
    })
    .join("");
  const rows: string[] = [];
  const headers = [table.columns.map((c) => c.th), table.columns.map((c) => c.en)];
  headers.forEach((values, r) => {
    const cells = values.map((v, i) => text(`${columnLetter(i)}${r + 1}`, v, s(HEADER))).join("");
    rows.push(`<row r="${r + 1}">${cells}</row>`);
  });
  const firstTotal = table.rows.length - table.totalRows;
  table.rows.forEach((values, r) => {
    const n = HEADER_ROW_COUNT + r + 1;
    const total = r >= firstTotal;
    const cells = table.columns.flatMap((c, i) => {
      const v = values[i] ?? null;
      if (v === null || v === "") return [];
      const ref = `${columnLetter(i)}${n}`;
      const look: CellLook = total ? { bold: true, fill: TOTAL_FILL } : {};
      if (typeof v === "number") {
        const numeric = c.numberFormat ? { ...look, numFmt: c.numberFormat } : look;
        return [`<c r="${ref}"${Object.keys(numeric).length ? s(numeric) : ""}><v>${v}</v></c>`];
      }
      // A string is text, whatever it looks like: never a formula.
      return [text(ref, v, Object.keys(look).length ? s(look) : "")];
    });
    rows.push(`<row r="${n}">${cells.join("")}</row>`);
  });
  const last = HEADER_ROW_COUNT + table.rows.length;
  const dimension = `A1:${columnLetter(Math.max(0, table.columns.length - 1))}${Math.max(last, 1)}`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}">` +
    `<dimension ref="${dimension}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${HEADER_ROW_COUNT}" topLeftCell="A${HEADER_ROW_COUNT + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${rows.join("")}</sheetData>` +
    // Locked against accidental edits in Excel, no password (the tabs are rebuilt, not secrets).
    `<sheetProtection sheet="1" formatColumns="0"/>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
  );
}

/** Writes the summary tabs into the package (in memory): replaced in place, or added. */
export function writeSummarySheets(pkg: XlsxPackage, tables: SummaryTable[]): void {
  const styles = new StyleSheet(pkg);
  const existing = new Map(pkg.sheets().map((s) => [s.name, s.part]));
  for (const table of tables) {
    const xml = summarySheetXml(table, styles);
    const part = existing.get(table.name);
    if (part) pkg.setText(part, xml);
    else pkg.addWorksheet(table.name, xml, "visible");
  }
}

/** Rewrites the summary tabs of the .xlsx at `path` in place (temporary file + rename). */
export async function writeSummariesToWorkbook(path: string, tables: SummaryTable[]): Promise<void> {
  const { XlsxPackage } = await import("./xlsx-package.ts");
  const pkg = await XlsxPackage.read(await readWorkbookBytes(path), path);
  writeSummarySheets(pkg, tables);
  await replaceFile(path, await pkg.toBuffer());
}
