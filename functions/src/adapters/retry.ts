// The one retry helper of the project (p-retry underneath): a call is tried again only when its
// rule says the failure is transient, after an exponential backoff with jitter or the delay the
// service asked for (Retry-After). Firestore, the Sheets API and the mail outbox each bring a rule.
import pRetry from "p-retry";

export interface RetryPolicy {
  /** Attempts in all, the first included (default 5). */
  attempts?: number;
  /** First backoff in ms (default 200), doubled each time, with ±25 % jitter. */
  baseDelayMs?: number;
  /** Longest single wait, a service's own hint included (default 5 s). */
  maxDelayMs?: number;
  /** Waits (tests pass one that returns at once, or one that moves a test clock). */
  sleep?: (ms: number) => Promise<void>;
  /** Random in [0, 1) for the jitter (tests fix it). */
  random?: () => number;
  /** Told of each retry, before its wait (for logs and tests). */
  onRetry?: (info: { attempt: number; error: unknown; delayMs: number }) => void;
}

/** What a kind of call may retry: the adapter that knows its failures says which are transient. */
export interface RetryRule {
  isRetryable(error: unknown): boolean;
  /** The wait the service asked for (an HTTP Retry-After), when it did. */
  delayHintMs?(error: unknown): number | undefined;
}

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The backoff before retry `attempt` (1 = the first retry). */
export function backoffMs(attempt: number, policy: RetryPolicy = {}, random = Math.random): number {
  const base = policy.baseDelayMs ?? 200;
  const max = policy.maxDelayMs ?? 5_000;
  return Math.min(max, Math.round(base * 2 ** (attempt - 1) * (0.75 + random() * 0.5)));
}

/** Runs `fn`, retrying what `rule` calls transient; the last failure is thrown unchanged. */
export function withRetry<T>(fn: () => Promise<T>, rule: RetryRule, policy: RetryPolicy = {}): Promise<T> {
  const attempts = policy.attempts ?? 5;
  const sleep = policy.sleep ?? defaultSleep;
  const max = policy.maxDelayMs ?? 5_000;
  return pRetry(fn, {
    retries: Math.max(0, attempts - 1),
    // p-retry only counts; the wait is ours (below), so a service's Retry-After can replace it.
    minTimeout: 0,
    shouldRetry: async ({ error, attemptNumber }) => {
      if (!rule.isRetryable(error)) return false;
      const hint = rule.delayHintMs?.(error);
      const delayMs = Math.min(max, hint ?? backoffMs(attemptNumber, policy, policy.random));
      policy.onRetry?.({ attempt: attemptNumber, error, delayMs });
      await sleep(delayMs);
      return true;
    },
  });
}

/** gRPC status codes of Firestore failures worth another attempt. */
export const FIRESTORE_TRANSIENT_CODES = {
  DEADLINE_EXCEEDED: 4,
  RESOURCE_EXHAUSTED: 8,
  ABORTED: 10,
  UNAVAILABLE: 14,
} as const;
const FIRESTORE_TRANSIENT = new Set<number>(Object.values(FIRESTORE_TRANSIENT_CODES));

/** Firestore: contention (ABORTED), overload and an unreachable server are retried; nothing else. */
export const firestoreRule: RetryRule = {
  isRetryable(error) {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === "number" && FIRESTORE_TRANSIENT.has(code);
  },
};

/** Firestore calls with the project's defaults: seven attempts, waits from 100 ms doubling up to 5 s. */
export const retryFirestore = <T>(fn: () => Promise<T>, policy: RetryPolicy = {}): Promise<T> =>
  withRetry(fn, firestoreRule, { attempts: 7, baseDelayMs: 100, ...policy });
