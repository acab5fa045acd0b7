// The pure core of the mirror: given a tab's rows as validated and what Firestore holds of its
// source, decide each row's outcome and every write (created, updated, restored, unchanged,
// tombstoned), as plain data. The Firestore adapter (adapters/firestore/mirror.ts) reads, asks, and
// writes what this says. The rules it keeps are in docs/architecture.md, "The sync":
// - a record leaves (becomes a tombstone) only when its row is gone, never because it became unreadable;
// - a sync that would tombstone more than half of a tab's live records (at least 10) needs confirming;
// - a row without an id finds the record made for it before through its provisional key.
import { canonicalJson, contentHash, rowKey } from "./content-hash.ts";
import { error, type Issue, issueAt, type Problem, warning } from "./issues.ts";
import { ID_PREFIX } from "./normalise-text.ts";
import type { ValidatedRow } from "./parse-rows.ts";
import type { AgendaItem, Attendee, Meeting, Product } from "./records.ts";
import type { RecordTab } from "./tabs.ts";
import { canonicalThai } from "./thai-marks.ts";

/** The tabs mirrored as documents of their own (attendees and agenda live inside meetings). */
export const MIRRORED_TABS = ["products", "meetings"] as const;
export type MirroredTab = (typeof MIRRORED_TABS)[number];

/** What a sync did with a row. `invalid`: not saved by this sync (a stored version may be kept). */
export const SYNC_ACTIONS = ["created", "updated", "restored", "unchanged", "deleted", "invalid"] as const;
export type SyncAction = (typeof SYNC_ACTIONS)[number];

/** A meeting as mirrored: the meeting row with its attendees and agenda embedded, each with its sheet row. */
export type MeetingRecord = Meeting & {
  attendees: (Attendee & { row?: number })[];
  agenda: (AgendaItem & { row?: number })[];
};

/** What the mirror did with one row: the one outcome type of the sync, on every path. */
export interface RowOutcome {
  tab: RecordTab;
  row: number;
  /** The record's id, for the row's รหัส cell: assigned, confirmed, or kept for an invalid row whose stored version stays. */
  id?: string;
  action: SyncAction;
  issues: Issue[];
}

/** What Firestore holds of a record, as far as planning needs. */
export interface StoredHead {
  id: string;
  hash: string;
  deleted: boolean;
  spreadsheetId: string;
  row: number;
  /** The provisional key the record was created for, when its row had no id. */
  rowKey?: string;
}

/** One valid row ready to mirror. */
export interface SyncUnit {
  row: number;
  /** The id written in the sheet, if any. */
  sheetId?: string;
  /** Identifying content (with its occurrence number), from which the provisional key is made. */
  fingerprint: string;
  /** The provisional key: the same source, tab and fingerprint give the same key. */
  key: string;
  /** BE year the id is numbered in. */
  yearBE: number;
  /** The record's content without id. */
  content: Record<string, unknown>;
  hash: string;
}

/** A stored document may not pass 1 MiB (Firestore's limit); this leaves room for the bookkeeping. */
export const MAX_RECORD_BYTES = 900 * 1024;

/** As compared, never as stored: ำ typed as ํ + า, or marks typed in another order, is the same row. */
const norm = (s: string) => canonicalThai(s.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase());

/** What identifies a row's record before it has an id (its fingerprint), and the BE year of its id. */
function identityOf(record: Product | Meeting): { fingerprint: string; yearBE: number } {
  return "number" in record
    ? { fingerprint: record.number, yearBE: Number(record.number.split("/")[1]) }
    : { fingerprint: `${record.year}|${norm(record.product)}|${norm(record.producer)}`, yearBE: record.year };
}

/** Valid rows → sync units. Repeated fingerprints are numbered in row order, so look-alike rows stay apart. */
export function toSyncUnits(
  tab: MirroredTab,
  spreadsheetId: string,
  rows: readonly { row: number; record: Product | Meeting }[],
): SyncUnit[] {
  const seen = new Map<string, number>();
  return rows.map(({ row, record }) => {
    const { fingerprint: base, yearBE } = identityOf(record);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const fingerprint = n === 1 ? base : `${base}#${n}`;
    const { id, ...content } = record;
    const key = rowKey(spreadsheetId, tab, fingerprint);
    // Assigned, not spread in: a conditional spread is Node 20's slow path, and every row passes here.
    const unit: SyncUnit = { row, fingerprint, key, yearBE, content, hash: contentHash(content) };
    if (id) unit.sheetId = id;
    return unit;
  });
}

