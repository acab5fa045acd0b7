// The mirror: a validated workbook (or the tabs of it a sync read) into Firestore. It reads what the
// source holds, asks the pure plan (domain/sync-plan.ts, domain/meeting-details.ts) what each row
// becomes, refuses a mass deletion that was not confirmed, allocates ids, and writes: new records in
// atomic batches with their provisional-key claims, every other change in transactions that re-read
// what they change, each commit with its audit change set. Shared by `sync`, `reconcile` and `kbo sync`.
// Why each collection exists and what a sync guarantees: docs/architecture.md.
import type { DocumentReference, Firestore, Transaction, WriteBatch } from "@google-cloud/firestore";
import { AppError } from "../../app-error.ts";
import type { Issue } from "../../domain/issues.ts";
import { attachDetails, DETAIL_TABS, type DetailTab, detailOutcomes } from "../../domain/meeting-details.ts";
import type { ValidatedRow } from "../../domain/parse-rows.ts";
import { columnLetter } from "../../domain/raw-workbook.ts";
import type { Meeting } from "../../domain/records.ts";
import {
  conflictIssue,
  countOutcomes,
  decide,
  diffFields,
  formatRecordId,
  idResolver,
  idsToLookUp,
  type MeetingRecord,
  type MirroredTab,
  type PlannedWrite,
  parseRecordIdParts,
  planTab,
  type RowOutcome,
  recordBytes,
  type StoredHead,
  type SyncCounts,
  type SyncUnit,
  type TabPlan,
  type TabPlanInput,
  toSyncUnits,
} from "../../domain/sync-plan.ts";
import { type RecordTab, TAB_SPECS } from "../../domain/tabs.ts";
import type { WorkbookValidation } from "../../domain/validate-workbook.ts";
import { retryFirestore } from "../retry.ts";
import { type AuditEntry, auditEntry, changeSet, ENTRY_CHARS } from "./change-sets.ts";
import {
  type ChangeSetDoc,
  collections,
  isAlreadyExists,
  type MeetingDoc,
  type RecordDoc,
  type RecordMeta,
  recordOfDoc,
  recordsOf,
} from "./collections.ts";
import { chunk, mapLimit } from "./parallel.ts";

/** Named moments of a sync, where the crash-point test stops the process. */
export const MIRROR_STEPS = ["ids-allocated", "batch-written"] as const;
export type MirrorStep = (typeof MIRROR_STEPS)[number];

export interface MirrorInput {
  spreadsheetId: string;
  validation: WorkbookValidation;
  /** The record tabs this sync read. A tab not read (or unreadable as a whole) keeps what is stored. */
  read: readonly RecordTab[];
  /** Who asked: the caller's e-mail, `reconcile`, or `kbo-cli:<user>`. */
  actor: string;
  requestId?: string;
  now: Date;
  /** The tombstoning of more than half of a tab's live records is confirmed. */
  confirmDeletes?: boolean;
  /** Plan only, write nothing (a replayed request is answered this way). */
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
  /**
   * Told every row's expected outcome once ids are allocated: before any record is written
   * (`beforeWrites`), or beside the writes. `kbo sync` saves ids into the file there.
   */
  onPlanned?: { handler: (rows: RowOutcome[]) => Promise<void>; beforeWrites: boolean };
  /** Told each named step as it is passed (the crash-point test). */
  onStep?: (step: MirrorStep) => void | Promise<void>;
}

export interface MirrorResult {
  /** One outcome per row of every tab read (attendees and agenda share their meeting's). */
  rows: RowOutcome[];
  /** Rows of products and meetings, per action, and the tombstones. */
  counts: SyncCounts;
  /** Ids tombstoned, per mirrored tab. */
  deleted: Record<MirroredTab, string[]>;
  /** Documents written: records, claims, audit change sets, counters. */
  writes: number;
  /** Documents read (as Firestore bills them: each document a query or a get returns). */
  reads: number;
}

