// The sync's answer as cell writes: ids into รหัส, ✓ and the time or the issues into ผลการตรวจสอบ,
// a note and colour on each cell with a problem, removed once fixed. Cells already right are left.
// The writes are then laid out as a few rectangular grids, so a flush makes a bounded number of
// Range calls however many rows it answers.
import type { Issue } from "../../functions/src/domain/issues.ts";
import { columnLetter } from "../../functions/src/domain/raw-workbook.ts";
import type { SyncRowResult } from "../../functions/src/handlers/wire.ts";
import { matchRows } from "./row-diff.ts";
import type { SheetCell, TabSnapshot, WireCell } from "./sheet-snapshot.ts";

/** A problem of one cell, as the sync function answers it (the server's own type). */
export type OutcomeIssue = Pick<Issue, "field" | "column" | "severity" | "message_th" | "message_en">;

/** One row of the sync function's answer (the server's own type). */
export type RowOutcome = Omit<SyncRowResult, "issues"> & { issues: OutcomeIssue[] };

export interface CellWrite {
  row: number;
  /** 1-based. */
  column: number;
  value: string;
}

export interface CellMark {
  row: number;
  column: number;
  note: string | null;
  background: string | null;
}

export interface WriteBackPlan {
  values: CellWrite[];
  marks: CellMark[];
  /** Sent rows not written back because they changed or moved out of recognition meanwhile. */
  skipped: number[];
}

/** Every note the system writes starts with this, so it knows which notes are its own. */
export const NOTE_PREFIX = "KBO ·";
export const MARK_COLORS = { error: "#f4cccc", warning: "#fff2cc" } as const;
const SEVERITY_TH = { error: "ผิดพลาด", warning: "คำเตือน" } as const;

/** The ผลการตรวจสอบ text: ✓ and the time when saved, ✗ when not, then the issues (Thai / English). */
export function checkText(outcome: RowOutcome, stamp: string): string {
  const details = outcome.check.split("\n").slice(1);
  const head =
    outcome.action === "invalid" ? "✗ ไม่ถูกต้อง ยังไม่บันทึก / invalid, not saved" : `✓ บันทึกแล้ว ${stamp} / saved`;
  return [head, ...details].join("\n");
}

function sameCheck(existing: WireCell, next: string, outcome: RowOutcome): boolean {
  if (typeof existing !== "string") return false;
  if (existing === next) return true;
  // An unchanged row keeps the time it was last saved: rewriting every ✓ each flush is noise.
  const rest = (s: string) => s.split("\n").slice(1).join("\n");
  return outcome.action === "unchanged" && existing.startsWith("✓") && rest(existing) === rest(next);
}

export function noteText(issues: readonly OutcomeIssue[]): string {
  return [
    NOTE_PREFIX,
    ...issues.map((i) => `${SEVERITY_TH[i.severity]}: ${i.message_th}\n${i.severity}: ${i.message_en}`),
  ].join("\n");
}

