// The sync's answer as cell writes: ids into รหัส, ✓ and the time or the issues into ผลการตรวจสอบ,
// a note and colour on each cell with a problem, removed once fixed. Cells already right are left.
import { columnLetter } from "../../functions/src/domain/raw-workbook.ts";
import { matchRows } from "./row-diff.ts";
import type { TabSnapshot, WireCell } from "./sheet-snapshot.ts";

export interface OutcomeIssue {
  field: string;
  /** Column letter of the sent row. */
  column: string;
  severity: "error" | "warning";
  message_th: string;
  message_en: string;
}

/** One row of the sync function's answer. */
export interface RowOutcome {
  row: number;
  id?: string;
  action: string;
  check: string;
  issues: OutcomeIssue[];
}

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

export interface ValueRun {
  row: number;
  column: number;
  values: string[][];
}

/** Writes grouped into runs of consecutive rows in one column: one setValues call each. */
export function groupRuns(writes: readonly CellWrite[]): ValueRun[] {
  const sorted = [...writes].sort((a, b) => a.column - b.column || a.row - b.row);
  const runs: ValueRun[] = [];
  for (const w of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.column === w.column && last.row + last.values.length === w.row)
      last.values.push([w.value]);
    else runs.push({ row: w.row, column: w.column, values: [[w.value]] });
  }
  return runs;
}

/** "20/01/2563 10:00 น.": the time shown after ✓, Buddhist era, in the sheet's time zone. */
export function buddhistStamp(now: Date, format: (d: Date, pattern: string) => string): string {
  const year = Number(format(now, "yyyy")) + 543;
  return `${format(now, "dd/MM")}/${year} ${format(now, "HH:mm")} น.`;
}
