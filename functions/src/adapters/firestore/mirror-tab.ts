// Mirrors the valid rows of one record tab into Firestore: ids for new rows, no write for unchanged
// rows, updates and restores with an audit entry, tombstones for rows gone from the sheet. Changes are
// applied in transactions of at most 500 writes that re-check the stored state, so overlapping or
// re-run syncs converge on one record per row and one audit entry per real change. The audit is a
// change set per transaction (`changes/{auto}`: who, when, source, and per record its row, action and
// fields before → after, see change-sets.ts), so auditing costs one write per 450 records, not one per record.
import { type DocumentReference, type Firestore, Timestamp, type Transaction } from "@google-cloud/firestore";
import { addProductTo, emptyTotals, type ProductTotals } from "../../domain/product-totals.ts";
import {
  diffFields,
  type FieldChanges,
  type MirroredRecord,
  type MirroredTab,
  planDeletions,
  planUnit,
  type StoredState,
  type SyncUnit,
  toSyncUnits,
} from "../../domain/sync-plan.ts";
import { retryFirestore } from "../retry.ts";
import { type AuditEntry, changeSetDocument } from "./change-sets.ts";
import { isAlreadyExists } from "./collections.ts";
import { COLLECTIONS, collectionOf, fieldsToContent, type RecordMeta, toDocument } from "./converters.ts";
import { allocateIds } from "./id-allocator.ts";
import { chunk, mapLimit } from "./parallel.ts";
import { openTotals, summaryProductOf, writeTotalsChange } from "./product-totals.ts";

/** Units per write transaction: one record write each, plus the change set (≤ 500 writes). */
const WRITE_CHUNK = 450;
/** Transactions in flight at once; they touch disjoint documents. */
const PARALLEL = 4;

export interface MirrorTabInput {
  spreadsheetId: string;
  tab: MirroredTab;
  /** The sheet's name as staff see it (kept in each record's source). */
  sheetName: string;
  rows: { row: number; record: MirroredRecord }[];
  /** Who asked: the caller's e-mail, or `kbo-cli` for the command line. */
  actor: string;
  requestId?: string;
  now: Date;
  onProgress?: (done: number, total: number) => void;
}

export type RowOutcome =
  | { row: number; id: string; action: "created" | "updated" | "restored" | "unchanged" }
  | { row: number; id: string; action: "conflict"; otherSpreadsheetId: string };

export interface MirrorTabResult {
  rows: RowOutcome[];
  /** Ids tombstoned because no row names them any more. */
  deleted: string[];
  /** Documents written (records, tombstones, audit entries, allocation bookkeeping). */
  writes: number;
}

type Job =
  | { kind: "upsert"; unit: SyncUnit; id: string }
  | { kind: "delete"; id: string; row: number | undefined };

function storedState(data: FirebaseFirestoreData | undefined): StoredState | undefined {
  if (!data) return undefined;
  const source = data.source as { spreadsheetId?: string; row?: number } | undefined;
  return {
    id: data.id as string,
    hash: data.hash as string,
    deleted: data.deleted === true,
    spreadsheetId: source?.spreadsheetId,
    row: source?.row,
  };
}
type FirebaseFirestoreData = Record<string, unknown>;

/** A tab's sync, planned: every row's id and expected outcome are known; nothing is written yet but ids. */
export interface TabPlan {
  /** Every row's expected outcome (upserts as planned; a concurrent sync may still turn one unchanged). */
  planned: RowOutcome[];
  /** Rows that need no write (unchanged, conflict). */
  settled: RowOutcome[];
  jobs: Job[];
  stored: ReadonlySet<string>;
  total: number;
  /** Documents written while planning (provisional keys, counters). */
  writes: number;
}

