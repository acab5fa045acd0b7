// What a sync does to each row, decided as plain data: which records are created, updated, restored,
// left unchanged or tombstoned, with the fields that changed for the audit. The Firestore adapter
// reads the current state, asks these functions, and writes what they say.
import { canonicalJson, contentHash } from "./content-hash.ts";
import { ID_PREFIX } from "./normalise-text.ts";
import type { AgendaItem, Attendee, Meeting, Product } from "./records.ts";

/** The tabs mirrored as documents of their own (attendees and agenda live inside meetings). */
export const MIRRORED_TABS = ["products", "meetings"] as const;
export type MirroredTab = (typeof MIRRORED_TABS)[number];

export const SYNC_ACTIONS = ["created", "updated", "restored", "unchanged", "deleted", "invalid"] as const;
export type SyncAction = (typeof SYNC_ACTIONS)[number];

/** A meeting as mirrored: the meeting row with its attendees and agenda embedded. */
export type MeetingRecord = Meeting & { attendees: Attendee[]; agenda: AgendaItem[] };
export type MirroredRecord = Product | MeetingRecord;

/** One valid row ready to mirror. */
export interface SyncUnit {
  row: number;
  /** The id written in the sheet, if any. */
  sheetId?: string;
  /** Identifying content (with its occurrence number), for the provisional row key. */
  fingerprint: string;
  /** BE year the id is numbered in. */
  yearBE: number;
  /** The record's content without id. */
  content: Record<string, unknown>;
  hash: string;
}

/** What the database holds about a record, as far as planning needs. */
export interface StoredState {
  id: string;
  hash: string;
  deleted: boolean;
  spreadsheetId?: string;
  row?: number;
}

const norm = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();

function fingerprintOf(tab: MirroredTab, record: MirroredRecord): string {
  if (tab === "meetings") return (record as MeetingRecord).number;
  const p = record as Product;
  return `${p.year}|${norm(p.product)}|${norm(p.producer)}`;
}

function yearOf(tab: MirroredTab, record: MirroredRecord): number {
  return tab === "meetings"
    ? Number((record as MeetingRecord).number.split("/")[1])
    : (record as Product).year;
}

/** Valid rows → sync units. Repeated fingerprints are numbered in row order, so two look-alike rows stay two records. */
export function toSyncUnits(tab: MirroredTab, rows: { row: number; record: MirroredRecord }[]): SyncUnit[] {
  const seen = new Map<string, number>();
  return rows.map(({ row, record }) => {
    const base = fingerprintOf(tab, record);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const { id, ...content } = record as MirroredRecord & { id?: string };
    return {
      row,
      sheetId: id,
      fingerprint: n === 1 ? base : `${base}#${n}`,
      yearBE: yearOf(tab, record),
      content,
      hash: contentHash(content),
    };
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

export type UnitPlan =
  | { kind: "unchanged"; id: string }
  | { kind: "created"; id: string }
  | { kind: "updated" | "restored"; id: string; rowMoved: boolean }
  | { kind: "conflict"; id: string; otherSpreadsheetId: string };

/** The action for one unit whose id is known, given what is stored under that id (if anything). */
export function planUnit(
  unit: SyncUnit,
  id: string,
  stored: StoredState | undefined,
  spreadsheetId: string,
): UnitPlan {
  if (!stored) return { kind: "created", id };
  if (stored.spreadsheetId !== undefined && stored.spreadsheetId !== spreadsheetId) {
    return { kind: "conflict", id, otherSpreadsheetId: stored.spreadsheetId };
  }
  const rowMoved = stored.row !== unit.row;
  if (stored.deleted) return { kind: "restored", id, rowMoved };
  if (stored.hash === unit.hash && !rowMoved) return { kind: "unchanged", id };
  return { kind: "updated", id, rowMoved };
}

/** Records of this source that no row names any more: they become tombstones. */
export function planDeletions(stored: Iterable<StoredState>, seenIds: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const s of stored) if (!s.deleted && !seenIds.has(s.id)) out.push(s.id);
  return out.sort();
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

/** Meetings with their valid attendees and agenda items embedded, in row order. */
export function embedMeetingDetails(
  meetings: { row: number; record: Meeting }[],
  attendees: Attendee[],
  agenda: AgendaItem[],
): { row: number; record: MeetingRecord }[] {
  return meetings.map(({ row, record }) => ({
    row,
    record: {
      ...record,
      attendees: attendees.filter((a) => a.meeting === record.number),
      agenda: agenda.filter((a) => a.meeting === record.number),
    },
  }));
}

/** Counts of a sync, per action. */
export type SyncCounts = Record<SyncAction, number>;
export const emptyCounts = (): SyncCounts => ({
  created: 0,
  updated: 0,
  restored: 0,
  unchanged: 0,
  deleted: 0,
  invalid: 0,
});

const SEVERITY_TH = { error: "ผิดพลาด", warning: "คำเตือน" } as const;

/** The text of a row's ผลการตรวจสอบ cell: the outcome, then one line per issue (Thai / English). */
export function checkCellText(
  valid: boolean,
  issues: { severity: "error" | "warning"; column: string; message_th: string; message_en: string }[],
): string {
  const head = valid ? "ถูกต้อง บันทึกแล้ว / valid, saved" : "ไม่ถูกต้อง ยังไม่บันทึก / invalid, not saved";
  const lines = issues.map(
    (i) =>
      `${SEVERITY_TH[i.severity]}${i.column ? ` (${i.column})` : ""}: ${i.message_th} / ${i.severity}: ${i.message_en}`,
  );
  return [head, ...lines].join("\n");
}
