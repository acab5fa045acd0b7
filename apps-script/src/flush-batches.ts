// How a flush spends its run: one POST per tab, grouped into UrlFetchApp.fetchAll batches that stay
// under the payload and request-count limits, meetings before the tabs that live inside them, and
// no batch started once the 6-minute execution limit is near.
import type { RecordTab } from "../../functions/src/domain/tabs.ts";

export interface FlushLimits {
  maxRequestBytes: number;
  maxBatchBytes: number;
  maxRequestsPerBatch: number;
  maxRequestsPerFlush: number;
  budgetMs: number;
  batchAllowanceMs: number;
}

export const FLUSH_LIMITS: Readonly<FlushLimits> = {
  /** The sync function accepts bodies up to 10 MiB (a 20,000-row tab is about 6 MiB); keep a margin. */
  maxRequestBytes: 9 * 1024 * 1024,
  maxBatchBytes: 10 * 1024 * 1024,
  maxRequestsPerBatch: 4,
  /** UrlFetch calls a flush may spend (quotas are per day; a flush runs every minute). */
  maxRequestsPerFlush: 8,
  /** Apps Script stops a run at 6 minutes: leave room for the write-back after the last batch. */
  budgetMs: 4.5 * 60_000,
  /** What one batch may take (UrlFetch times out at 60 s) plus its write-back. */
  batchAllowanceMs: 75_000,
};

export interface PlannedRequest {
  tab: RecordTab;
  bytes: number;
}

export interface BatchPlan<T extends PlannedRequest> {
  batches: T[][];
  /** Over the request size limit: cannot be sent as one tab, reported to staff. */
  tooLarge: T[];
  /** Left for the next flush (count limit). */
  deferred: T[];
}

// Meetings, attendees and agenda all write meeting documents: sent one after another, never together.
const MEETING_DOCS = new Set<RecordTab>(["meetings", "attendees", "agenda"]);

export function planBatches<T extends PlannedRequest>(
  requests: readonly T[],
  limits: FlushLimits = FLUSH_LIMITS,
): BatchPlan<T> {
  const tooLarge = requests.filter((r) => r.bytes > limits.maxRequestBytes);
  const sendable = requests.filter((r) => r.bytes <= limits.maxRequestBytes);
  const now = sendable.slice(0, limits.maxRequestsPerFlush);
  const deferred = sendable.slice(limits.maxRequestsPerFlush);
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const r of now) {
    const full =
      current.length >= limits.maxRequestsPerBatch ||
      bytes + r.bytes > limits.maxBatchBytes ||
      (MEETING_DOCS.has(r.tab) && current.some((c) => MEETING_DOCS.has(c.tab)));
    if (full && current.length > 0) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += r.bytes;
  }
  if (current.length > 0) batches.push(current);
  return { batches, tooLarge, deferred };
}

/** Whether another batch fits in the run that started at `startedMs`. */
export function hasTimeForBatch(
  startedMs: number,
  nowMs: number,
  limits: FlushLimits = FLUSH_LIMITS,
): boolean {
  return nowMs - startedMs + limits.batchAllowanceMs <= limits.budgetMs;
}

/** UTF-8 size of a string, without Node's Buffer (the bundle runs in Apps Script). */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
