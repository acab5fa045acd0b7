// Retries of Firestore calls on transient errors only (gRPC ABORTED, UNAVAILABLE, DEADLINE_EXCEEDED,
// RESOURCE_EXHAUSTED), with exponential backoff and jitter; every other error fails at once.
import pRetry from "p-retry";

/** gRPC status codes worth another attempt. */
export const TRANSIENT_CODES = {
  DEADLINE_EXCEEDED: 4,
  RESOURCE_EXHAUSTED: 8,
  ABORTED: 10,
  UNAVAILABLE: 14,
} as const;
const TRANSIENT = new Set<number>(Object.values(TRANSIENT_CODES));

export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" && TRANSIENT.has(code);
}

export interface RetryOptions {
  retries?: number;
  minTimeoutMs?: number;
}

export function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  return pRetry(fn, {
    retries: options.retries ?? 6,
    factor: 2,
    minTimeout: options.minTimeoutMs ?? 100,
    maxTimeout: 5_000,
    randomize: true,
    shouldRetry: ({ error }) => isTransient(error),
  });
}

/** Runs async jobs with at most `limit` in flight, keeping result order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
) {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
