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
import { bumpGeneration, readGeneration } from "./file-syncs.ts";
import {
  applyTabPlan,
  type MirrorTabInput,
  type MirrorTabResult,
  planTab,
  type RowOutcome,
  type TabPlan,
} from "./mirror-tab.ts";

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
  /** The source's write generation once this sync's writes are done (file-syncs.ts). */
  generation?: number;
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
  /**
   * Called once every tab is planned (ids allocated, conflicts found, nothing but ids written yet)
   * with the rows as they are expected to end: before the record writes, or beside them.
   */
  onPlanned?: { handler: (rows: RowSyncResult[]) => Promise<void>; beforeWrites: boolean };
}

function conflictIssue(v: WorkbookValidation, tab: RecordTab, row: number, id: string, other: string): Issue {
  const index = v.layouts[tab]?.columns.id;
  const p = error(
    "ID_OF_OTHER_SPREADSHEET",
    `รหัส ${id} เป็นของสเปรดชีตอื่น (${other}): ถ้าแถวนี้เป็นข้อมูลของไฟล์นี้ ให้ลบรหัสในแถวนี้ให้ว่าง ระบบจะกำหนดรหัสใหม่; ถ้าย้ายแถวนี้มาจากสเปรดชีตนั้น ให้ลบแถวนั้นออกจากสเปรดชีตนั้นแล้วซิงค์ด้วย มิฉะนั้นจะนับซ้ำ`,
    `The id ${id} belongs to another spreadsheet (${other}): if this row belongs to this workbook, clear its id and the system assigns a new one; if the row moved here from that spreadsheet, also delete it there and sync that one, or it is counted twice`,
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
  const present = new Set(input.tabs);
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
  const tabs = mirrored.map((m) => {
    const base = before;
    before += m.rows.length;
    const tabInput: MirrorTabInput = {
      spreadsheetId: input.spreadsheetId,
      tab: m.tab,
      sheetName: v.layouts[m.tab]?.sheetName ?? TAB_SPECS[m.tab].th,
      rows: m.rows,
      actor: input.actor,
      requestId: input.requestId,
      now: input.now,
      onProgress: (done) => input.onProgress?.(base + done, total),
    };
    return { tab: m.tab, input: tabInput };
  });

  const plans: TabPlan[] = [];
  for (const t of tabs) plans.push(await planTab(db, t.input));
  const planned = collect(
    input,
    tabs.map((t, i) => ({ tab: t.tab, rows: plans[i]!.planned, deleted: [], writes: 0 })),
  );
  // The source's generation moves before any of its records do (file-syncs.ts).
  const changes = plans.some((p) => p.jobs.length > 0);
  const generation = changes
    ? await bumpGeneration(db, input.spreadsheetId, input.now)
    : await readGeneration(db, input.spreadsheetId);
  const writing = (async () => {
    if (input.onPlanned?.beforeWrites) await input.onPlanned.handler(planned.rows);
    const results: (MirrorTabResult & { tab: MirroredTab })[] = [];
    for (const [i, t] of tabs.entries())
      results.push({ tab: t.tab, ...(await applyTabPlan(db, t.input, plans[i]!)) });
    return results;
  })();
  if (input.onPlanned && !input.onPlanned.beforeWrites) {
    // Beside the writes; a failure of either is the sync's failure, once both have settled.
    const [handled, written] = await Promise.allSettled([input.onPlanned.handler(planned.rows), writing]);
    if (written.status === "rejected") throw written.reason;
    if (handled.status === "rejected") throw handled.reason;
    return withGeneration(collect(input, written.value), generation, changes);
  }
  return withGeneration(collect(input, await writing), generation, changes);
}

const withGeneration = (r: WorkbookSyncResult, generation: number, bumped: boolean): WorkbookSyncResult => ({
  ...r,
  writes: r.writes + (bumped ? 1 : 0),
  generation,
});

/** Per-row results of the mirrored tabs (invalid rows included), with attendee and agenda rows. */
function collect(
  input: MirrorWorkbookInput,
  results: { tab: MirroredTab; rows: RowOutcome[]; deleted: string[]; writes: number }[],
): WorkbookSyncResult {
  const v = input.validation;
  const present = new Set(input.tabs);
  const counts = emptyCounts();
  const rows: RowSyncResult[] = [];
  const deleted: Record<MirroredTab, string[]> = { products: [], meetings: [] };
  let writes = 0;
  const meetingAction = new Map<string, { action: SyncAction; id?: string }>();
  for (const result of results) {
    const tab = result.tab;
    writes += result.writes;
    deleted[tab] = result.deleted;
    counts.deleted += result.deleted.length;
    const byRow = new Map<number, RowOutcome>(result.rows.map((o) => [o.row, o]));
    for (const r of v[tab] as RowResult<{ number?: string }>[]) {
      const o = byRow.get(r.row);
      if (!o) {
        rows.push({ tab, row: r.row, action: "invalid", issues: r.issues });
        continue;
      }
      const issues =
        o.action === "conflict"
          ? [...r.issues, conflictIssue(v, tab, r.row, o.id, o.otherSpreadsheetId)]
          : r.issues;
      const action: SyncAction = o.action === "conflict" ? "invalid" : o.action;
      rows.push({ tab, row: r.row, id: o.action === "conflict" ? undefined : o.id, action, issues });
      if (tab === "meetings" && r.record?.number) meetingAction.set(r.record.number, { action, id: o.id });
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
