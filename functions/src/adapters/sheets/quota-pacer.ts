// Keeps this process under the Sheets API's per-minute quotas (60 reads and 60 writes per minute
// for the service account) by waiting before a call that would exceed them, counted over the last
// 60 seconds like Google counts them. Reconcile re-reads dozens of spreadsheets in one run: paced,
// it never meets a 429; the backoff in callSheets covers the calls other instances make meanwhile.

export type SheetsCallKind = "read" | "write";

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface QuotaPacer {
  /** Resolves when one more call of this kind fits in the last minute's budget, and counts it. */
  take(kind: SheetsCallKind): Promise<void>;
}

export interface QuotaPacerOptions {
  /** Calls of each kind per rolling minute (default 50: Google's 60 per user, less room for other callers). */
  perMinute?: number;
  clock?: Clock;
}

const WINDOW_MS = 60_000;
/** Google's minute and ours are not the same clock: wait a little past the window. */
const MARGIN_MS = 1_000;

export function quotaPacer(options: QuotaPacerOptions = {}): QuotaPacer {
  const perMinute = options.perMinute ?? 50;
  const clock = options.clock ?? systemClock;
  const calls: Record<SheetsCallKind, number[]> = { read: [], write: [] };
  // One taker at a time, so two concurrent calls cannot both see the last free place.
  let queue = Promise.resolve();
  return {
    take(kind) {
      const turn = queue.then(async () => {
        const times = calls[kind];
        for (;;) {
          const now = clock.now();
          while (times.length && times[0]! <= now - WINDOW_MS) times.shift();
          if (times.length < perMinute) {
            times.push(now);
            return;
          }
          await clock.sleep(times[0]! + WINDOW_MS + MARGIN_MS - now);
        }
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

/** Waits for the pacer (when there is one), then makes the call. */
export async function paced<T>(pacer: QuotaPacer | undefined, kind: SheetsCallKind, call: () => Promise<T>) {
  await pacer?.take(kind);
  return call();
}