/** Reads what the source holds, allocates ids and decides each row's write. */
export async function planTab(db: Firestore, input: MirrorTabInput): Promise<TabPlan> {
  const { tab, spreadsheetId } = input;
  const now = Timestamp.fromDate(input.now);
  const records = db.collection(collectionOf(tab));
  let writes = 0;

  // 1. What this source holds now (bookkeeping fields only: cheap even for thousands of records).
  const sourceSnap = await retryFirestore(() =>
    records
      .where("source.spreadsheetId", "==", spreadsheetId)
      .select("id", "hash", "deleted", "source.spreadsheetId", "source.row")
      .get(),
  );
  const stored = new Map<string, StoredState>();
  for (const d of sourceSnap.docs) stored.set(d.id, storedState(d.data())!);
  // A source's first products: its running totals start now, at zero, and are trusted from then on.
  if (tab === "products" && sourceSnap.empty && input.rows.length > 0) {
    writes += await openTotals(db, spreadsheetId, input.now);
  }

  // 2. Ids: the sheet's own, else the one allocated for the row's provisional key.
  const units = toSyncUnits(tab, input.rows);
  const withoutId = units.filter((u) => !u.sheetId);
  const foreignIds = units.filter((u) => u.sheetId && !stored.has(u.sheetId)).map((u) => u.sheetId!);
  const allocation =
    withoutId.length || foreignIds.length
      ? await allocateIds(db, { tab, spreadsheetId, units: withoutId, reserve: foreignIds, now })
      : undefined;
  const idOf = (u: SyncUnit) => u.sheetId ?? allocation!.ids.get(u.fingerprint)!;
  writes += allocation?.writes ?? 0;

  // 3. Ids not held by this source: created by a crashed run of another source, or free. Ids minted
  // just now need no look: no document can hold them (and create() would refuse if one did).
  const unknown = [...new Set(units.map(idOf).filter((id) => !stored.has(id) && !allocation?.fresh.has(id)))];
  for (const part of chunk(unknown, 500)) {
    const snaps = await retryFirestore(() => db.getAll(...part.map((id) => records.doc(id))));
    for (const s of snaps) if (s.exists) stored.set(s.id, storedState(s.data())!);
  }
  // 4. The plan: unchanged rows end here.
  const settled: RowOutcome[] = [];
  const planned: RowOutcome[] = [];
  const jobs: Job[] = [];
  const seen = new Set<string>();
  for (const u of units) {
    const id = idOf(u);
    seen.add(id);
    const plan = planUnit(u, id, stored.get(id), spreadsheetId);
    if (plan.kind === "unchanged") settled.push({ row: u.row, id, action: "unchanged" });
    else if (plan.kind === "conflict")
      settled.push({ row: u.row, id, action: "conflict", otherSpreadsheetId: plan.otherSpreadsheetId });
    else {
      jobs.push({ kind: "upsert", unit: u, id });
      planned.push({ row: u.row, id, action: plan.kind });
    }
  }
  const ownStored = [...stored.values()].filter((s) => s.spreadsheetId === spreadsheetId);
  for (const id of planDeletions(ownStored, seen))
    jobs.push({ kind: "delete", id, row: stored.get(id)?.row });
  planned.push(...settled);
  planned.sort((a, b) => a.row - b.row);
  return { planned, settled, jobs, stored: new Set(stored.keys()), total: units.length, writes };
}

/** Writes a plan: new records in plain batches, the rest in transactions that re-read their documents. */
export async function applyTabPlan(
  db: Firestore,
  input: MirrorTabInput,
  plan: TabPlan,
): Promise<MirrorTabResult> {
  const now = Timestamp.fromDate(input.now);
  const { jobs, stored, total } = plan;
  const outcomes: RowOutcome[] = [...plan.settled];
  let writes = plan.writes;
  let done = outcomes.length;
  input.onProgress?.(done, total);
  const deleted: string[] = [];
  // New records (the bulk of a first sync) go in plain batches whose create() fails if the document
  // exists; a batch that meets a concurrent sync's record falls back to the re-reading transaction, so
  // a concurrent sync's work is seen.
  const isNew = (j: Job) => j.kind === "upsert" && !stored.has(j.id);
  const parts = [
    ...chunk(jobs.filter(isNew), WRITE_CHUNK).map((p) => ({ p, fresh: true })),
    ...chunk(
      jobs.filter((j) => !isNew(j)),
      WRITE_CHUNK,
    ).map((p) => ({ p, fresh: false })),
  ];
  await mapLimit(parts, PARALLEL, async ({ p: part, fresh }) => {
    const transactional = () =>
      retryFirestore(() => db.runTransaction((tx) => applyJobs(tx, db, input, now, part)));
    let result: Awaited<ReturnType<typeof transactional>>;
    try {
      result = fresh ? await retryFirestore(() => createAll(db, input, now, part)) : await transactional();
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      result = await transactional();
    }
    outcomes.push(...result.outcomes);
    deleted.push(...result.deleted);
    writes += result.writes;
    done += part.filter((j) => j.kind === "upsert").length;
    input.onProgress?.(done, total);
  });
  outcomes.sort((a, b) => a.row - b.row);
  return { rows: outcomes, deleted: deleted.sort(), writes };
}

function recordMeta(
  input: MirrorTabInput,
  now: Timestamp,
  id: string,
  unit: SyncUnit,
  before?: FirebaseFirestoreData,
) {
  return {
    id,
    source: { spreadsheetId: input.spreadsheetId, tab: input.sheetName, row: unit.row },
    hash: unit.hash,
    deleted: false,
    deletedAt: null,
    createdAt: (before?.createdAt as Timestamp | undefined) ?? now,
    createdBy: (before?.createdBy as string | undefined) ?? input.actor,
    updatedAt: now,
    updatedBy: input.actor,
  } satisfies RecordMeta;
}

