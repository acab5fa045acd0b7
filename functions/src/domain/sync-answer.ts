// One tab sent by Apps Script, as the domain sees it: the body's header and rows as a workbook to
// validate, and the answer's rows (id, action, the ผลการตรวจสอบ text) from the mirror's outcomes.
import { isBlank } from "./clean-text.ts";
import type { Issue } from "./issues.ts";
import { fromWireCell, type RawCell, type RawWorkbook, type TaggedDate } from "./raw-workbook.ts";
import { countOutcomes, type RowOutcome, type SyncCounts } from "./sync-plan.ts";
import { type RecordTab, TAB_SPECS } from "./tabs.ts";
import type { WorkbookValidation } from "./validate-workbook.ts";

/** A cell as Apps Script sends it: a plain value, or a date tagged with the wall clock the sheet showed. */
export type WireCell = Exclude<RawCell, Date> | TaggedDate;

export interface SentTab {
  /** The sheet's name. */
  tab: string;
  header: WireCell[];
  rows: readonly { row: number; values: WireCell[] }[];
}

/** The sent rows as a one-sheet workbook; the header sits just above the first row sent. */
export function sentWorkbook(sent: SentTab, alsoNamed: readonly string[] = []): RawWorkbook {
  const first = sent.rows.reduce((m, r) => Math.min(m, r.row), Number.POSITIVE_INFINITY);
  const headerRow = Number.isFinite(first) ? first - 1 : 1;
  return {
    sheets: [
      {
        name: sent.tab,
        rows: [
          { row: headerRow, cells: sent.header.map(fromWireCell) },
          ...sent.rows.map((r) => ({ row: r.row, cells: r.values.map(fromWireCell) })),
        ],
      },
      // The spreadsheet's other sheets of the same kind, by name only: two of one kind is the
      // workbook's TAB_DUPLICATE, decided as for an .xlsx.
      ...alsoNamed.map((name) => ({ name, rows: [] })),
    ],
  };
}

/** One row of `sync`'s answer: the mirror's outcome for it and the text of its ผลการตรวจสอบ cell. */
export type SyncRowResult = Omit<RowOutcome, "tab"> & {
  /** The ผลการตรวจสอบ text: the outcome, then one line per issue (Thai / English). */
  check: string;
};

const SEVERITY_TH = { error: "ผิดพลาด", warning: "คำเตือน" } as const;

/** The text of a row's ผลการตรวจสอบ cell: the outcome, then one line per issue (Thai / English). */
export function checkOf({ action, issues }: Pick<RowOutcome, "action" | "issues">): string {
  const head =
    action !== "invalid" ? "ถูกต้อง บันทึกแล้ว / valid, saved" : "ไม่ถูกต้อง ยังไม่บันทึก / invalid, not saved";
  const lines = issues.map(
    (i) =>
      `${SEVERITY_TH[i.severity]}${i.column ? ` (${i.column})` : ""}: ${i.message_th} / ${i.severity}: ${i.message_en}`,
  );
  return [head, ...lines].join("\n");
}

/**
 * The answer for one tab: a row per non-blank row sent (a tab whose header could not be read refuses
 * every one of them with the tab's issues), the tab's own issues, and the counts.
 */
export function answerTab(
  tab: RecordTab,
  sent: SentTab,
  validation: WorkbookValidation,
  outcomes: readonly RowOutcome[],
  deleted: number,
): { rows: SyncRowResult[]; issues: Issue[]; counts: SyncCounts } {
  const mine = outcomes.filter((o) => o.tab === tab);
  const answered = new Set(mine.map((o) => o.row));
  const stopped = validation.unreadable[tab] ?? [];
  const refused: RowOutcome[] = sent.rows
    .filter(
      (r) => !answered.has(r.row) && !r.values.every((v) => isBlank(fromWireCell(v))) && stopped.length > 0,
    )
    .map((r) => ({ tab, row: r.row, action: "invalid", issues: stopped }));
  const all = [...mine, ...refused].sort((a, b) => a.row - b.row);
  const rowIssues = new Set(validation[tab].flatMap((r) => r.issues));
  const th = TAB_SPECS[tab].th;
  const issues = validation.issues.filter((i) => i.tab === th && !rowIssues.has(i));
  return {
    rows: all.map((o) => ({
      row: o.row,
      ...(o.id ? { id: o.id } : {}),
      action: o.action,
      check: checkOf(o),
      issues: o.issues,
    })),
    issues,
    counts: countOutcomes(all, deleted),
  };
}