/** Documents read so far by one sync. */
type Meter = { reads: number };

/** Writes per commit: Firestore takes 500; one is the change set. */
const COMMIT_WRITES = 499;
/** Bytes of records per commit, under Firestore's 10 MiB request. */
const COMMIT_BYTES = 8 * 1024 * 1024;
/** Bytes of one change set's entries, under the 1 MiB document limit. */
const CHANGE_SET_BYTES = 700 * 1024;
/** Commits in flight at once; they touch disjoint documents (6: the emulator and the client overlap better than at 4). */
const PARALLEL = 6;

const validOnly = <T>(rows: readonly ValidatedRow<T>[]) =>
  rows.flatMap((r) => (r.valid && r.record ? [{ row: r.row, record: r.record }] : []));

/** The letter of a tab's id column, for issues placed on it ("" when the sheet has none). */
function idColumnOf(v: WorkbookValidation, tab: MirroredTab): string {
  const i = v.layouts[tab]?.columns.id;
  return i === undefined ? "" : columnLetter(i);
}

function headOf(id: string, d: Partial<RecordDoc>): StoredHead {
  return {
    id,
    hash: d.hash ?? "",
    deleted: d.deleted === true,
    spreadsheetId: d.source?.spreadsheetId ?? "",
    row: d.source?.row ?? 0,
    ...(d.rowKey ? { rowKey: d.rowKey } : {}),
  };
}

/** This source's products, bookkeeping only (cheap even for thousands of records). */
async function readProductHeads(db: Firestore, spreadsheetId: string, meter: Meter): Promise<StoredHead[]> {
  const snap = await retryFirestore(() =>
    collections(db)
      .products.where("source.spreadsheetId", "==", spreadsheetId)
      .select("hash", "deleted", "source.spreadsheetId", "source.row", "rowKey")
      .get(),
  );
  meter.reads += Math.max(1, snap.size);
  return snap.docs.map((d) => headOf(d.id, d.data()));
}

/** This source's meetings, whole: their attendees and agenda are kept when a tab cannot replace them. */
async function readMeetings(db: Firestore, spreadsheetId: string, meter: Meter): Promise<MeetingDoc[]> {
  const snap = await retryFirestore(() =>
    collections(db).meetings.where("source.spreadsheetId", "==", spreadsheetId).get(),
  );
  meter.reads += Math.max(1, snap.size);
  return snap.docs.map((d) => d.data());
}

/** Plans a tab once its own records are read: the records of other sources its rows name are looked up. */
async function planOf(
  db: Firestore,
  input: MirrorInput,
  meter: Meter,
  plan: Omit<TabPlanInput, "spreadsheetId" | "others" | "confirmDeletes" | "idColumn">,
): Promise<TabPlan> {
  const ids = idsToLookUp(plan.rows, plan.own);
  const records = recordsOf(db, plan.tab);
  meter.reads += ids.length;
  const parts = await mapLimit(chunk(ids, 500), PARALLEL, (part) =>
    retryFirestore(() => db.getAll(...part.map((id) => records.doc(id)))),
  );
  const others = parts.flat().flatMap((s) => (s.exists ? [headOf(s.id, s.data()!)] : []));
  return planTab({
    ...plan,
    spreadsheetId: input.spreadsheetId,
    others,
    confirmDeletes: input.confirmDeletes,
    idColumn: idColumnOf(input.validation, plan.tab),
  });
}

/** A tab planned, with the sheet each row was read from and the rows it answers once its outcomes are final. */
interface Planned {
  plan: TabPlan;
  sheetName: (row: number) => string;
  answer: (final: RowOutcome[]) => RowOutcome[];
}

