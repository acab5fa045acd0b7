// Flush batching: request and batch size limits, the per-flush request cap, meeting tabs never in
// one batch together, and the 6-minute budget.
import { describe, expect, it } from "vitest";
import {
  FLUSH_LIMITS,
  hasTimeForBatch,
  planBatches,
  utf8Bytes,
} from "../../apps-script/src/flush-batches.ts";
import { DEFAULT_MAX_BODY_BYTES } from "../../functions/src/handlers/http.ts";

const req = (tab: "products" | "meetings" | "attendees" | "agenda", kb: number) => ({
  tab,
  bytes: kb * 1024,
});

describe("planBatches", () => {
  it("sends products with meetings, then attendees, then agenda", () => {
    const plan = planBatches([
      req("products", 10),
      req("meetings", 5),
      req("attendees", 5),
      req("agenda", 5),
    ]);
    expect(plan.batches.map((b) => b.map((r) => r.tab))).toEqual([
      ["products", "meetings"],
      ["attendees"],
      ["agenda"],
    ]);
  });
  it("splits batches by total size and refuses a request over the function's limit", () => {
    const limits = { ...FLUSH_LIMITS, maxBatchBytes: 100 * 1024, maxRequestBytes: 95 * 1024 };
    const plan = planBatches([req("products", 90), req("meetings", 20), req("attendees", 96)], limits);
    expect(plan.batches.map((b) => b.map((r) => r.tab))).toEqual([["products"], ["meetings"]]);
    expect(plan.tooLarge.map((r) => r.tab)).toEqual(["attendees"]);
  });
  it("sends nothing the sync function would refuse as too large, and a 20,000-row tab fits", () => {
    expect(FLUSH_LIMITS.maxRequestBytes).toBeLessThan(DEFAULT_MAX_BODY_BYTES);
    expect(FLUSH_LIMITS.maxRequestBytes).toBeGreaterThan(6.5 * 1024 * 1024);
  });
  it("defers what is over the per-flush request cap", () => {
    const limits = { ...FLUSH_LIMITS, maxRequestsPerFlush: 2 };
    const plan = planBatches([req("products", 1), req("meetings", 1), req("agenda", 1)], limits);
    expect(plan.deferred.map((r) => r.tab)).toEqual(["agenda"]);
    expect(plan.batches.flat()).toHaveLength(2);
  });
});

describe("budget and sizes", () => {
  it.each([
    [0, true],
    [FLUSH_LIMITS.budgetMs - FLUSH_LIMITS.batchAllowanceMs, true],
    [FLUSH_LIMITS.budgetMs - FLUSH_LIMITS.batchAllowanceMs + 1, false],
    [6 * 60_000, false],
  ])("after %i ms another batch fits: %s", (elapsed, fits) => {
    expect(hasTimeForBatch(1_000, 1_000 + elapsed)).toBe(fits);
  });
  it.each([
    ["abc", 3],
    ["ผ้าทอ", 15],
    ["é😀", 6],
  ])("utf8Bytes(%s) = %i, as Node counts", (text, n) => {
    expect(utf8Bytes(text)).toBe(n);
    expect(utf8Bytes(text)).toBe(Buffer.byteLength(text));
  });
});
