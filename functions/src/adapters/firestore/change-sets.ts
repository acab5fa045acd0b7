// The audit trail: `changes/{auto}` documents, one change set per commit (who, when, source
// spreadsheet and tab, and per record its row, action and fields before → after). The entries are one
// JSON text: nested maps would have Firestore index every field of every entry; `recordIds` and
// `actions` stay arrays, so a record's history is still a query. No entry, and so no change set,
// grows past a bound: a record too large to quote keeps the names of the fields that changed.
import type { DocumentData } from "@google-cloud/firestore";
import type { FieldChanges, MirroredTab } from "../../domain/sync-plan.ts";
import type { ChangeSetDoc } from "./collections.ts";

export interface AuditEntry {
  recordId: string;
  action: string;
  row: number | null;
  fields: FieldChanges;
  /** The values were too large to keep: `fields` names what changed, with "…" for the values. */
  truncated?: true;
}

/** Characters of one entry's JSON (Thai is 3 bytes a character: at most ~96 KiB). */
export const ENTRY_CHARS = 32 * 1024;

export function auditEntry(
  recordId: string,
  action: string,
  row: number | null,
  fields: FieldChanges,
): AuditEntry {
  const entry: AuditEntry = { recordId, action, row, fields };
  // Only text makes an entry long; a few thousand characters of it need no measuring.
  let text = 0;
  for (const f of Object.values(fields)) text += valueLength(f.before) + valueLength(f.after);
  if (text <= ENTRY_CHARS / 4 || JSON.stringify(entry).length <= ENTRY_CHARS) return entry;
  const names = Object.fromEntries(Object.keys(fields).map((k) => [k, { before: "…", after: "…" }]));
  return { recordId, action, row, fields: names, truncated: true };
}

/** A value's size in characters, roughly: strings by length, anything else by its JSON. */
const valueLength = (v: unknown): number =>
  typeof v === "string" ? v.length : v === null || typeof v !== "object" ? 8 : JSON.stringify(v).length;

export interface ChangeSetSource {
  tab: MirroredTab;
  spreadsheetId: string;
  /** The sheet's name as staff see it. */
  sheetName: string;
  actor: string;
  requestId?: string;
  now: Date;
}

export function changeSet(source: ChangeSetSource, entries: AuditEntry[]): ChangeSetDoc {
  return {
    collection: source.tab,
    by: source.actor,
    at: source.now,
    requestId: source.requestId ?? null,
    source: { spreadsheetId: source.spreadsheetId, tab: source.sheetName },
    recordIds: entries.map((e) => e.recordId),
    actions: [...new Set(entries.map((e) => e.action))].sort(),
    entriesJson: JSON.stringify(entries),
  };
}

/** A change set's entries, read back. */
export function changeSetEntries(data: DocumentData): AuditEntry[] {
  return typeof data.entriesJson === "string" ? (JSON.parse(data.entriesJson) as AuditEntry[]) : [];
}
