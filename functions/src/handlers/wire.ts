// The HTTP contract of the functions, in one place: each request body (schema and type) and each
// answer (type). Apps Script imports these types (type-only), so a change here that its code does not
// follow fails `npm run check`. Light on purpose: every cold start loads the body schemas (zod/mini,
// a tenth of classic zod's code; see config.ts).
import * as z from "zod/mini";
import { DIGIT_STYLES, type ReportState, YEAR_BASES } from "../domain/closed-sets.ts";
import type { Issue } from "../domain/issues.ts";
import { TAGGED_DATE_PATTERN } from "../domain/raw-workbook.ts";
import { MEETING_NUMBER_PATTERN, SPREADSHEET_ID_PATTERN } from "../domain/record-patterns.ts";
import type { SyncRowResult } from "../domain/sync-answer.ts";
import type { SyncCounts } from "../domain/sync-plan.ts";
import type { RecordTab } from "../domain/tabs.ts";
import "../zod-messages.ts";

/** A date cell as the sheet holds it, `{"date": "2020-01-13T00:00:00"}` (see TaggedDate). */
const DateCellSchema = z.object({
  date: z.string().check(z.regex(TAGGED_DATE_PATTERN, "yyyy-MM-ddTHH:mm:ss")),
});
/** Checked before anything is read or written: a bad id is the caller's 400, never a Firestore error. */
const SpreadsheetIdSchema = z
  .string()
  .check(
    z.regex(
      SPREADSHEET_ID_PATTERN,
      "a spreadsheet id: 1 to 128 letters, digits, _ or -, not __…__ / รหัสสเปรดชีต: ตัวอักษร ตัวเลข _ หรือ - ไม่เกิน 128 ตัว",
    ),
  );
const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), DateCellSchema]);
/** The largest body `sync` accepts, in rows: 20,000 (about 4.5 MiB of Thai products, the flush's limit). */
export const MAX_SYNC_ROWS = 20_000;

export const SyncBodySchema = z
  .object({
    spreadsheetId: SpreadsheetIdSchema,
    tab: z.string().check(z.minLength(1), z.maxLength(100)),
    header: z.array(CellSchema).check(z.minLength(1), z.maxLength(100)),
    rows: z
      .array(z.object({ row: z.int().check(z.gte(2)), values: z.array(CellSchema).check(z.maxLength(100)) }))
      .check(z.maxLength(MAX_SYNC_ROWS)),
    requestId: z
      .string()
      .check(z.minLength(8), z.maxLength(128), z.regex(/^[\w.:-]+$/, "letters, digits, _ . : - only")),
    /** Lets this sync tombstone more than half of the tab's live records (see the mass-deletion guard). */
    confirmDeletes: z.optional(z.boolean()),
    /**
     * Every sheet name of the spreadsheet, `tab` among them: needed when `tab`'s name holds other words
     * ("ผลิตภัณฑ์ 2563"), which is read only when no other sheet is of its kind (domain/tabs.ts, recordTabsOf).
     */
    sheets: z.optional(z.array(z.string().check(z.maxLength(100))).check(z.maxLength(500))),
  })
  .check(
    // Two rows under one row number would be two records answered with one id: refused whole.
    z.superRefine((body, ctx) => {
      if (body.sheets && !body.sheets.includes(body.tab))
        ctx.addIssue({
          code: "custom",
          path: ["sheets"],
          message: `the sheet names do not include the tab "${body.tab}"`,
          input: body.sheets,
        });
      const first = new Map<number, number>();
      body.rows.forEach((r, i) => {
        const earlier = first.get(r.row);
        if (earlier === undefined) first.set(r.row, i);
        else
          ctx.addIssue({
            code: "custom",
            path: ["rows", i, "row"],
            message: `row ${r.row} is sent twice (rows.${earlier} and rows.${i}): each sheet row once`,
            input: r.row,
          });
      });
    }),
  );
export type SyncBody = z.infer<typeof SyncBodySchema>;

export type { SyncRowResult };

export interface SyncResponse {
  requestId: string;
  spreadsheetId: string;
  tab: RecordTab;
  counts: SyncCounts;
  rows: SyncRowResult[];
  /** Ids tombstoned because their rows are gone. */
  deleted: string[];
  /** Problems of the tab itself (a header missing or repeated); when one stops the tab, nothing is written. */
  issues: Issue[];
  /** This requestId was answered before: the answer is recomputed from what is stored, nothing is written. */
  replayed?: boolean;
}

export const RebuildSummariesBodySchema = z.object({
  spreadsheetId: SpreadsheetIdSchema,
  /** Optional: "programme" (default) or "fiscal" (October–September) for the meetings' years. */
  basis: z.optional(z.enum(YEAR_BASES)),
  /** Optional: every source together (the province view) instead of this spreadsheet's records. */
  allSources: z.optional(z.boolean()),
});
export type RebuildSummariesBody = z.infer<typeof RebuildSummariesBodySchema>;

export interface RebuildSummariesResponse {
  spreadsheetId: string;
  tabs: { created: string[]; updated: string[] };
  products: number;
  revenue: number;
  meetings: number;
  years: number[];
  apiCalls: number;
}

export const MeetingReportBodySchema = z.object({
  spreadsheetId: SpreadsheetIdSchema,
  meeting: z.string().check(z.regex(MEETING_NUMBER_PATTERN)),
  send: z._default(z.boolean(), false),
  digits: z.optional(z.enum(DIGIT_STYLES)),
});
export type MeetingReportBody = z.infer<typeof MeetingReportBodySchema>;

export interface MeetingReportResult {
  pdfBase64: string;
  revision: string;
  fileName: string;
  send: {
    status: ReportState | "not_requested";
    messageId?: string;
    attempts?: number;
    error?: string;
  };
}

export const SummaryReportBodySchema = z.object({
  /** One source's summary; or allSources for the province view. */
  spreadsheetId: z.optional(SpreadsheetIdSchema),
  allSources: z.optional(z.boolean()),
  /** The BE year (default: the latest with products, not after this year). */
  year: z.optional(z.int().check(z.gte(2544), z.lte(2700))),
  /** "fiscal": the Thai fiscal year (October–September) for the meetings; products by programme year. */
  basis: z.optional(z.enum(YEAR_BASES)),
  send: z._default(z.boolean(), false),
});
export type SummaryReportBody = z.infer<typeof SummaryReportBodySchema>;

/** What Cloud Scheduler's monthly message carries (Pub/Sub): the scope and basis; {} is the province view. */
export const ScheduledSummaryMessageSchema = z.object({
  spreadsheetId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  basis: z.optional(z.enum(YEAR_BASES)),
});
