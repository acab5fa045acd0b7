// Every Firestore collection of the project, named once, each with the guarantee it serves (see
// docs/architecture.md, "Firestore"), its document type and its converter; plus the two facts every
// adapter shares: the demo project id of the emulators and how a create() that lost a race fails.
// Type-only imports of the SDK: the configuration loads this file on every cold start.
import type {
  CollectionReference,
  DocumentData,
  Firestore,
  FirestoreDataConverter,
  QueryDocumentSnapshot,
} from "@google-cloud/firestore";
import type { Product } from "../../domain/records.ts";
import type { MeetingRecord, MirroredTab, SyncCounts } from "../../domain/sync-plan.ts";
import { bangkokDate } from "../../domain/thai-date.ts";

export const COLLECTIONS = {
  /** products/{id}: the product records, tombstoned (never deleted) when their row is gone. */
  products: "products",
  /** meetings/{id}: the meetings, attendees and agenda inside. */
  meetings: "meetings",
  /** changes/{auto}: the audit, one change set per commit. */
  changes: "changes",
  /** reports/{meeting}_{revision}: the e-mail outbox, one message per report revision. */
  reports: "reports",
  /** counters/{tab}-{year}: the next free number of each id sequence. */
  counters: "counters",
  /** rowKeys/{key}: the claim of a row that had no id yet, so a re-run or a twin sync finds its id. */
  rowKeys: "rowKeys",
  /** sources/{spreadsheetId}: the spreadsheets `reconcile` re-reads. */
  sources: "sources",
  /** requests/{requestId}: the replay guard of `sync` (a hash and counts, never the answer). */
  requests: "requests",
} as const;

/**
 * The project id of every emulator run (tests, `kbo` against its local emulator, `kbo serve`). The
 * `demo-` prefix is the emulators' convention for a project that never reaches Google Cloud.
 */
export const DEMO_PROJECT_ID = "demo-kbo-records";

/** gRPC status ALREADY_EXISTS: a create() whose document someone else wrote first. */
const ALREADY_EXISTS = 6;

export const isAlreadyExists = (e: unknown): boolean =>
  (e as { code?: unknown } | null)?.code === ALREADY_EXISTS;

/** Where a record came from: the spreadsheet (an .xlsx: the id stored in it), the sheet's name, the row. */
export interface SourceRef {
  spreadsheetId: string;
  tab: string;
  row: number;
}

/** The bookkeeping every record document carries besides its content. */
export interface RecordMeta {
  id: string;
  source: SourceRef;
  /** The content hash: an unchanged row costs no write. */
  hash: string;
  /** The provisional key the record was created for, when its row had no id (collection rowKeys). */
  rowKey?: string;
  deleted: boolean;
  deletedAt: Date | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
}

const META_KEYS = new Set<string>([
  "source",
  "hash",
  "rowKey",
  "deleted",
  "deletedAt",
  "createdAt",
  "createdBy",
  "updatedAt",
  "updatedBy",
] satisfies (keyof RecordMeta)[]);

/** A stored record as the domain sees it: its content and id, the bookkeeping left out. */
export function recordOfDoc<T extends RecordMeta>(doc: T): Omit<T, Exclude<keyof RecordMeta, "id">> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!META_KEYS.has(k)) out[k] = v;
  return out as Omit<T, Exclude<keyof RecordMeta, "id">>;
}

export type ProductDoc = Omit<Product, "id"> & RecordMeta;
/** A meeting document; `date` is the ISO date here, a Timestamp (midnight in Bangkok) in Firestore. */
export type MeetingDoc = Omit<MeetingRecord, "id"> & RecordMeta;
export type RecordDoc = ProductDoc | MeetingDoc;

/** An audit change set: who changed what from which source; the entries as one JSON text (see mirror.ts). */
export interface ChangeSetDoc {
  collection: MirroredTab;
  by: string;
  at: Date;
  requestId: string | null;
  source: { spreadsheetId: string; tab: string };
  recordIds: string[];
  actions: string[];
  entriesJson: string;
}

export interface CounterDoc {
  /** The last number handed out. */
  next: number;
  updatedAt: Date;
}

/** The key itself names the source, tab and row content (domain/content-hash.ts): the id is all it holds. */
export interface RowKeyDoc {
  id: string;
}

export interface SourceDoc {
  spreadsheetId: string;
  registeredAt: Date;
  registeredBy: string;
}

export interface RequestDoc {
  bodyHash: string;
  spreadsheetId: string;
  tab: string;
  counts: SyncCounts;
  caller: string;
  at: Date;
  /** Firestore's TTL policy deletes the guard after this (firestore.indexes.json). */
  expireAt: Date;
}

type Timestampish = { toDate(): Date };
const isTimestamp = (v: unknown): v is Timestampish =>
  typeof v === "object" && v !== null && typeof (v as Timestampish).toDate === "function";

/** Top-level Timestamps → Dates; everything else as stored. Dates are written as they are (→ Timestamps). */
function datesOf(data: DocumentData): DocumentData {
  const out: DocumentData = {};
  for (const [k, v] of Object.entries(data)) out[k] = isTimestamp(v) ? v.toDate() : v;
  return out;
}

const plain = <T extends DocumentData>(): FirestoreDataConverter<T> => ({
  toFirestore: (value) => value as DocumentData,
  fromFirestore: (snap: QueryDocumentSnapshot) => datesOf(snap.data()) as T,
});

const BANGKOK = "+07:00";
export const isoDateToDate = (iso: string): Date => new Date(`${iso}T00:00:00${BANGKOK}`);

/** The meeting's date is stored as a Timestamp at midnight in Bangkok, so it sorts and compares as a date. */
const meetingConverter: FirestoreDataConverter<MeetingDoc> = {
  toFirestore: (m) => ({ ...m, date: isoDateToDate(m.date as string) }),
  fromFirestore: (snap: QueryDocumentSnapshot) => {
    const d = datesOf(snap.data());
    return { ...d, date: d.date instanceof Date ? bangkokDate(d.date) : d.date } as MeetingDoc;
  },
};

/** The typed collections of one Firestore. */
export function collections(db: Firestore) {
  return {
    products: db.collection(COLLECTIONS.products).withConverter(plain<ProductDoc>()),
    meetings: db.collection(COLLECTIONS.meetings).withConverter(meetingConverter),
    changes: db.collection(COLLECTIONS.changes).withConverter(plain<ChangeSetDoc>()),
    counters: db.collection(COLLECTIONS.counters).withConverter(plain<CounterDoc>()),
    rowKeys: db.collection(COLLECTIONS.rowKeys).withConverter(plain<RowKeyDoc>()),
    sources: db.collection(COLLECTIONS.sources).withConverter(plain<SourceDoc>()),
    requests: db.collection(COLLECTIONS.requests).withConverter(plain<RequestDoc>()),
  };
}

/** The record collection of a mirrored tab. */
export function recordsOf(db: Firestore, tab: MirroredTab): CollectionReference<RecordDoc> {
  const c = collections(db);
  return (tab === "products" ? c.products : c.meetings) as CollectionReference<RecordDoc>;
}
