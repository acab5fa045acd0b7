// Retry and error mapping of Sheets API calls: which failures are retried, how long it waits (Google's
// truncated exponential backoff: about 2^n s with jitter, at most 64 s), and the AppError code and
// message of what is left.
import { describe, expect, it } from "vitest";
import { backoffMs } from "../../../../functions/src/adapters/retry.ts";
import { callSheets, SHEETS_RETRY } from "../../../../functions/src/adapters/sheets/sheets-client.ts";

const httpError = (status: number) => Object.assign(new Error(`status ${status}`), { response: { status } });

describe("the Sheets backoff", () => {
  it("doubles from 1 s and stops growing at 64 s, Google's maximum_backoff", () => {
    const waits = Array.from({ length: 9 }, (_, n) => backoffMs(n + 1, SHEETS_RETRY, () => 0.5));
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 64000, 64000]);
  });

  it("spreads each wait by up to a quarter either way, still capped", () => {
    expect(backoffMs(1, SHEETS_RETRY, () => 0)).toBe(750);
    expect(backoffMs(1, SHEETS_RETRY, () => 0.999)).toBe(1250);
    expect(backoffMs(7, SHEETS_RETRY, () => 0.999)).toBe(64000);
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

  it("retries 429 and 5xx, waiting base × 2^n, ± 25 %", async () => {
    const r = await run([httpError(429), httpError(503), httpError(500)]);
    await expect(r.result).resolves.toBe("ok");
    expect(r.calls()).toBe(4);
    [100, 200, 400].forEach((wait, n) => {
      expect(r.delays[n]).toBeGreaterThanOrEqual(wait * 0.75);
      expect(r.delays[n]).toBeLessThanOrEqual(wait * 1.25);
    });
  });

  it("by default tries 8 times over about two minutes, which outlasts a per-minute quota", async () => {
    const delays: number[] = [];
    const attempt = callSheets(
      "test",
      async () => {
        throw httpError(429);
      },
      { sleep: async (ms) => void delays.push(ms), random: () => 0.5 },
    );
    await expect(attempt).rejects.toMatchObject({ code: "SHEETS_QUOTA" });
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000]);
  });

  it("names the service account to share with when the spreadsheet is not shared (403)", async () => {
    const denied = callSheets(
      "spreadsheets.get",
      async () => {
        throw httpError(403);
      },
      {},
      { spreadsheetId: "sheet-1", serviceAccount: "kbo-functions@kbo-prod.iam.gserviceaccount.com" },
    );
    await expect(denied).rejects.toMatchObject({
      code: "SHEETS_PERMISSION_DENIED",
      message: expect.stringMatching(
        /^ระบบไม่มีสิทธิ์เปิดสเปรดชีต sheet-1: แชร์สเปรดชีตให้ kbo-functions@kbo-prod\.iam\.gserviceaccount\.com เป็นผู้แก้ไข \/ the spreadsheet sheet-1 is not shared with the system: share it with kbo-functions@kbo-prod\.iam\.gserviceaccount\.com as an editor/,
      ),
    });
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
