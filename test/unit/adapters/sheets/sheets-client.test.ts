// Retry and error mapping of Sheets API calls: which failures are retried, how long it waits
// (Retry-After first, else exponential backoff), and the AppError code of what is left.
import { describe, expect, it } from "vitest";
import { callSheets, retryAfterMs } from "../../../../functions/src/adapters/sheets/sheets-client.ts";

const httpError = (status: number, retryAfter?: string) =>
  Object.assign(new Error(`status ${status}`), {
    response: { status, headers: new Headers(retryAfter ? { "retry-after": retryAfter } : {}) },
  });

describe("retryAfterMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each<[string | null, number | undefined]>([
    ["3", 3000],
    ["0.5", 500],
    ["Thu, 01 Jan 2026 00:00:10 GMT", 10_000],
    ["Wed, 31 Dec 2025 23:00:00 GMT", 0],
    ["soon", undefined],
    [null, undefined],
  ])("%s → %s ms", (value, ms) => {
    expect(retryAfterMs(value, now)).toBe(ms);
  });
});

describe("callSheets", () => {
  const run = async (failures: unknown[], attempts = 5) => {
    const delays: number[] = [];
    let calls = 0;
    const result = callSheets(
      "test",
      async () => {
        const f = failures[calls++];
        if (f) throw f;
        return "ok";
      },
      { attempts, baseDelayMs: 100, sleep: async (ms) => void delays.push(ms) },
    );
    return { result, delays, calls: () => calls };
  };

  it("retries 429 honouring Retry-After, and 5xx with growing backoff", async () => {
    const r = await run([httpError(429, "4"), httpError(503), httpError(500)]);
    await expect(r.result).resolves.toBe("ok");
    expect(r.calls()).toBe(4);
    expect(r.delays[0]).toBe(4000);
    expect(r.delays[1]).toBeGreaterThanOrEqual(150); // 200 ms ± 25 %
    expect(r.delays[1]).toBeLessThanOrEqual(250);
    expect(r.delays[2]).toBeGreaterThanOrEqual(300);
  });

  it.each<[number, string]>([
    [400, "SHEETS_BAD_REQUEST"],
    [403, "SHEETS_PERMISSION_DENIED"],
    [404, "SHEETS_NOT_FOUND"],
  ])("does not retry %i: %s at once", async (status, code) => {
    const r = await run([httpError(status)]);
    await expect(r.result).rejects.toMatchObject({ code });
    expect(r.calls()).toBe(1);
  });

  it("gives up after the last attempt with SHEETS_QUOTA or SHEETS_UNAVAILABLE", async () => {
    const quota = await run([httpError(429), httpError(429), httpError(429)], 3);
    await expect(quota.result).rejects.toMatchObject({ code: "SHEETS_QUOTA" });
    expect(quota.calls()).toBe(3);
    const down = await run([httpError(503), httpError(502)], 2);
    await expect(down.result).rejects.toMatchObject({ code: "SHEETS_UNAVAILABLE" });
  });

  it("retries a dropped connection", async () => {
    const r = await run([Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })]);
    await expect(r.result).resolves.toBe("ok");
  });
});
