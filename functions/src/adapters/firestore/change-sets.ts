// The audit trail: `changes/{auto}` documents, one change set per write (who, when, source spreadsheet
// and tab, and per record its row, action and fields before → after). The entries are stored as one
// JSON text: nested maps would have Firestore index every field of every entry, which tripled the
// cost of writing a set; `recordIds` and `actions` stay arrays, so a record's history is still a query.
import type { DocumentData, Timestamp } from "@google-cloud/firestore";
import type { FieldChanges, MirroredTab } from "../../domain/sync-plan.ts";
import { collectionOf } from "./converters.ts";

export interface AuditEntry {
  recordId: string;
  action: string;
  row: number | null;
  fields: FieldChanges;
}

export interface ChangeSetInput {
  tab: MirroredTab;
  spreadsheetId: string;
  /** The sheet's name as staff see it. */
  sheetName: string;
  actor: string;
  requestId?: string;
}

export function changeSetDocument(input: ChangeSetInput, at: Timestamp, entries: AuditEntry[]): DocumentData {
  return {
    collection: collectionOf(input.tab),
    by: input.actor,
    at,
    requestId: input.requestId ?? null,
    source: { spreadsheetId: input.spreadsheetId, tab: input.sheetName },
    recordIds: entries.map((e) => e.recordId),
    actions: [...new Set(entries.map((e) => e.action))].sort(),
    entriesJson: JSON.stringify(entries),
  };
}

/** A change set's entries, read back. */
export function changeSetEntries(data: DocumentData): AuditEntry[] {
  return typeof data.entriesJson === "string" ? (JSON.parse(data.entriesJson) as AuditEntry[]) : [];
}
