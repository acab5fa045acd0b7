// The edit queue, as plain data: which record tabs have unsent edits and which rows were touched.
// Bounded so it always fits one Script Property; a version per tab tells a flush whether edits
// arrived while it was sending, so those are never acknowledged by mistake.
import { RECORD_TABS, type RecordTab } from "../../functions/src/domain/tabs.ts";

export interface QueueEntry {
  /** Touched 1-based rows as merged inclusive ranges (informative: a flush sends the whole tab). */
  ranges: [number, number][];
  /** The whole tab is dirty (header edited, rows inserted/removed/sorted, or too many ranges). */
  all: boolean;
  /** Bumped on every enqueue; a flush acknowledges only the version it sent. */
  version: number;
  attempts: number;
  /** Epoch ms before which a failed tab is not retried. */
  retryAt?: number;
  lastError?: string;
}

export interface EditQueue {
  seq: number;
  tabs: Partial<Record<RecordTab, QueueEntry>>;
}

export const QUEUE_LIMITS = {
  /** Past this many separate ranges a tab is simply marked whole. */
  maxRangesPerTab: 40,
  /** Script Properties allow 9 KB a value; keep well below. */
  maxJsonChars: 8000,
  maxErrorChars: 300,
  /** Retry delays after consecutive failures: 1, 2, 4 … minutes, at most 30. */
  baseRetryMs: 60_000,
  maxRetryMs: 30 * 60_000,
} as const;

/** `seq` numbers the versions; a queue made afresh may start it past every number used before. */
export const emptyQueue = (seq = 0): EditQueue => ({ seq, tabs: {} });

/**
 * The stored queue; anything unreadable counts as every tab dirty, so no edit is ever lost. A queue
 * made afresh starts its versions at `freshSeq` (the flush puts them in requestIds, which must not
 * repeat one the server still remembers).
 */
export function parseQueue(json: string | null, freshSeq = 0): EditQueue {
  if (!json) return emptyQueue(freshSeq);
  try {
    const q = JSON.parse(json) as EditQueue;
    if (typeof q.seq === "number" && q.tabs && typeof q.tabs === "object") return q;
  } catch {
    // fall through
  }
  let q = emptyQueue(freshSeq);
  for (const tab of RECORD_TABS) q = enqueueTab(q, tab);
  return q;
}

export function serialiseQueue(q: EditQueue): string {
  let json = JSON.stringify(q);
  if (json.length <= QUEUE_LIMITS.maxJsonChars) return json;
  // Too big: forget the row detail, keep which tabs are dirty.
  const slim: EditQueue = { seq: q.seq, tabs: {} };
  for (const [tab, e] of Object.entries(q.tabs) as [RecordTab, QueueEntry][]) {
    slim.tabs[tab] = { ...e, ranges: [], all: true, lastError: e.lastError?.slice(0, 100) };
  }
  json = JSON.stringify(slim);
  return json;
}

function mergeRange(ranges: [number, number][], first: number, last: number): [number, number][] {
  const all = [...ranges, [first, last] as [number, number]].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of all) {
    const prev = out[out.length - 1];
    if (prev && a <= prev[1] + 1) prev[1] = Math.max(prev[1], b);
    else out.push([a, b]);
  }
  return out;
}

function touch(q: EditQueue, tab: RecordTab, change: (e: QueueEntry) => QueueEntry): EditQueue {
  const seq = q.seq + 1;
  const before = q.tabs[tab] ?? { ranges: [], all: false, version: 0, attempts: 0 };
  // A new edit is worth trying at once, even after failures.
  const { retryAt: _r, ...rest } = before;
  return { seq, tabs: { ...q.tabs, [tab]: { ...change(rest), version: seq } } };
}

/** Rows `first..last` (1-based, inclusive) of `tab` were edited. */
export function enqueueRows(q: EditQueue, tab: RecordTab, first: number, last: number): EditQueue {
  return touch(q, tab, (e) => {
    if (e.all) return e;
    const ranges = mergeRange(e.ranges, Math.min(first, last), Math.max(first, last));
    return ranges.length > QUEUE_LIMITS.maxRangesPerTab ? { ...e, ranges: [], all: true } : { ...e, ranges };
  });
}

/** The whole tab must be sent again (structure changed, or staff asked to check everything). */
export function enqueueTab(q: EditQueue, tab: RecordTab): EditQueue {
  return touch(q, tab, (e) => ({ ...e, ranges: [], all: true }));
}

/** Tabs to send now, in the order the server needs them (meetings before attendees and agenda). */
export function dueTabs(q: EditQueue, nowMs: number): { tab: RecordTab; version: number }[] {
  return RECORD_TABS.flatMap((tab) => {
    const e = q.tabs[tab];
    if (!e || (e.retryAt !== undefined && e.retryAt > nowMs)) return [];
    return [{ tab, version: e.version }];
  });
}

/** `tab` was sent at `version`: done, unless newer edits arrived meanwhile. */
export function acknowledge(q: EditQueue, tab: RecordTab, version: number): EditQueue {
  const e = q.tabs[tab];
  if (!e) return q;
  const tabs = { ...q.tabs };
  if (e.version === version) delete tabs[tab];
  else tabs[tab] = { ...e, attempts: 0, retryAt: undefined, lastError: undefined };
  return { ...q, tabs };
}

/** Sending `tab` failed: it stays queued, retried after a growing delay. */
export function recordFailure(q: EditQueue, tab: RecordTab, nowMs: number, error: string): EditQueue {
  const e = q.tabs[tab];
  if (!e) return q;
  const attempts = e.attempts + 1;
  const delay = Math.min(QUEUE_LIMITS.baseRetryMs * 2 ** (attempts - 1), QUEUE_LIMITS.maxRetryMs);
  return {
    ...q,
    tabs: {
      ...q.tabs,
      [tab]: {
        ...e,
        attempts,
        retryAt: nowMs + delay,
        lastError: error.slice(0, QUEUE_LIMITS.maxErrorChars),
      },
    },
  };
}
