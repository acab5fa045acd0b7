// The replay guard: `requests/{requestId}` keeps the first answer to a request, so a client that
// retries (or replays) a requestId gets that answer back and nothing is written twice.
import { type Firestore, Timestamp } from "@google-cloud/firestore";
import { AppError } from "../../app-error.ts";
import { retryFirestore } from "../retry.ts";
import { isAlreadyExists } from "./collections.ts";
import { COLLECTIONS } from "./converters.ts";

export interface StoredRequest<R> {
  bodyHash: string;
  response: R;
}

function checkSame<R>(requestId: string, bodyHash: string, stored: StoredRequest<R>): R {
  if (stored.bodyHash !== bodyHash) {
    throw new AppError("REQUEST_ID_CONFLICT", `requestId ${requestId} was already used for a different body`);
  }
  return stored.response;
}

/** The first answer to this request, if it was answered before. */
export async function findAnswer<R>(
  db: Firestore,
  requestId: string,
  bodyHash: string,
): Promise<R | undefined> {
  const snap = await retryFirestore(() => db.collection(COLLECTIONS.requests).doc(requestId).get());
  return snap.exists ? checkSame(requestId, bodyHash, snap.data() as StoredRequest<R>) : undefined;
}

/** Records the answer; when a concurrent twin got there first, returns the twin's answer instead. */
export async function recordAnswer<R>(
  db: Firestore,
  requestId: string,
  entry: StoredRequest<R> & { caller: string; at: Date },
): Promise<R> {
  const ref = db.collection(COLLECTIONS.requests).doc(requestId);
  try {
    await retryFirestore(() => ref.create({ ...entry, at: Timestamp.fromDate(entry.at) }));
    return entry.response;
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
    return checkSame(requestId, entry.bodyHash, (await ref.get()).data() as StoredRequest<R>);
  }
}
