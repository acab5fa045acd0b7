// The request bodies of the HTTP functions (DESIGN.md) and the HTTP statuses of their failures: light
// modules only, so a function can be registered without loading its handler (and Firestore) yet.
import { z } from "zod";
import { MeetingNumberSchema } from "../domain/records.ts";
import { DIGIT_STYLES } from "../domain/report-model.ts";
import { YEAR_BASES } from "../domain/summaries.ts";

const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const SyncBodySchema = z.object({
  spreadsheetId: z.string().min(1).max(200),
  tab: z.string().min(1).max(100),
  header: z.array(CellSchema).min(1).max(100),
  rows: z.array(z.object({ row: z.number().int().min(2), values: z.array(CellSchema).max(100) })).max(20_000),
  requestId: z
    .string()
    .min(8)
    .max(128)
    .regex(/^[\w.:-]+$/, "letters, digits, _ . : - only"),
});
export type SyncBody = z.infer<typeof SyncBodySchema>;

export const RebuildSummariesBodySchema = z.object({
  spreadsheetId: z.string().min(1).max(200),
  /** Optional: "programme" (default) or "fiscal" (October–September) for the meetings' years. */
  basis: z.enum(YEAR_BASES).optional(),
  /** Optional: every source together (the province view) instead of this spreadsheet's records. */
  allSources: z.boolean().optional(),
});
export type RebuildSummariesBody = z.infer<typeof RebuildSummariesBodySchema>;

/** HTTP statuses of the Sheets failures rebuildSummaries can meet. */
export const REBUILD_STATUS_BY_CODE: Record<string, number> = {
  SHEETS_NOT_FOUND: 404,
  SHEETS_PERMISSION_DENIED: 403,
  SHEETS_QUOTA: 429,
  SHEETS_BAD_REQUEST: 502,
  SHEETS_UNAVAILABLE: 503,
};

export const MeetingReportBodySchema = z.object({
  spreadsheetId: z.string().min(1),
  meeting: MeetingNumberSchema,
  send: z.boolean().default(false),
  digits: z.enum(DIGIT_STYLES).optional(),
});
export type MeetingReportBody = z.infer<typeof MeetingReportBodySchema>;