/** `KBO-2563-001`: prefix, BE year, a sequence of at least three digits. */
export function formatRecordId(tab: MirroredTab, yearBE: number, seq: number): string {
  return `${ID_PREFIX[tab]}-${yearBE}-${String(seq).padStart(3, "0")}`;
}

/** The year and sequence of an id of this tab, or undefined. */
export function parseRecordIdParts(
  tab: MirroredTab,
  id: string,
): { yearBE: number; seq: number } | undefined {
  const m = new RegExp(`^${ID_PREFIX[tab]}-(\\d{4})-(\\d{3,})$`).exec(id);
  return m ? { yearBE: Number(m[1]), seq: Number(m[2]) } : undefined;
}

/** A row of the tab as planning sees it: its number, the id its cell holds, its issues. */
export type PlanRow = Pick<ValidatedRow<unknown>, "row" | "valid" | "id" | "issues">;

/** Ids that rows name (valid or not) but this source does not hold: the adapter looks them up. */
export function idsToLookUp(rows: readonly { id?: string }[], own: readonly StoredHead[]): string[] {
  const held = new Set(own.map((h) => h.id));
  return [...new Set(rows.flatMap((r) => (r.id && !held.has(r.id) ? [r.id] : [])))].sort();
}

export interface TabPlanInput {
  tab: MirroredTab;
  spreadsheetId: string;
  /** Every non-blank row of the tab, valid or not (none when the tab was not read). */
  rows: readonly PlanRow[];
  /** The valid rows, ready to mirror. */
  units: readonly SyncUnit[];
  /** The rows are the whole tab: records of rows that are gone become tombstones. */
  read: boolean;
  /** This source's records (tombstones included). */
  own: readonly StoredHead[];
  /** Records of other sources (or of none) that rows name, as looked up. */
  others: readonly StoredHead[];
  /** The tombstoning of more than half of the tab's live records is confirmed. */
  confirmDeletes?: boolean;
  /** Column letter of the tab's id column, for issues placed on it. */
  idColumn?: string;
}

export type PlannedWrite =
  /** A record no one holds: `id` is the sheet's, or allocated later for the provisional key `claim`. */
  | { kind: "create"; unit: SyncUnit; id?: string; claim?: string }
  | { kind: "update"; unit: SyncUnit; id: string; action: "updated" | "restored"; rowMoved: boolean }
  | { kind: "delete"; id: string; row: number };

export interface MassDeletion {
  /** The tab's live records in this source before the sync. */
  live: number;
  /** How many this sync would tombstone. */
  deleting: number;
  /** More than half (and at least 10) without confirmation: the sync must not run. */
  refused: boolean;
}

export interface TabPlan {
  tab: MirroredTab;
  /** One outcome per row, in row order; a row to create under a new id has none yet (`id` undefined). */
  outcomes: RowOutcome[];
  writes: PlannedWrite[];
  guard: MassDeletion;
}

/** At least this many tombstones, and more than half of the live records, need confirming. */
export const MASS_DELETION_MIN = 10;

export function massDeletion(live: number, deleting: number, confirmed = false): MassDeletion {
  const refused = !confirmed && deleting >= MASS_DELETION_MIN && deleting * 2 > live;
  return { live, deleting, refused };
}

const storedKept = (id: string): Problem =>
  warning(
    "STORED_VERSION_KEPT",
    `ข้อมูลที่บันทึกไว้ของ ${id} ยังเป็นฉบับก่อนหน้า (เก่ากว่าแถวนี้) จนกว่าจะแก้แถวนี้ให้ถูกต้อง`,
    `The stored ${id} is still the earlier version (older than this row) until this row is corrected`,
  );

const otherSource = (id: string, other: string): Problem =>
  error(
    "ID_OF_OTHER_SPREADSHEET",
    `รหัส ${id} เป็นของสเปรดชีตอื่น (${other}): ถ้าแถวนี้เป็นข้อมูลของไฟล์นี้ ให้ลบรหัสในแถวนี้ให้ว่าง ระบบจะกำหนดรหัสใหม่; ถ้าย้ายแถวนี้มาจากสเปรดชีตนั้น ให้ลบแถวนั้นออกจากสเปรดชีตนั้นแล้วซิงค์ด้วย มิฉะนั้นจะนับซ้ำ`,
    `The id ${id} belongs to another spreadsheet (${other}): if this row belongs to this workbook, clear its id and the system assigns a new one; if the row moved here from that spreadsheet, also delete it there and sync that one, or it is counted twice`,
  );

