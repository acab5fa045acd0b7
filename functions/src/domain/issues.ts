// Row problems as data: every problem found in a cell is an Issue, in Thai and English.
// Validation never throws for bad input; it returns these.
import { z } from "zod";
import { columnLetter } from "./raw-workbook.ts";
import { type RecordTab, TAB_SPECS } from "./tabs.ts";

export const SEVERITIES = ["error", "warning"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const IssueSchema = z.object({
  tab: z.string(),
  row: z.number().int().positive(),
  column: z.string(),
  field: z.string(),
  severity: z.enum(SEVERITIES),
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  message_th: z.string(),
  message_en: z.string(),
});
export type Issue = z.infer<typeof IssueSchema>;

/** A problem before it is placed on a cell. */
export interface Problem {
  severity: Severity;
  code: string;
  th: string;
  en: string;
}

/**
 * A problem placed on its cell: the tab's Thai name, the sheet row, the column (a 0-based index or a
 * letter; none for a problem of the row or the tab) and the field.
 */
export const issueAt = (
  tab: RecordTab,
  row: number,
  column: number | string | undefined,
  field: string,
  p: Problem,
): Issue => ({
  tab: TAB_SPECS[tab].th,
  row,
  column: typeof column === "number" ? columnLetter(column) : (column ?? ""),
  field,
  severity: p.severity,
  code: p.code,
  message_th: p.th,
  message_en: p.en,
});

/** Shared by every row without an issue (most rows): replaced, never added to. */
export const NO_ISSUES: Issue[] = Object.freeze([]) as unknown as Issue[];

const problem =
  (severity: Severity) =>
  (code: string, th: string, en: string): Problem => ({ severity, code, th, en });
export const error = problem("error");
export const warning = problem("warning");

/** The outcome of normalising one cell: a value (possibly with warnings) or an error. */
export type Parsed<T> = { ok: true; value: T; warnings: Problem[] } | { ok: false; problem: Problem };

// Shared by every warning-free result: validation allocates per row, and rows are many.
const NO_WARNINGS: Problem[] = Object.freeze([]) as unknown as Problem[];

// "Nothing in this cell" is the commonest answer of all: one shared result.
const OK_NONE: Parsed<undefined> = Object.freeze({ ok: true, value: undefined, warnings: NO_WARNINGS });

export const ok = <T>(value: T, warnings: Problem[] = NO_WARNINGS): Parsed<T> =>
  value === undefined && warnings.length === 0 ? (OK_NONE as Parsed<T>) : { ok: true, value, warnings };
export const fail = <T = never>(problem: Problem): Parsed<T> => ({ ok: false, problem });
