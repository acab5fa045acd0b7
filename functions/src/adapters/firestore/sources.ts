// The registry of spreadsheets that feed Firestore (`sources/{spreadsheetId}`): `sync` registers a
// spreadsheet on its first call, and `reconcile` re-reads every registered one.
import type { Firestore } from "@google-cloud/firestore";
import { retryFirestore } from "../retry.ts";
import { collections, isAlreadyExists } from "./collections.ts";

/** Registers a spreadsheet once: one read per call, one write only the first time. */
export async function registerSource(
  db: Firestore,
  spreadsheetId: string,
  by: string,
  now: Date,
): Promise<void> {
  const ref = collections(db).sources.doc(spreadsheetId);
  if ((await retryFirestore(() => ref.get())).exists) return;
  try {
    await retryFirestore(() => ref.create({ spreadsheetId, registeredAt: now, registeredBy: by }));
  } catch (e) {
    // A concurrent first sync registered it meanwhile.
    if (!isAlreadyExists(e)) throw e;
  }
}

/** Every registered spreadsheet id. */
export async function listSources(db: Firestore): Promise<string[]> {
  const snap = await retryFirestore(() => collections(db).sources.select().get());
  return snap.docs.map((d) => d.id).sort();
}