const tooLarge = (bytes: number): Problem =>
  error(
    "RECORD_TOO_LARGE",
    `ข้อมูลของการประชุมนี้ (รวมผู้เข้าประชุมและวาระ) ยาวเกินกว่าจะบันทึกได้ (${Math.ceil(bytes / 1024)} KiB จากที่รับได้ ${MAX_RECORD_BYTES / 1024} KiB): ย่อรายละเอียดหรือมติของวาระให้สั้นลง`,
    `This meeting's content (with its attendees and agenda) is too large to store (${Math.ceil(bytes / 1024)} KiB of at most ${MAX_RECORD_BYTES / 1024} KiB): shorten its agenda items' details or resolutions`,
  );

const UTF8 = new TextEncoder();

/** The content's size as stored, roughly: its JSON in UTF-8. Products are bounded; meetings are not. */
export const recordBytes = (content: Record<string, unknown>) => UTF8.encode(canonicalJson(content)).length;

/**
 * How a valid row finds its record: by the id in its cell, else by the provisional key it was created
 * for (a row whose id never reached the sheet), unless some row of the sheet carries that id itself.
 */
export function idResolver(
  rows: readonly { id?: string }[],
  units: readonly SyncUnit[],
  own: readonly StoredHead[],
): (unit: SyncUnit) => string | undefined {
  const ownByKey = new Map(own.flatMap((h) => (h.rowKey ? [[h.rowKey, h] as const] : [])));
  const sheetIds = new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
  for (const u of units) if (u.sheetId) sheetIds.add(u.sheetId);
  return (u) => {
    if (u.sheetId) return u.sheetId;
    const keyed = ownByKey.get(u.key);
    return keyed && !sheetIds.has(keyed.id) ? keyed.id : undefined;
  };
}

export type Decision =
  | { kind: "create" }
  | { kind: "unchanged" }
  | { kind: "updated" | "restored"; rowMoved: boolean }
  | { kind: "conflict"; otherSpreadsheetId: string };

/** What to do with a valid row whose id is known, given what is stored under that id (if anything). */
export function decide(unit: SyncUnit, stored: StoredHead | undefined, spreadsheetId: string): Decision {
  if (!stored) return { kind: "create" };
  if (stored.spreadsheetId !== spreadsheetId) {
    return { kind: "conflict", otherSpreadsheetId: stored.spreadsheetId };
  }
  const rowMoved = stored.row !== unit.row;
  if (stored.deleted) return { kind: "restored", rowMoved };
  if (stored.hash === unit.hash && !rowMoved) return { kind: "unchanged" };
  return { kind: "updated", rowMoved };
}

/** The issue of a row whose id belongs to another source's record. */
export const conflictIssue = (
  tab: MirroredTab,
  row: number,
  idColumn: string,
  id: string,
  other: string,
): Issue => issueAt(tab, row, idColumn, "id", otherSource(id, other));

