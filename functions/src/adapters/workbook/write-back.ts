// Writes a sync's results into the .xlsx parts, touching only the cells the system owns: ids assigned
// to rows that had none (รหัส), each row's ผลการตรวจสอบ cell, and that column's header when the tab has
// none yet (after the last used column, so nothing staff typed is covered). Everything else in the
// file, charts, macros, notes and defined names included, is kept byte for byte.
// See docs/architecture.md, "Workbook files".
import type { RawCell, RawWorkbook } from "../../domain/raw-workbook.ts";
import { TAB_SPECS } from "../../domain/tabs.ts";
import {
  type CellRange,
  type CellWrite,
  ensureColumnWidth,
  parseCellRef,
  parseRange,
  patchSheetCells,
  sheetFacts,
  styleLeftOf,
} from "./sheet-xml.ts";
import { StyleSheet } from "./styles-xml.ts";
import type { XlsxPackage } from "./xlsx-package.ts";

export interface TabWriteBack {
  sheetName: string;
  headerRow: number;
  /** field → 0-based column, as validation located them. */
  columns: Record<string, number>;
  rows: { row: number; id?: string; check: string }[];
}

export const CHECK_HEADER = TAB_SPECS.products.columns.find((c) => c.field === "check")!.th;
/** Width (characters) of a ผลการตรวจสอบ column the system adds. */
const CHECK_WIDTH = 60;

interface SheetState {
  part: string;
  checkColumn?: number;
  merges: CellRange[];
  /** The rows as read, by sheet row number. */
  read: Map<number, RawCell[]>;
  /** What was written since, "row!col" → text. */
  written: Map<string, string>;
}

/** The ids and checks of a workbook's record tabs, written into its parts as the sync learns them. */
export class WriteBack {
  private readonly sheets = new Map<string, SheetState>();
  private readonly styles: StyleSheet;

  private readonly pkg: XlsxPackage;

  constructor(pkg: XlsxPackage, raw: RawWorkbook) {
    this.pkg = pkg;
    this.styles = new StyleSheet(pkg);
    const parts = new Map(pkg.sheets().map((s) => [s.name, s.part]));
    for (const sheet of raw.sheets) {
      const part = parts.get(sheet.name);
      if (!part) continue;
      this.sheets.set(sheet.name, {
        part,
        merges: (sheet.merges ?? []).flatMap((ref) => parseRange(ref) ?? []),
        read: new Map(sheet.rows.map((r) => [r.row, r.cells])),
        written: new Map(),
      });
    }
  }

  /** What a cell holds now, as text (null when empty). */
  private static textOf(state: SheetState, row: number, col: number): string | null {
    const written = state.written.get(`${row}!${col}`);
    if (written !== undefined) return written;
    const cell = state.read.get(row)?.[col] ?? null;
    return cell === null ? null : typeof cell === "string" ? cell : String(cell);
  }

  /** The column the tab's checks go in: the header's, one added earlier, or a new one after the last used. */
  checkColumnOf(tab: TabWriteBack): { column: number; added: boolean } | undefined {
    const state = this.sheets.get(tab.sheetName);
    if (!state) return undefined;
    if (tab.columns.check !== undefined) return { column: tab.columns.check, added: false };
    if (state.checkColumn !== undefined) return { column: state.checkColumn, added: false };
    const xml = this.pkg.text(state.part);
    let last = sheetFacts(xml).lastUsedColumn;
    // A note (comment) on an empty cell right of the table is staff's too.
    for (const ref of this.pkg.commentRefs(state.part)) last = Math.max(last, parseCellRef(ref)?.col ?? -1);
    for (const m of state.merges) last = Math.max(last, m.right);
    return { column: last + 1, added: true };
  }

  /** Puts ids and check texts into their cells (in memory); returns how many cells changed. */
  apply(tabs: TabWriteBack[]): number {
    let changed = 0;
    for (const tab of tabs) {
      const state = this.sheets.get(tab.sheetName);
      const check = this.checkColumnOf(tab);
      if (!state || !check) continue;
      const writes: CellWrite[] = [];
      let xml = this.pkg.text(state.part);
      const covered = (row: number, col: number) =>
        state.merges.some(
          (m) =>
            row >= m.top &&
            row <= m.bottom &&
            col >= m.left &&
            col <= m.right &&
            !(row === m.top && col === m.left),
        );
      const want = (row: number, col: number, text: string, style?: () => number | undefined) => {
        if (WriteBack.textOf(state, row, col) === text || covered(row, col)) return;
        writes.push({ row, col, text, style: style?.() });
      };
      if (check.added) {
        // The new header looks like its neighbour on the left.
        want(tab.headerRow, check.column, CHECK_HEADER, () => styleLeftOf(xml, tab.headerRow, check.column));
        xml = ensureColumnWidth(xml, check.column, CHECK_WIDTH);
        state.checkColumn = check.column;
      }
      const idColumn = tab.columns.id;
      for (const r of tab.rows) {
        if (r.id && idColumn !== undefined) want(r.row, idColumn, r.id);
        want(r.row, check.column, r.check, () => this.wrapTextStyle());
      }
      const patched = patchSheetCells(xml, writes);
      const skipped = new Set(patched.skipped);
      for (const w of writes) if (!skipped.has(w)) state.written.set(`${w.row}!${w.col}`, w.text);
      this.pkg.setText(state.part, patched.xml);
      changed += patched.written;
    }
    return changed;
  }

  /** The style of the check cells the system creates: text wrapped at the top of the cell. */
  private wrapTextStyle(): number | undefined {
    return this.styles.xf({ vertical: "top", wrap: true });
  }
}
