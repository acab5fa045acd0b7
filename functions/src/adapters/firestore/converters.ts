// Domain records ↔ Firestore documents. Dates become Timestamps (midnight in Bangkok), money stays
// integer satang, and every document carries its source row, content hash and tombstone state.
import { type DocumentData, Timestamp } from "@google-cloud/firestore";
import type { MirroredTab } from "../../domain/sync-plan.ts";
import { bangkokDate } from "../../domain/thai-date.ts";

export interface SourceRef {
  spreadsheetId: string;
  /** The sheet's name as staff see it. */
  tab: string;
  row: number;
}

/** The bookkeeping every mirrored document carries besides its content. */
export interface RecordMeta {
  id: string;
  source: SourceRef;
  hash: string;
  deleted: boolean;
  deletedAt: Timestamp | null;
  createdAt: Timestamp;
  createdBy: string;
  updatedAt: Timestamp;
  updatedBy: string;
}

export const COLLECTIONS = {
  products: "products",
  meetings: "meetings",
  changes: "changes",
  requests: "requests",
  rowKeys: "rowkeys",
  counters: "counters",
  sourceState: "sourceState",
  fileSyncs: "fileSyncs",
  productTotals: "productTotals",
} as const;

export const collectionOf = (tab: MirroredTab) => COLLECTIONS[tab];

const BANGKOK_OFFSET = "+07:00";

export function isoDateToTimestamp(iso: string): Timestamp {
  return Timestamp.fromDate(new Date(`${iso}T00:00:00${BANGKOK_OFFSET}`));
}

export function timestampToIsoDate(ts: Timestamp): string {
  return bangkokDate(ts.toDate());
}

/** Record content (domain form) → document fields. */
export function contentToFields(tab: MirroredTab, content: Record<string, unknown>): DocumentData {
  if (tab === "meetings" && typeof content.date === "string") {
    return { ...content, date: isoDateToTimestamp(content.date) };
  }
  return { ...content };
}

const META_FIELDS = new Set([
  "id",
  "source",
  "hash",
  "deleted",
  "deletedAt",
  "createdAt",
  "createdBy",
  "updatedAt",
  "updatedBy",
]);

/** Document fields → record content (domain form), without the bookkeeping. */
export function fieldsToContent(tab: MirroredTab, data: DocumentData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!META_FIELDS.has(k)) out[k] = v;
  if (tab === "meetings" && out.date instanceof Timestamp) out.date = timestampToIsoDate(out.date);
  return out;
}

/** A full document: content plus bookkeeping. */
export function toDocument(
  tab: MirroredTab,
  content: Record<string, unknown>,
  meta: RecordMeta,
): DocumentData {
  return { ...contentToFields(tab, content), ...meta };
}

/** A stored document as a domain record with its id (tombstones included; check `deleted`). */
export function fromDocument<T>(tab: MirroredTab, data: DocumentData): T & { id: string; deleted: boolean } {
  return { ...fieldsToContent(tab, data), id: data.id as string, deleted: data.deleted === true } as T & {
    id: string;
    deleted: boolean;
  };
}