/** The outcomes of a tab stopped as a whole: every row refused with the tab's issues, nothing written. */
function stoppedOutcomes(tab: RecordTab, rows: readonly ValidatedRow<unknown>[], issues: Issue[]) {
  return rows.map((r): RowOutcome => {
    const own = r.issues.some((i) => i.severity === "error");
    return {
      tab,
      row: r.row,
      ...(r.id ? { id: r.id } : {}),
      action: "invalid",
      issues: own ? r.issues : [...r.issues, ...issues],
    };
  });
}

async function planProducts(db: Firestore, input: MirrorInput, meter: Meter): Promise<Planned> {
  const rows = input.validation.products;
  const sheetName = input.validation.layouts.products?.sheetName ?? TAB_SPECS.products.th;
  // The read is sent first: the rows are hashed while it travels.
  const own = readProductHeads(db, input.spreadsheetId, meter);
  const units = toSyncUnits("products", input.spreadsheetId, validOnly(rows));
  const plan = await planOf(db, input, meter, { tab: "products", rows, units, read: true, own: await own });
  return { plan, sheetName: () => sheetName, answer: (final) => final };
}

/** Meetings, with the attendees and agenda rows that go inside them (or without the meetings tab, into them as stored). */
async function planMeetings(
  db: Firestore,
  input: MirrorInput,
  readable: (t: RecordTab) => boolean,
  meter: Meter,
): Promise<Planned> {
  const v = input.validation;
  const stored = await readMeetings(db, input.spreadsheetId, meter);
  const own = stored.map((m) => headOf(m.id, m));
  const storedById = new Map(stored.map((m) => [m.id, m]));
  const read = readable("meetings");
  // Without the meetings tab, a detail tab's rows go into the meetings as stored, at their rows.
  const base: { row: number; record: Meeting | MeetingRecord }[] = read
    ? validOnly(v.meetings)
    : stored.filter((m) => !m.deleted).map((m) => ({ row: m.source.row, record: recordOfDoc(m) }));
  const baseUnits = toSyncUnits("meetings", input.spreadsheetId, base);
  const rows = read ? v.meetings : [];
  const resolve = idResolver(rows, baseUnits, own);
  const detail = <T extends DetailTab>(t: T) => ({ read: readable(t), rows: readable(t) ? v[t] : [] });
  const { units, kept } = attachDetails(
    baseUnits,
    (u) => {
      const m = storedById.get(resolve(u) ?? "");
      return m && recordOfDoc(m);
    },
    { attendees: detail("attendees"), agenda: detail("agenda") },
  );
  const plan = await planOf(db, input, meter, { tab: "meetings", rows, units, read, own });
  const layoutName = v.layouts.meetings?.sheetName ?? TAB_SPECS.meetings.th;
  const storedAtRow = new Map(stored.map((m) => [m.source.row, m.source.tab]));
  const numberAt = new Map(base.map((b) => [b.row, b.record.number]));
  return {
    plan,
    sheetName: (row) => (read ? layoutName : (storedAtRow.get(row) ?? layoutName)),
    // Meetings carried only for a detail tab are not answered; the detail rows take their meeting's outcome.
    answer: (final) => {
      const byNumber = new Map(
        final.flatMap((o) => (numberAt.has(o.row) ? [[numberAt.get(o.row)!, o]] : [])),
      );
      const details = DETAIL_TABS.flatMap((t) =>
        readable(t) ? detailOutcomes(t, v[t], byNumber, kept) : [],
      );
      return read ? [...final, ...details] : details;
    },
  };
}

function massDeletionError(tab: MirroredTab, live: number, deleting: number): AppError {
  const { th, en } = TAB_SPECS[tab];
  return new AppError(
    "DELETES_NEED_CONFIRMATION",
    `การซิงค์นี้จะลบ ${deleting} จาก ${live} รายการของแท็บ${th} (เกินครึ่ง) จึงยังไม่ได้เปลี่ยนแปลงข้อมูลใด ` +
      `ถ้าตั้งใจลบจริง ให้ยืนยัน (kbo sync --confirm-deletes) / This sync would tombstone ${deleting} of the ` +
      `${live} live records of the ${en} tab (more than half), so nothing was changed. If that is intended, ` +
      "confirm it (confirmDeletes: true in the body, or kbo sync --confirm-deletes)",
    { details: { tab, live, deleting } },
  );
}