/** Creates records no one has stored yet, in one atomic batch (fails whole if any exists now). */
async function createAll(db: Firestore, input: MirrorTabInput, now: Timestamp, jobs: Job[]) {
  const records = db.collection(collectionOf(input.tab));
  const batch = db.batch();
  const outcomes: RowOutcome[] = [];
  const entries: AuditEntry[] = [];
  for (const job of jobs) {
    if (job.kind !== "upsert") continue;
    const { unit, id } = job;
    batch.create(records.doc(id), toDocument(input.tab, unit.content, recordMeta(input, now, id, unit)));
    entries.push({ recordId: id, action: "created", row: unit.row, fields: diffFields({}, unit.content) });
    outcomes.push({ row: unit.row, id, action: "created" });
  }
  batch.create(db.collection(COLLECTIONS.changes).doc(), changeSetDocument(input, now, entries));
  let writes = entries.length + 1;
  if (input.tab === "products") {
    const change = emptyTotals();
    for (const job of jobs)
      if (job.kind === "upsert") addProductTo(change, summaryProductOf(job.unit.content), 1);
    writes += writeTotalsChange(batch, db, input.spreadsheetId, change);
  }
  await batch.commit();
  return { outcomes, deleted: [] as string[], writes };
}

async function applyJobs(tx: Transaction, db: Firestore, input: MirrorTabInput, now: Timestamp, jobs: Job[]) {
  const records = db.collection(collectionOf(input.tab));
  const refs = jobs.map((j) => records.doc(j.id));
  const snaps = await tx.getAll(...refs);
  const outcomes: RowOutcome[] = [];
  const deleted: string[] = [];
  let writes = 0;
  // One append-only change set per transaction: every entry commits with the records it describes.
  const entries: AuditEntry[] = [];
  const audit = (ref: DocumentReference, action: string, row: number | undefined, fields: FieldChanges) => {
    entries.push({ recordId: ref.id, action, row: row ?? null, fields });
  };
  // The products' running totals change in this same transaction, per source the record counted in.
  const totals = new Map<string, ProductTotals>();
  const count = (
    data: FirebaseFirestoreData | undefined,
    spreadsheetId: string | undefined,
    sign: 1 | -1,
  ) => {
    if (input.tab !== "products" || !data || spreadsheetId === undefined) return;
    if (!totals.has(spreadsheetId)) totals.set(spreadsheetId, emptyTotals());
    addProductTo(totals.get(spreadsheetId)!, summaryProductOf(data), sign);
  };
  const sourceOf = (data: FirebaseFirestoreData | undefined) =>
    (data?.source as { spreadsheetId?: string } | undefined)?.spreadsheetId;
  jobs.forEach((job, i) => {
    const ref = refs[i]!;
    const data = snaps[i]?.exists ? (snaps[i]!.data() as FirebaseFirestoreData) : undefined;
    if (job.kind === "delete") {
      // Gone from the sheet: a tombstone, unless someone else already did it or the row came back.
      if (!data || data.deleted === true) return;
      if ((data.source as { spreadsheetId?: string }).spreadsheetId !== input.spreadsheetId) return;
      tx.update(ref, { deleted: true, deletedAt: now, updatedAt: now, updatedBy: input.actor });
      count(data, sourceOf(data), -1);
      audit(ref, "deleted", job.row, { deleted: { before: false, after: true } });
      deleted.push(job.id);
      writes++;
      return;
    }
    const { unit, id } = job;
    const plan = planUnit(unit, id, storedState(data), input.spreadsheetId);
    if (plan.kind === "unchanged" || plan.kind === "conflict") {
      outcomes.push(
        plan.kind === "conflict"
          ? { row: unit.row, id, action: "conflict", otherSpreadsheetId: plan.otherSpreadsheetId }
          : { row: unit.row, id, action: "unchanged" },
      );
      return;
    }
    const written = toDocument(input.tab, unit.content, recordMeta(input, now, id, unit, data));
    tx.set(ref, written);
    count(data, sourceOf(data), -1);
    count(written, input.spreadsheetId, 1);
    writes++;
    const before = data ? fieldsToContent(input.tab, data) : {};
    const fields = diffFields(before, unit.content);
    if (plan.kind !== "created" && plan.rowMoved) {
      fields["source.row"] = { before: (data?.source as { row?: number }).row ?? null, after: unit.row };
    }
    if (plan.kind === "restored") fields.deleted = { before: true, after: false };
    audit(ref, plan.kind, unit.row, fields);
    outcomes.push({ row: unit.row, id, action: plan.kind });
  });
  if (entries.length > 0) {
    tx.create(db.collection(COLLECTIONS.changes).doc(), changeSetDocument(input, now, entries));
    writes++;
  }
  for (const [spreadsheetId, change] of totals) writes += writeTotalsChange(tx, db, spreadsheetId, change);
  return { outcomes, deleted, writes };
}
