// The request bodies of the HTTP functions (docs/architecture.md): light
// modules only, so a function can be registered without loading its handler (and Firestore) yet. The
// schemas use zod/mini (a tenth of classic zod's code to load on every cold start; see config.ts).
import * as z from "zod/mini";
import { TAGGED_DATE_PATTERN } from "../domain/raw-workbook.ts";
import { MEETING_NUMBER_PATTERN } from "../domain/record-patterns.ts";
import { DIGIT_STYLES } from "../domain/report-model.ts";
import { YEAR_BASES } from "../domain/summaries.ts";
import "../zod-messages.ts";

/** A date cell as the sheet holds it, `{"date": "2020-01-13T00:00:00"}` (see TaggedDate). */
const DateCellSchema = z.object({
  date: z.string().check(z.regex(TAGGED_DATE_PATTERN, "yyyy-MM-ddTHH:mm:ss")),
});
const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), DateCellSchema]);

export const SyncBodySchema = z.object({
  spreadsheetId: z.string().check(z.minLength(1), z.maxLength(200)),
  tab: z.string().check(z.minLength(1), z.maxLength(100)),
  header: z.array(CellSchema).check(z.minLength(1), z.maxLength(100)),
  rows: z
    .array(z.object({ row: z.int().check(z.gte(2)), values: z.array(CellSchema).check(z.maxLength(100)) }))
    .check(z.maxLength(20_000)),
  requestId: z
    .string()
    .check(z.minLength(8), z.maxLength(128), z.regex(/^[\w.:-]+$/, "letters, digits, _ . : - only")),
});
export type SyncBody = z.infer<typeof SyncBodySchema>;

export const RebuildSummariesBodySchema = z.object({
  spreadsheetId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Optional: "programme" (default) or "fiscal" (October–September) for the meetings' years. */
  basis: z.optional(z.enum(YEAR_BASES)),
  /** Optional: every source together (the province view) instead of this spreadsheet's records. */
  allSources: z.optional(z.boolean()),
});
export type RebuildSummariesBody = z.infer<typeof RebuildSummariesBodySchema>;

export const MeetingReportBodySchema = z.object({
  spreadsheetId: z.string().check(z.minLength(1)),
  meeting: z.string().check(z.regex(MEETING_NUMBER_PATTERN)),
  send: z._default(z.boolean(), false),
  digits: z.optional(z.enum(DIGIT_STYLES)),
});
export type MeetingReportBody = z.infer<typeof MeetingReportBodySchema>;
