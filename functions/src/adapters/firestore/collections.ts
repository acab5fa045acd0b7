// Every Firestore collection of the project, named once, each with the guarantee it serves (see
// docs/architecture.md, "Firestore"), plus the two facts every adapter shares: the demo project id
// of the emulators and how a create() that lost a race fails. Type-only imports of the SDK: the
// configuration loads this file on every cold start.
import type { Firestore } from "@google-cloud/firestore";

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
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];

/**
 * The project id of every emulator run (tests, `kbo` against its local emulator, `kbo serve`). The
 * `demo-` prefix is the emulators' convention for a project that never reaches Google Cloud.
 */
export const DEMO_PROJECT_ID = "demo-kbo-records";

/** gRPC status ALREADY_EXISTS: a create() whose document someone else wrote first. */
const ALREADY_EXISTS = 6;

export const isAlreadyExists = (e: unknown): boolean =>
  (e as { code?: unknown } | null)?.code === ALREADY_EXISTS;

/** A collection by name (typed references with converters come with the record model). */
export const collection = (db: Firestore, name: CollectionName) => db.collection(name);