/** Decides every row's outcome and every write of one tab. Pure: same input, same plan. */
export function planTab(input: TabPlanInput): TabPlan {
  const { tab, spreadsheetId } = input;
  const idColumn = input.idColumn ?? "";
  const ownById = new Map(input.own.map((h) => [h.id, h]));
  const byId = new Map([...input.others.map((h) => [h.id, h] as const), ...ownById]);
  const resolve = idResolver(input.rows, input.units, input.own);
  const sheetIds = new Set(input.rows.flatMap((r) => (r.id ? [r.id] : [])));
  // A valid row's own issues (warnings) go with its outcome, whatever it is.
  const ownIssues = new Map(input.rows.map((r) => [r.row, r.issues]));
  const noted = (row: number, extra: Issue[] = []) => [...(ownIssues.get(row) ?? []), ...extra];

  const outcomes = new Map<number, RowOutcome>();
  const writes: PlannedWrite[] = [];
  const seen = new Set<string>();
  for (const u of input.units) {
    const id = resolve(u);
    if (id) seen.add(id);
    const bytes = tab === "meetings" ? recordBytes(u.content) : 0;
    if (bytes > MAX_RECORD_BYTES) {
      const issue = issueAt(tab, u.row, "", "", tooLarge(bytes));
      const kept = id && ownById.get(id) && !ownById.get(id)!.deleted;
      const issues = noted(u.row, kept ? [issue, issueAt(tab, u.row, "", "", storedKept(id))] : [issue]);
      outcomes.set(u.row, { tab, row: u.row, ...(id ? { id } : {}), action: "invalid", issues });
      continue;
    }
    if (!id) {
      writes.push({ kind: "create", unit: u, claim: u.key });
      outcomes.set(u.row, { tab, row: u.row, action: "created", issues: noted(u.row) });
      continue;
    }
    const d = decide(u, byId.get(id), spreadsheetId);
    if (d.kind === "create") {
      writes.push({ kind: "create", unit: u, id });
      outcomes.set(u.row, { tab, row: u.row, id, action: "created", issues: noted(u.row) });
    } else if (d.kind === "conflict") {
      const issue = conflictIssue(tab, u.row, idColumn, id, d.otherSpreadsheetId);
      outcomes.set(u.row, { tab, row: u.row, action: "invalid", issues: noted(u.row, [issue]) });
    } else if (d.kind === "unchanged") {
      outcomes.set(u.row, { tab, row: u.row, id, action: "unchanged", issues: noted(u.row) });
    } else {
      writes.push({ kind: "update", unit: u, id, action: d.kind, rowMoved: d.rowMoved });
      outcomes.set(u.row, { tab, row: u.row, id, action: d.kind, issues: noted(u.row) });
    }
  }

  // Invalid rows still hold their records: the one their id cell names, and the one stored from their
  // row (a row whose id never reached the sheet, or whose id was overwritten) unless another row names it.
  const ownLiveAtRow = new Map(input.own.filter((h) => !h.deleted).map((h) => [h.row, h]));
  for (const r of input.rows) {
    if (r.valid || outcomes.has(r.row)) continue;
    const named = r.id && ownById.has(r.id) ? r.id : undefined;
    const atRow = ownLiveAtRow.get(r.row);
    const held =
      atRow && atRow.id !== r.id && !seen.has(atRow.id) && !sheetIds.has(atRow.id) ? atRow.id : undefined;
    if (r.id) seen.add(r.id);
    if (held) seen.add(held);
    const id = named ?? (r.id ? undefined : held);
    const kept = [held, named].find((k) => k !== undefined && !ownById.get(k)!.deleted);
    const issues = kept ? [...r.issues, issueAt(tab, r.row, "", "", storedKept(kept))] : r.issues;
    outcomes.set(r.row, { tab, row: r.row, ...(id ? { id } : {}), action: "invalid", issues });
  }

  // A record whose row is gone becomes a tombstone: only when the tab was read whole.
  const live = input.own.filter((h) => !h.deleted);
  const gone = input.read ? live.filter((h) => !seen.has(h.id)) : [];
  for (const h of gone.sort((a, b) => (a.id < b.id ? -1 : 1)))
    writes.push({ kind: "delete", id: h.id, row: h.row });
  return {
    tab,
    outcomes: [...outcomes.values()].sort((a, b) => a.row - b.row),
    writes,
    guard: massDeletion(live.length, gone.length, input.confirmDeletes),
  };
}

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** Top-level fields whose values differ (compared as canonical JSON), for the audit trail. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChanges {
  const out: FieldChanges = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of [...keys].sort()) {
    const b = before[key];
    const a = after[key];
    if (canonicalJson(b ?? null) !== canonicalJson(a ?? null))
      out[key] = { before: b ?? null, after: a ?? null };
  }
  return out;
}

/** Counts of a sync, per action. */
export type SyncCounts = Record<SyncAction, number>;
export const emptyCounts = () => Object.fromEntries(SYNC_ACTIONS.map((a) => [a, 0])) as SyncCounts;

/** Counts of the rows of some tabs, plus the tombstones. */
export function countOutcomes(rows: readonly RowOutcome[], deleted: number): SyncCounts {
  const counts = emptyCounts();
  for (const r of rows) counts[r.action]++;
  counts.deleted += deleted;
  return counts;
}
