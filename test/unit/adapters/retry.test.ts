// The one retry helper: what it retries, how long it waits (backoff or the service's hint), when it
// gives up, and that the last failure comes out unchanged.
import { describe, expect, it } from "vitest";
import {
  backoffMs,
  FIRESTORE_TRANSIENT_CODES,
  firestoreRule,
  type RetryRule,
  withRetry,
} from "../../../functions/src/adapters/retry.ts";

class Coded extends Error {
  constructor(
    readonly code: number | string,
    readonly retryAfterMs?: number,
  ) {
    super(`failure ${code}`);
  }
}

/** Fails with `failures` in turn, then answers "done"; records the waits. */
function script(failures: Error[]) {
  const waits: number[] = [];
  let calls = 0;
  const fn = async () => {
    const f = failures[calls++];
    if (f) throw f;
    return "done";
  };
  return { fn, waits, sleep: async (ms: number) => void waits.push(ms), calls: () => calls };
}

const codeRule: RetryRule = {
  isRetryable: (e) => (e as Coded).code === "busy",
  delayHintMs: (e) => (e as Coded).retryAfterMs,
};

describe("withRetry", () => {
  it("retries a transient failure until the call succeeds, backing off each time", async () => {
    const s = script([new Coded("busy"), new Coded("busy"), new Coded("busy")]);
    await expect(withRetry(s.fn, codeRule, { sleep: s.sleep, baseDelayMs: 100, attempts: 5 })).resolves.toBe(
      "done",
    );
    expect(s.calls()).toBe(4);
    // 100, 200, 400 ms, each within ±25 %.
    expect(s.waits).toHaveLength(3);
    s.waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(75 * 2 ** i);
      expect(w).toBeLessThanOrEqual(125 * 2 ** i);
    });
  });

  it("fails at once, with the very error, when the failure is not transient", async () => {
    const fatal = new Coded("denied");
    const s = script([fatal]);
    await expect(withRetry(s.fn, codeRule, { sleep: s.sleep })).rejects.toBe(fatal);
    expect(s.calls()).toBe(1);
    expect(s.waits).toEqual([]);
  });

  it("gives up after `attempts` and throws the last failure", async () => {
    const last = new Coded("busy");
    const s = script([new Coded("busy"), new Coded("busy"), last, new Coded("busy")]);
    await expect(withRetry(s.fn, codeRule, { sleep: s.sleep, attempts: 3 })).rejects.toBe(last);
    expect(s.calls()).toBe(3);
  });

  it("waits what the service asked (Retry-After), capped at maxDelayMs", async () => {
    const s = script([new Coded("busy", 1_500), new Coded("busy", 90_000)]);
    const retries: number[] = [];
    await withRetry(s.fn, codeRule, {
      sleep: s.sleep,
      maxDelayMs: 30_000,
      onRetry: (r) => retries.push(r.attempt),
    });
    expect(s.waits).toEqual([1_500, 30_000]);
    expect(retries).toEqual([1, 2]);
  });
});

describe("firestoreRule", () => {
  it.each([
    ["ABORTED (contention)", FIRESTORE_TRANSIENT_CODES.ABORTED, true],
    ["UNAVAILABLE", FIRESTORE_TRANSIENT_CODES.UNAVAILABLE, true],
    ["DEADLINE_EXCEEDED", FIRESTORE_TRANSIENT_CODES.DEADLINE_EXCEEDED, true],
    ["RESOURCE_EXHAUSTED", FIRESTORE_TRANSIENT_CODES.RESOURCE_EXHAUSTED, true],
    ["ALREADY_EXISTS (a lost create race is an answer, not a fault)", 6, false],
    ["INVALID_ARGUMENT (a document over 1 MiB)", 3, false],
    ["PERMISSION_DENIED", 7, false],
    ["a plain Error", undefined, false],
  ])("%s → retried: %s", (_, code, retried) => {
    const e = Object.assign(new Error("x"), code === undefined ? {} : { code });
    expect(firestoreRule.isRetryable(e)).toBe(retried);
  });
});

describe("backoffMs", () => {
  it("doubles from the base and never passes the cap", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 10].map((a) => backoffMs(a, { baseDelayMs: 100, maxDelayMs: 1_000 }, mid))).toEqual([
      100, 200, 400, 800, 1_000,
    ]);
  });
});
