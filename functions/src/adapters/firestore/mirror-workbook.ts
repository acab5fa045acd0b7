// Mirrors a validated workbook (or one tab of it): products and meetings (with their attendees and
// agenda inside) go to Firestore, invalid rows never do. Returns one result per row, with the id
// assigned and the issues to write into the row's ผลการตรวจสอบ cell. Shared by `kbo sync` and the
// `sync` HTTP function.
import type { Firestore } from "@google-cloud/firestore";
import { error, type Issue } from "../../domain/issues.ts";
import { columnLetter } from "../../domain/raw-workbook.ts";
import {
  embedMeetingDetails,
  emptyCounts,
  type MirroredTab,
  type SyncAction,
  type SyncCounts,
} from "../../domain/sync-plan.ts";
import { type RecordTab, TAB_SPECS } from "../../domain/tabs.ts";
import type { RowResult, WorkbookValidation } from "../../domain/validate-workbook.ts";
import { mirrorTab, type RowOutcome } from "./mirror-tab.ts";

export interface RowSyncResult {
  tab: RecordTab;
  row: number;
  id?: string;
  action: SyncAction;
  issues: Issue[];
}

export interface WorkbookSyncResult {
  rows: RowSyncResult[];
  counts: SyncCounts;
  /** Ids tombstoned, per mirrored tab. */
  deleted: Record<MirroredTab, string[]>;
  writes: number;
}

export interface MirrorWorkbookInput {
  spreadsheetId: string;
  validation: WorkbookValidation;
  /** The record tabs the input really contained: only their missing rows become tombstones. */
  tabs: RecordTab[];
  actor: string;
  requestId?: string;
  now: Date;
  onProgress?: (done: number, total: number) => void;
}

function conflictIssue(v: WorkbookValidation, tab: RecordTab, row: number, id: string, other: string): Issue {
  const index = v.layouts[tab]?.columns.id;
  const p = error(
    "ID_OF_OTHER_SPREADSHEET",
    `รหัส ${id} เป็นของสเปรดชีตอื่น (${other}): ลบรหัสในแถวนี้ให้ว่าง ระบบจะกำหนดรหัสใหม่`,
    `The id ${id} belongs to another spreadsheet (${other}): clear this row's id and the system assigns a new one`,
  );
  return {
    tab: TAB_SPECS[tab].th,
    row,
    column: index === undefined ? "" : columnLetter(index),
    field: "id",
    severity: p.severity,
    code: p.code,
    message_th: p.th,
    message_en: p.en,
  };
}

const validRows = <T>(rows: RowResult<T>[]) =>
  rows.filter((r) => r.valid && r.record).map((r) => ({ row: r.row, record: r.record! }));

export async function mirrorWorkbook(db: Firestore, input: MirrorWorkbookInput): Promise<WorkbookSyncResult> {
  const v = input.validation;
  const counts = emptyCounts();
  const rows: RowSyncResult[] = [];
  const deleted: Record<MirroredTab, string[]> = { products: [], meetings: [] };
  let writes = 0;
  const present = new Set(input.tabs);
  const meetingAction = new Map<string, { action: SyncAction; id?: string }>();

  const mirrored: { tab: MirroredTab; rows: { row: number; record: never }[] }[] = [];
  if (present.has("products")) mirrored.push({ tab: "products", rows: validRows(v.products) as never[] });
  if (present.has("meetings")) {
    const details = embedMeetingDetails(
      validRows(v.meetings),
      validRows(v.attendees).map((r) => r.record),
      validRows(v.agenda).map((r) => r.record),
    );
    mirrored.push({ tab: "meetings", rows: details as never[] });
  }
  const total = mirrored.reduce((n, m) => n + m.rows.length, 0);
  let before = 0;
  for (const m of mirrored) {
    const base = before;
    const result = await mirrorTab(db, {
      spreadsheetId: input.spreadsheetId,
      tab: m.tab,
      sheetName: v.layouts[m.tab]?.sheetName ?? TAB_SPECS[m.tab].th,
      rows: m.rows,
      actor: input.actor,
      requestId: input.requestId,
      now: input.now,
      onProgress: (done) => input.onProgress?.(base + done, total),
    });
    before += m.rows.length;
    writes += result.writes;
    deleted[m.tab] = result.deleted;
    counts.deleted += result.deleted.length;
    const byRow = new Map<number, RowOutcome>(result.rows.map((o) => [o.row, o]));
    for (const r of v[m.tab] as RowResult<{ number?: string }>[]) {
      const o = byRow.get(r.row);
      if (!o) {
        rows.push({ tab: m.tab, row: r.row, action: "invalid", issues: r.issues });
        continue;
      }
      const issues =
        o.action === "conflict"
          ? [...r.issues, conflictIssue(v, m.tab, r.row, o.id, o.otherSpreadsheetId)]
          : r.issues;
      const action: SyncAction = o.action === "conflict" ? "invalid" : o.action;
      rows.push({ tab: m.tab, row: r.row, id: o.action === "conflict" ? undefined : o.id, action, issues });
      if (m.tab === "meetings" && r.record?.number) meetingAction.set(r.record.number, { action, id: o.id });
    }
  }
  // Attendee and agenda rows travel inside their meeting: they share its outcome.
  for (const tab of ["attendees", "agenda"] as const) {
    if (!present.has(tab)) continue;
    for (const r of v[tab]) {
      const m = r.valid && r.record ? meetingAction.get(r.record.meeting) : undefined;
      rows.push({ tab, row: r.row, action: m ? m.action : "invalid", issues: r.issues });
    }
  }
  for (const r of rows) if (r.tab === "products" || r.tab === "meetings") counts[r.action]++;
  return { rows, counts, deleted, writes };
}
