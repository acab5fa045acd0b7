// A bound on one caller's request rate: an in-memory token bucket per caller e-mail (per function
// instance; Cloud Run's max-instances bounds the total). Over the bound → 429 RATE_LIMITED with
// Retry-After, so a runaway trigger loop cannot flood Firestore, Sheets or the mail server.
import { AppError } from "../app-error.ts";

export interface RateLimitOptions {
  /** Requests a caller may send at once (the bucket's size). */
  burst: number;
  /** Requests per second refilled. */
  perSecond: number;
  /** Clock in ms (tests pass their own). */
  now?: () => number;
  /** Buckets kept before idle ones are dropped. */
  maxCallers?: number;
}

export type RateLimiter = (caller: string) => void;

/** Defaults: Apps Script flushes in bursts of a few requests; 60 at once and 2 a second is ample. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { burst: 60, perSecond: 2 };

export function tokenBucketLimiter(options: RateLimitOptions = DEFAULT_RATE_LIMIT): RateLimiter {
  const now = options.now ?? Date.now;
  const maxCallers = options.maxCallers ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (caller) => {
    const t = now();
    const b = buckets.get(caller) ?? { tokens: options.burst, at: t };
    b.tokens = Math.min(options.burst, b.tokens + ((t - b.at) / 1000) * options.perSecond);
    b.at = t;
    // Re-inserted on every use, so the map's first entries are the longest idle.
    buckets.delete(caller);
    buckets.set(caller, b);
    if (buckets.size > maxCallers) buckets.delete(buckets.keys().next().value!);
    if (b.tokens < 1) {
      const retryAfterS = Math.max(1, Math.ceil((1 - b.tokens) / options.perSecond));
      throw new AppError("RATE_LIMITED", `too many requests from ${caller}: retry after ${retryAfterS} s`, {
        details: { retryAfterSeconds: retryAfterS },
      });
    }
    b.tokens -= 1;
  };
}
