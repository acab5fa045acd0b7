// The replay guard of `sync`: `requests/{requestId}` records that a request was applied, with a hash
// of its body and its counts: never its answer, so no document grows with a request's size. A
// replayed requestId is answered from what is stored now and writes nothing, so a late replay can
// never undo a newer sync; the same requestId with another body is refused. Firestore's TTL policy
// deletes a guard 30 days on (firestore.indexes.json): a replay that late is simply applied again.
import type { Firestore } from "@google-cloud/firestore";
import { AppError } from "../../app-error.ts";
import { retryFirestore } from "../retry.ts";
import { collections, isAlreadyExists, type RequestDoc } from "./collections.ts";

export const REQUEST_KEEP_DAYS = 30;

function checkSame(requestId: string, bodyHash: string, stored: RequestDoc): RequestDoc {
  if (stored.bodyHash !== bodyHash) {
    throw new AppError(
      "REQUEST_ID_CONFLICT",
      `requestId ${requestId} ถูกใช้กับคำขออื่นแล้ว / requestId ${requestId} was already used for a different body`,
    );
  }
  return stored;
}

/** The guard of a request applied before, if it was; REQUEST_ID_CONFLICT if its body differed. */
export async function findRequest(
  db: Firestore,
  requestId: string,
  bodyHash: string,
): Promise<RequestDoc | undefined> {
  const snap = await retryFirestore(() => collections(db).requests.doc(requestId).get());
  const stored = snap.data();
  return stored ? checkSame(requestId, bodyHash, stored) : undefined;
}

/** What the guard records of an applied request (its expiry, `expireAt`, is added here). */
export type AppliedRequest = Omit<RequestDoc, "expireAt">;

/** Records that a request was applied (a twin that recorded it first is fine, with the same body). */
export async function recordRequest(
  db: Firestore,
  requestId: string,
  applied: AppliedRequest,
): Promise<void> {
  const ref = collections(db).requests.doc(requestId);
  const expireAt = new Date(applied.at.getTime() + REQUEST_KEEP_DAYS * 86_400_000);
  try {
    await retryFirestore(() => ref.create({ ...applied, expireAt }));
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
    const twin = (await retryFirestore(() => ref.get())).data();
    if (twin) checkSame(requestId, applied.bodyHash, twin);
  }
}
