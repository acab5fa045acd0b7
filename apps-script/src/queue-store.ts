// The edit queue in Script Properties, read and written under the script lock so an edit trigger and
// a flush never overwrite each other's changes.
import { AppError } from "../../functions/src/app-error.ts";
import { type EditQueue, parseQueue, serialiseQueue } from "./edit-queue.ts";
import { PROPERTY_KEYS } from "./settings.ts";

const LOCK_WAIT_MS = 20_000;

/** Runs `change` on the stored queue under the script lock and stores its result. */
export function updateQueue(
  props: GoogleAppsScript.Properties.Properties,
  lock: GoogleAppsScript.Lock.Lock,
  change: (q: EditQueue) => EditQueue,
): EditQueue {
  if (!lock.tryLock(LOCK_WAIT_MS))
    throw new AppError("QUEUE_BUSY", "คิวการแก้ไขถูกล็อกอยู่ / the edit queue is locked by another run");
  try {
    // A lost or new queue numbers its versions from the clock: never below those of a queue before it.
    const next = change(parseQueue(props.getProperty(PROPERTY_KEYS.queue), Date.now()));
    props.setProperty(PROPERTY_KEYS.queue, serialiseQueue(next));
    return next;
  } finally {
    lock.releaseLock();
  }
}

export function readQueue(props: GoogleAppsScript.Properties.Properties): EditQueue {
  return parseQueue(props.getProperty(PROPERTY_KEYS.queue));
}