function letterIndex(letter: string): number | undefined {
  if (!/^[A-Z]+$/.test(letter)) return undefined;
  let n = 0;
  for (const ch of letter) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export interface WriteBackInput {
  sent: TabSnapshot;
  current: TabSnapshot;
  /** Current notes, [row - 1][column - 1] (from row 1, as getNotes of the data range). */
  notes: string[][];
  outcomes: readonly RowOutcome[];
  /** When the rows were checked, as shown after ✓. */
  stamp: string;
}

export function planWriteBack(input: WriteBackInput): WriteBackPlan {
  const { sent, current, notes, outcomes, stamp } = input;
  const matches = matchRows(sent, current);
  const currentValues = new Map(current.rows.map((r) => [r.row, r.values]));
  const cols = current.layout.columns;
  const width = Math.max(...Object.values(cols)) + 1;
  const plan: WriteBackPlan = { values: [], marks: [], skipped: [] };

  // Issues name the column of the row as sent; map them through the field to where it is now.
  const sentFieldAt = new Map(Object.entries(sent.layout.columns).map(([f, c]) => [c, f]));
  const columnOf = (issue: OutcomeIssue): number | undefined => {
    if (issue.field in cols) return cols[issue.field];
    const sentIndex = letterIndex(issue.column);
    const field = sentIndex === undefined ? undefined : sentFieldAt.get(sentIndex);
    if (field && field in cols) return cols[field];
    return sentIndex !== undefined && columnLetter(sentIndex) === issue.column ? sentIndex : undefined;
  };

  for (const outcome of outcomes) {
    const row = matches.get(outcome.row);
    const values = row === undefined ? undefined : currentValues.get(row);
    if (row === undefined || !values) {
      plan.skipped.push(outcome.row);
      continue;
    }
    if (outcome.id && cols.id !== undefined && values[cols.id] !== outcome.id) {
      plan.values.push({ row, column: cols.id + 1, value: outcome.id });
    }
    if (cols.check !== undefined) {
      const text = checkText(outcome, stamp);
      if (!sameCheck(values[cols.check] ?? null, text, outcome)) {
        plan.values.push({ row, column: cols.check + 1, value: text });
      }
    }
    const byColumn = new Map<number, OutcomeIssue[]>();
    for (const issue of outcome.issues) {
      const c = columnOf(issue);
      if (c !== undefined && c !== cols.check) byColumn.set(c, [...(byColumn.get(c) ?? []), issue]);
    }
    const rowNotes = notes[row - 1] ?? [];
    const lastColumn = Math.max(width, ...[...byColumn.keys()].map((c) => c + 1));
    for (let c = 0; c < lastColumn; c++) {
      const issues = byColumn.get(c);
      const existing = rowNotes[c] ?? "";
      if (issues) {
        const note = noteText(issues);
        const severity = issues.some((i) => i.severity === "error") ? "error" : "warning";
        if (existing !== note)
          plan.marks.push({ row, column: c + 1, note, background: MARK_COLORS[severity] });
      } else if (existing.startsWith(NOTE_PREFIX)) {
        plan.marks.push({ row, column: c + 1, note: null, background: null });
      }
    }
  }
  return plan;
}

/** A rectangle of cells written by one call: top-left corner (1-based) and the grid. */
export interface Grid<T> {
  row: number;
  column: number;
  cells: T[][];
}

/**
 * The value writes as one block per column, from its first to its last written row: the rows in
 * between keep the value they hold now (`current`, [row - 1][column - 1], read just before).
 * Only the system columns (รหัส, ผลการตรวจสอบ) are ever written, so no staff cell is rewritten.
 */
export function valueBlocks(
  writes: readonly CellWrite[],
  current: readonly SheetCell[][],
): Grid<SheetCell>[] {
  const byColumn = new Map<number, CellWrite[]>();
  for (const w of writes) byColumn.set(w.column, [...(byColumn.get(w.column) ?? []), w]);
  return [...byColumn.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([column, ws]) => {
      const first = Math.min(...ws.map((w) => w.row));
      const last = Math.max(...ws.map((w) => w.row));
      const cells = Array.from({ length: last - first + 1 }, (_, i) => [
        current[first + i - 1]?.[column - 1] ?? "",
      ]);
      for (const w of ws) cells[w.row - first]![0] = w.value;
      return { row: first, column, cells };
    });
}

/** The smallest rectangle holding every mark: its notes and backgrounds are written in one call each. */
export function markBlock(
  marks: readonly CellMark[],
): { row: number; column: number; rows: number; columns: number } | undefined {
  if (marks.length === 0) return undefined;
  const rows = marks.map((m) => m.row);
  const columns = marks.map((m) => m.column);
  const row = Math.min(...rows);
  const column = Math.min(...columns);
  return { row, column, rows: Math.max(...rows) - row + 1, columns: Math.max(...columns) - column + 1 };
}

/** Sheets reports an unfilled cell as white; writing white back would hide the tab's banding. */
const UNFILLED = "#ffffff";

/**
 * Notes and backgrounds of the mark block: the marks applied over what the block holds now
 * (`notes` from row 1, `backgrounds` of the block itself), every other cell left as it is.
 */
export function markGrids(
  marks: readonly CellMark[],
  notes: readonly string[][],
  backgrounds: readonly string[][],
): { notes: Grid<string>; backgrounds: Grid<string | null> } | undefined {
  const block = markBlock(marks);
  if (!block) return undefined;
  const noteCells = Array.from({ length: block.rows }, (_, i) =>
    Array.from({ length: block.columns }, (_, j) => notes[block.row + i - 1]?.[block.column + j - 1] ?? ""),
  );
  const colourCells = Array.from({ length: block.rows }, (_, i) =>
    Array.from({ length: block.columns }, (_, j) => {
      const colour = backgrounds[i]?.[j] ?? null;
      return colour === null || colour.toLowerCase() === UNFILLED ? null : colour;
    }),
  );
  for (const m of marks) {
    noteCells[m.row - block.row]![m.column - block.column] = m.note ?? "";
    colourCells[m.row - block.row]![m.column - block.column] = m.background;
  }
  return {
    notes: { row: block.row, column: block.column, cells: noteCells },
    backgrounds: { row: block.row, column: block.column, cells: colourCells },
  };
}

/** "20/01/2563 10:00 น.": the time shown after ✓, Buddhist era, in the sheet's time zone. */
export function buddhistStamp(now: Date, format: (d: Date, pattern: string) => string): string {
  const year = Number(format(now, "yyyy")) + 543;
  return `${format(now, "dd/MM")}/${year} ${format(now, "HH:mm")} น.`;
}