type Create = Extract<PlannedWrite, { kind: "create" }>;

/**
 * Gives each new record without an id the next number of its tab and year, past every id the sheet
 * already carries, in one counter transaction; the plans' writes and outcomes get their ids in place
 * (the plans are this sync's own, and a first sync's hold thousands of rows). Returns the writes.
 */
async function allocateIds(db: Firestore, plans: TabPlan[], now: Date, meter: Meter): Promise<number> {
  const need = new Map<string, { tab: MirroredTab; year: number; creates: Create[]; floor: number }>();
  const slot = (tab: MirroredTab, year: number) => {
    const k = `${tab}-${year}`;
    if (!need.has(k)) need.set(k, { tab, year, creates: [], floor: 0 });
    return need.get(k)!;
  };
  for (const p of plans) {
    for (const w of p.writes) {
      if (w.kind !== "create") continue;
      if (w.id) {
        // An id typed or saved into the sheet that no record holds yet: the counter moves past it.
        const parts = parseRecordIdParts(p.tab, w.id);
        if (parts) slot(p.tab, parts.yearBE).floor = Math.max(slot(p.tab, parts.yearBE).floor, parts.seq);
      } else slot(p.tab, w.unit.yearBE).creates.push(w);
    }
  }
  const slots = [...need.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  if (slots.length === 0) return 0;
  const refs = slots.map(([k]) => collections(db).counters.doc(k));
  let writes = 0;
  const starts = await retryFirestore(() =>
    db.runTransaction(async (tx) => {
      const snaps = await tx.getAll(...refs);
      meter.reads += refs.length;
      writes = 0;
      return slots.map(([, s], i) => {
        const stored = snaps[i]!.data()?.next ?? 0;
        const next = Math.max(stored, s.floor);
        const end = next + s.creates.length;
        if (end !== stored) {
          tx.set(refs[i]!, { next: end, updatedAt: now });
          writes++;
        }
        return next;
      });
    }),
  );
  slots.forEach(([, s], i) => {
    s.creates.forEach((w, j) => {
      w.id = formatRecordId(s.tab, s.year, starts[i]! + j + 1);
    });
  });
  for (const p of plans) {
    const idAt = new Map(p.writes.flatMap((w) => (w.kind === "create" ? [[w.unit.row, w.id]] : [])));
    for (const o of p.outcomes) if (!o.id && o.action === "created") o.id = idAt.get(o.row);
  }
  return writes;
}

/** What commits wrote, and how their rows ended. */
interface CommitResult {
  outcomes: RowOutcome[];
  deleted: string[];
  writes: number;
}

interface Writer {
  db: Firestore;
  meter: Meter;
  input: MirrorInput;
  tab: MirroredTab;
  sheetName: (row: number) => string;
}

function recordDoc(
  w: Writer,
  unit: SyncUnit,
  id: string,
  before: RecordDoc | undefined,
  rowKey: string | undefined,
): RecordDoc {
  const key = before?.rowKey ?? rowKey;
  const meta: RecordMeta = {
    id,
    source: { spreadsheetId: w.input.spreadsheetId, tab: w.sheetName(unit.row), row: unit.row },
    hash: unit.hash,
    deleted: false,
    deletedAt: null,
    createdAt: before?.createdAt ?? w.input.now,
    createdBy: before?.createdBy ?? w.input.actor,
    updatedAt: w.input.now,
    updatedBy: w.input.actor,
  };
  if (key) meta.rowKey = key;
  // Object.assign, not `{ ...content, ...meta }`: on Node 20 that spread costs about 20 µs a
  // document, a fifth of a second of a 10,000-row first sync (bench/sync-http).
  return Object.assign({}, unit.content, meta) as unknown as RecordDoc;
}

/** Record content (domain form) of a stored document: no id, no bookkeeping. */
function contentOf(d: RecordDoc): Record<string, unknown> {
  const { id: _i, ...content } = recordOfDoc(d);
  return content;
}

/** The audit change set of one commit. */
const changeSetOf = (w: Writer, entries: AuditEntry[]): ChangeSetDoc =>
  changeSet(
    {
      tab: w.tab,
      spreadsheetId: w.input.spreadsheetId,
      sheetName: w.sheetName(entries[0]?.row ?? 0),
      actor: w.input.actor,
      requestId: w.input.requestId,
      now: w.input.now,
    },
    entries,
  );

/** New records in one atomic batch with their claims; fails whole (ALREADY_EXISTS) if any exists now. */
async function commitCreates(w: Writer, jobs: (Create & { id: string })[]): Promise<CommitResult> {
  const c = collections(w.db);
  const records = recordsOf(w.db, w.tab);
  const batch: WriteBatch = w.db.batch();
  const entries: AuditEntry[] = [];
  let writes = 1;
  for (const j of jobs) {
    if (j.claim) {
      batch.create(c.rowKeys.doc(j.claim), { id: j.id });
      writes++;
    }
    batch.create(records.doc(j.id), recordDoc(w, j.unit, j.id, undefined, j.claim));
    writes++;
    // A creation's content is the record's first version: the record itself, or the `before` of its
    // first change. The entry says who made it, when and from which row; copying it would double
    // what a first sync writes.
    entries.push({ recordId: j.id, action: "created", row: j.unit.row, fields: {} });
  }
  batch.create(c.changes.doc(), changeSetOf(w, entries));
  await retryFirestore(() => batch.commit());
  // Created as planned: the plan's outcomes stand.
  return { outcomes: [], deleted: [], writes };
}

/**
 * Every other change (and creates that lost a race), in one transaction that re-reads what it
 * writes and decides again: a twin sync that got there first turns a create into nothing to do.
 */
async function commitInTransaction(w: Writer, jobs: PlannedWrite[]): Promise<CommitResult> {
  const c = collections(w.db);
  const records = recordsOf(w.db, w.tab);
  const idColumn = idColumnOf(w.input.validation, w.tab);
  return retryFirestore(() =>
    w.db.runTransaction(async (tx: Transaction) => {
      // A provisional key claimed meanwhile names the record to use instead of a new one.
      const claims = jobs.flatMap((j) => (j.kind === "create" && j.claim ? [j.claim] : []));
      const claimSnaps = claims.length > 0 ? await tx.getAll(...claims.map((k) => c.rowKeys.doc(k))) : [];
      w.meter.reads += claims.length + jobs.length;
      const claimed = new Map(claimSnaps.flatMap((s) => (s.exists ? [[s.id, s.data()!.id] as const] : [])));
      const idOf = (j: PlannedWrite) =>
        j.kind === "create" ? (j.claim && claimed.get(j.claim)) || j.id! : j.id;
      const refs: DocumentReference<RecordDoc>[] = jobs.map((j) => records.doc(idOf(j)));
      const snaps = await tx.getAll(...refs);
      const outcomes: RowOutcome[] = [];
      const deleted: string[] = [];
      const entries: AuditEntry[] = [];
      let writes = 0;
      jobs.forEach((j, i) => {
        const ref = refs[i]!;
        const before = snaps[i]!.exists ? snaps[i]!.data() : undefined;
        if (j.kind === "delete") {
          // Gone from the sheet: a tombstone, unless someone did it already or the row came back.
          if (!before || before.deleted || before.source.spreadsheetId !== w.input.spreadsheetId) return;
          tx.update(ref, {
            deleted: true,
            deletedAt: w.input.now,
            updatedAt: w.input.now,
            updatedBy: w.input.actor,
          });
          entries.push(auditEntry(ref.id, "deleted", j.row, { deleted: { before: false, after: true } }));
          deleted.push(ref.id);
          writes++;
          return;
        }
        const d = decide(j.unit, before ? headOf(ref.id, before) : undefined, w.input.spreadsheetId);
        const row = j.unit.row;
        if (d.kind === "conflict") {
          const issue = conflictIssue(w.tab, row, idColumn, ref.id, d.otherSpreadsheetId);
          outcomes.push({ tab: w.tab, row, action: "invalid", issues: [issue] });
          return;
        }
        if (d.kind === "unchanged") {
          outcomes.push({ tab: w.tab, row, id: ref.id, action: "unchanged", issues: [] });
          return;
        }
        const claim = j.kind === "create" && j.claim && !claimed.has(j.claim) ? j.claim : undefined;
        if (claim) {
          tx.create(c.rowKeys.doc(claim), { id: ref.id });
          writes++;
        }
        tx.set(ref, recordDoc(w, j.unit, ref.id, before, claim));
        writes++;
        const fields = diffFields(before ? contentOf(before) : {}, j.unit.content);
        const action = d.kind === "create" ? "created" : d.kind;
        if (d.kind !== "create" && d.rowMoved)
          fields["source.row"] = { before: before?.source.row ?? null, after: row };
        if (d.kind === "restored") fields.deleted = { before: true, after: false };
        entries.push(auditEntry(ref.id, action, row, fields));
        outcomes.push({ tab: w.tab, row, id: ref.id, action, issues: [] });
      });
      if (entries.length > 0) {
        tx.create(c.changes.doc(), changeSetOf(w, entries));
        writes++;
      }
      return { outcomes, deleted, writes };
    }),
  );
}

/** Cuts the writes into commits within Firestore's limits and the change set's size. */
function commits<T extends PlannedWrite>(jobs: readonly T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let writes = 0;
  let bytes = 0;
  let audit = 0;
  for (const j of jobs) {
    // Products are bounded by their columns' limits (a few KiB); meetings are measured.
    const size =
      j.kind === "delete" ? 200 : "number" in j.unit.content ? recordBytes(j.unit.content) + 400 : 4_096;
    const n = j.kind === "create" && j.claim ? 2 : 1;
    // A creation's entry names the record only; a change quotes fields before and after.
    const entry = j.kind === "update" ? Math.min(3 * ENTRY_CHARS, 2 * size) : 200;
    if (
      current.length > 0 &&
      (writes + n > COMMIT_WRITES || bytes + size > COMMIT_BYTES || audit + entry > CHANGE_SET_BYTES)
    ) {
      out.push(current);
      current = [];
      writes = bytes = audit = 0;
    }
    current.push(j);
    writes += n;
    bytes += size;
    audit += entry;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Writes a tab's plan, a few commits at a time; the outcomes are the plan's, as the commits decided them. */
async function writePlan(w: Writer, plan: TabPlan, progress: (n: number) => void): Promise<CommitResult> {
  const creates = plan.writes.filter((j): j is Create & { id: string } => j.kind === "create" && !!j.id);
  const others = plan.writes.filter((j) => j.kind !== "create");
  const run = async (part: PlannedWrite[], commit: () => Promise<CommitResult>) => {
    const r = await commit();
    await w.input.onStep?.("batch-written");
    progress(part.filter((j) => j.kind !== "delete").length);
    return r;
  };
  // New records go in batches; a batch that lost a race to a twin sync is redone in a transaction.
  const createOrDecide = (part: (Create & { id: string })[]) =>
    commitCreates(w, part).catch((e) => {
      if (!isAlreadyExists(e)) throw e;
      return commitInTransaction(w, part);
    });
  const results = await mapLimit(
    [
      ...commits(creates).map((part) => () => run(part, () => createOrDecide(part))),
      ...commits(others).map((part) => () => run(part, () => commitInTransaction(w, part))),
    ],
    PARALLEL,
    (job) => job(),
  );
  // A commit's own word wins over the plan (a twin sync may have made a create unchanged); the
  // row's own issues stay, beside any the commit found (another source's id).
  const decided = new Map(results.flatMap((r) => r.outcomes).map((o) => [o.row, o]));
  return {
    outcomes: plan.outcomes.map((o) => {
      const c = decided.get(o.row);
      if (!c) return o;
      const { id: _planned, ...rest } = o;
      return { ...rest, ...(c.id ? { id: c.id } : {}), action: c.action, issues: [...o.issues, ...c.issues] };
    }),
    deleted: results.flatMap((r) => r.deleted).sort(),
    writes: results.reduce((n, r) => n + r.writes, 0),
  };
}

/** Mirrors the tabs a sync read. Throws DELETES_NEED_CONFIRMATION, before any write, for a mass deletion. */
export async function mirror(db: Firestore, input: MirrorInput): Promise<MirrorResult> {
  const v = input.validation;
  const meter: Meter = { reads: 0 };
  const wasRead = new Set(input.read);
  const readable = (t: RecordTab) => wasRead.has(t) && v.unreadable[t] === undefined;
  const stopped = input.read.flatMap((t) => {
    const issues = v.unreadable[t];
    return issues ? stoppedOutcomes(t, v[t], issues) : [];
  });
  const planned = (
    await Promise.all([
      readable("products") ? planProducts(db, input, meter) : undefined,
      (["meetings", "attendees", "agenda"] as const).some(readable)
        ? planMeetings(db, input, readable, meter)
        : undefined,
    ])
  ).filter((p) => p !== undefined);
  // The answer, once each plan's outcomes are known (planned, or as written).
  const result = (
    outcomes: RowOutcome[][],
    deleted: Record<MirroredTab, string[]> = { products: [], meetings: [] },
    writes = 0,
  ): MirrorResult => {
    const rows = [...stopped, ...planned.flatMap((p, i) => p.answer(outcomes[i]!))];
    const mirrored = rows.filter((r) => r.tab === "products" || r.tab === "meetings");
    const counts = countOutcomes(mirrored, deleted.products.length + deleted.meetings.length);
    return { rows, counts, deleted, writes, reads: meter.reads };
  };
  // A dry run writes nothing, so it has nothing to confirm.
  if (input.dryRun) return result(planned.map((p) => p.plan.outcomes));
  for (const { plan } of planned) {
    if (plan.guard.refused) throw massDeletionError(plan.tab, plan.guard.live, plan.guard.deleting);
  }

  let writes = await allocateIds(
    db,
    planned.map((p) => p.plan),
    input.now,
    meter,
  );
  await input.onStep?.("ids-allocated");
  const total = planned.reduce((n, p) => n + p.plan.writes.filter((j) => j.kind !== "delete").length, 0);
  let done = 0;
  const progress = (n: number) => {
    done += n;
    input.onProgress?.(done, total);
  };
  // What the rows are expected to end as, for a caller that saves them before the writes or beside
  // them; beside them, a failure of either is the sync's failure once both have settled.
  const saving = input.onPlanned?.handler(result(planned.map((p) => p.plan.outcomes)).rows);
  if (input.onPlanned?.beforeWrites) await saving;
  const [saved, written] = await Promise.allSettled([
    saving,
    Promise.all(
      planned.map((p) =>
        writePlan({ db, meter, input, tab: p.plan.tab, sheetName: p.sheetName }, p.plan, progress),
      ),
    ),
  ]);
  if (written.status === "rejected") throw written.reason;
  if (saved.status === "rejected") throw saved.reason;
  const deleted: Record<MirroredTab, string[]> = { products: [], meetings: [] };
  written.value.forEach((w, i) => {
    writes += w.writes;
    deleted[planned[i]!.plan.tab] = w.deleted;
  });
  return result(
    written.value.map((w) => w.outcomes),
    deleted,
    writes,
  );
}
