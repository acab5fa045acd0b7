// The registry of spreadsheets that feed Firestore (`sources/{spreadsheetId}`): the `sync` function
// registers a spreadsheet on its first call, and `reconcile` re-reads every registered one.
import { type Firestore, Timestamp } from "@google-cloud/firestore";
import { retryFirestore } from "../retry.ts";
import { isAlreadyExists } from "./collections.ts";

export const SOURCES_COLLECTION = "sources";
export interface SourceDoc {
  spreadsheetId: string;
  registeredAt: Timestamp;
  registeredBy: string;
}

/** Registers a spreadsheet once: one read per call, one write only the first time. */
export async function registerSource(
  db: Firestore,
  spreadsheetId: string,
  by: string,
  now: Date,
): Promise<void> {
  const ref = db.collection(SOURCES_COLLECTION).doc(spreadsheetId);
  if ((await retryFirestore(() => ref.get())).exists) return;
  try {
    await retryFirestore(() =>
      ref.create({
        spreadsheetId,
        registeredAt: Timestamp.fromDate(now),
        registeredBy: by,
      } satisfies SourceDoc),
    );
  } catch (e) {
    // A concurrent first sync registered it meanwhile.
    if (!isAlreadyExists(e)) throw e;
  }
}

/** Every registered spreadsheet id. */
export async function listSources(db: Firestore): Promise<string[]> {
  const snap = await retryFirestore(() => db.collection(SOURCES_COLLECTION).select().get());
  return snap.docs.map((d) => d.id).sort();
}
