// What the `sync` handler asks of Firestore, bound to one database: the ports `functions.ts` hands
// it, so the handler never imports the SDK (and tests can hand it others).
import type { Firestore } from "@google-cloud/firestore";
import { retryFirestore } from "../retry.ts";
import { collections } from "./collections.ts";
import { type MirrorInput, mirror } from "./mirror.ts";
import { type AppliedRequest, findRequest, recordRequest } from "./requests.ts";
import { registerSource } from "./sources.ts";

/** The meeting numbers a spreadsheet has stored (live meetings only). */
async function storedMeetingNumbers(db: Firestore, spreadsheetId: string): Promise<string[]> {
  const snap = await retryFirestore(() =>
    collections(db)
      .meetings.where("source.spreadsheetId", "==", spreadsheetId)
      .where("deleted", "==", false)
      .select("number")
      .get(),
  );
  return snap.docs.map((d) => d.get("number") as string);
}

export function syncPortsOf(db: Firestore) {
  return {
    findRequest: (requestId: string, bodyHash: string) => findRequest(db, requestId, bodyHash),
    recordRequest: (requestId: string, applied: AppliedRequest) => recordRequest(db, requestId, applied),
    storedMeetingNumbers: (spreadsheetId: string) => storedMeetingNumbers(db, spreadsheetId),
    registerSource: (spreadsheetId: string, by: string, now: Date) =>
      registerSource(db, spreadsheetId, by, now),
    mirror: (input: MirrorInput) => mirror(db, input),
  };
}
