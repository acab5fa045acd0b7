import { describe, expect, it } from "vitest";
import { isAppError } from "../../../functions/src/app-error.ts";
import { tokenBucketLimiter } from "../../../functions/src/handlers/rate-limit.ts";

const refused = (f: () => void) => {
  try {
    f();
    return undefined;
  } catch (e) {
    if (!isAppError(e)) throw e;
    return e;
  }
};

describe("tokenBucketLimiter", () => {
  it("allows a burst, then refuses with a retry delay, and refills with time", () => {
    let now = 0;
    const limit = tokenBucketLimiter({ burst: 3, perSecond: 1, now: () => now });
    for (let i = 0; i < 3; i++) expect(refused(() => limit("a@x.org"))).toBeUndefined();
    const e = refused(() => limit("a@x.org"));
    expect(e?.code).toBe("RATE_LIMITED");
    expect(e?.details).toEqual({ retryAfterSeconds: 1 });
    now += 1000;
    expect(refused(() => limit("a@x.org"))).toBeUndefined();
    expect(refused(() => limit("a@x.org"))?.code).toBe("RATE_LIMITED");
  });

  it("keeps one bucket per caller", () => {
    const limit = tokenBucketLimiter({ burst: 1, perSecond: 0.1, now: () => 0 });
    limit("a@x.org");
    expect(refused(() => limit("a@x.org"))?.details).toEqual({ retryAfterSeconds: 10 });
    expect(refused(() => limit("b@x.org"))).toBeUndefined();
  });

  it("forgets the longest idle callers beyond maxCallers (a full bucket again)", () => {
    const limit = tokenBucketLimiter({ burst: 1, perSecond: 0.001, now: () => 0, maxCallers: 2 });
    limit("a@x.org");
    limit("b@x.org");
    limit("c@x.org");
    expect(refused(() => limit("a@x.org"))).toBeUndefined();
    expect(refused(() => limit("c@x.org"))?.code).toBe("RATE_LIMITED");
  });
});
