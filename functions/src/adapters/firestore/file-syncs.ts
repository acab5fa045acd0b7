// What `kbo sync` remembers of the workbooks it synced: the exact bytes it left on disk
// (`fileSyncs/{sha256}`) with the source's write generation at that moment. The generation
// (`sourceState/{spreadsheetId}`) is bumped before any sync writes the source's records, by any path.
// A re-sync of byte-identical file, the same day and version, with the generation unchanged, has
// nothing to do: two document reads answer it instead of reading, validating and comparing every row.
// A memory only ever answers on its own day, so Firestore's TTL policy on `expireAt`
// (firestore.indexes.json) deletes it a week later: one document per sync must not pile up forever.
import { type Firestore, Timestamp } from "@google-cloud/firestore";
import type { SyncCounts } from "../../domain/sync-plan.ts";
import { retryFirestore } from "../retry.ts";
import { COLLECTIONS } from "./converters.ts";

export interface FileSync {
  spreadsheetId: string;
  /** The Bangkok day of the sync: validation depends on today's date. */
  day: string;
  /** The kbo version: validation rules change with it. */
  version: string;
  generation: number;
  counts: SyncCounts;
}

/** The field Firestore's TTL policy deletes fileSyncs documents by (declared in firestore.indexes.json). */
export const FILE_SYNC_EXPIRY_FIELD = "expireAt";
/** Long past the day a memory can answer on; the margin covers TTL deletion running late. */
const FILE_SYNC_KEEP_DAYS = 7;

export const fileSyncExpiry = (now: Date): Date => new Date(now.getTime() + FILE_SYNC_KEEP_DAYS * 86_400_000);

const generationRef = (db: Firestore, spreadsheetId: string) =>
  db.collection(COLLECTIONS.sourceState).doc(spreadsheetId);

/** Marks that a sync is about to write the source's records; returns the new generation. */
export async function bumpGeneration(db: Firestore, spreadsheetId: string, now: Date): Promise<number> {
  const ref = generationRef(db, spreadsheetId);
  return retryFirestore(() =>
    db.runTransaction(async (tx) => {
      const next = (((await tx.get(ref)).get("generation") as number | undefined) ?? 0) + 1;
      tx.set(ref, { generation: next, writtenAt: Timestamp.fromDate(now) });
      return next;
    }),
  );
}

export async function readGeneration(db: Firestore, spreadsheetId: string): Promise<number> {
  const snap = await retryFirestore(() => generationRef(db, spreadsheetId).get());
  return (snap.get("generation") as number | undefined) ?? 0;
}

export async function recordFileSync(
  db: Firestore,
  sha256: string,
  sync: FileSync,
  now: Date,
): Promise<void> {
  await retryFirestore(() =>
    db
      .collection(COLLECTIONS.fileSyncs)
      .doc(sha256)
      .set({
        ...sync,
        at: Timestamp.fromDate(now),
        [FILE_SYNC_EXPIRY_FIELD]: Timestamp.fromDate(fileSyncExpiry(now)),
      }),
  );
}

/** The earlier sync of these exact bytes, if nothing can have changed since; else undefined. */
export async function unchangedSince(
  db: Firestore,
  sha256: string,
  expect: { day: string; version: string },
): Promise<FileSync | undefined> {
  const snap = await retryFirestore(() => db.collection(COLLECTIONS.fileSyncs).doc(sha256).get());
  const sync = snap.data() as FileSync | undefined;
  if (!sync || sync.day !== expect.day || sync.version !== expect.version) return undefined;
  return (await readGeneration(db, sync.spreadsheetId)) === sync.generation ? sync : undefined;
}
