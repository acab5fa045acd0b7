// Reconcile against spreadsheets as they are in real offices, through the strict Sheets stand-in: dates
// typed in en_US, th_TH and en_GB sheets read as the same record the Apps Script sync made; a
// spreadsheet not shared with the service account reported in Thai and English while the others
// carry on; and 40 registered spreadsheets reconciled in one run within the function's 540 s, paced
// under the per-minute quotas, on a clock (no real waiting).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { registerSource } from "../../../functions/src/adapters/firestore/sources.ts";
import { silentLogger } from "../../../functions/src/adapters/log/logger.ts";
import { reconcilePorts } from "../../../functions/src/adapters/ports.ts";
import { type Clock, quotaPacer } from "../../../functions/src/adapters/sheets/quota-pacer.ts";
import { createSheetsApi } from "../../../functions/src/adapters/sheets/sheets-client.ts";
import type { RawCell } from "../../../functions/src/domain/raw-workbook.ts";
import { bangkokDate } from "../../../functions/src/domain/thai-date.ts";
import { reconcile } from "../../../functions/src/handlers/reconcile.ts";
import { type SyncBody, sync } from "../../../functions/src/handlers/sync.ts";
import {
  type Locale,
  type SheetsApiStandIn,
  startSheetsApiStandIn,
} from "../../support/sheets-api-stand-in.ts";
import { clearFirestore } from "../support/firestore-emulator.ts";
import { MEETING_HEADER, meetingCells, PRODUCT_HEADER, productCells } from "../support/sync-fixtures.ts";
import { syncPorts } from "../support/sync-ports.ts";

const host = inject("firestoreHost");
const projectId = inject("firestoreProjectId");
const db = createFirestore({ firestoreEmulatorHost: host, projectId });
const caller = { email: "staff@example.org" };
const SERVICE_ACCOUNT = "kbo-functions@demo-kbo-records.iam.gserviceaccount.com";

/** A clock that moves only when something waits on it, or when the stand-in answers (200 ms each). */
function testClock(start: number): Clock & { advance(ms: number): number } {
  let t = start;
  return {
    now: () => t,
    sleep: async (ms) => {
      t += Math.max(0, ms);
    },
    advance: (ms) => {
      t += ms;
      return t;
    },
  };
}

const clock = testClock(Date.parse("2020-02-20T02:00:00Z"));
let standIn: SheetsApiStandIn;
let sheets: ReturnType<typeof createSheetsApi>;

beforeAll(async () => {
  standIn = await startSheetsApiStandIn({ now: () => clock.advance(200) });
  sheets = createSheetsApi({ rootUrl: standIn.rootUrl });
});
afterAll(async () => {
  await standIn.close();
  await db.terminate();
});

const deps = (over: Partial<Parameters<typeof reconcilePorts>[0]> = {}) =>
  reconcilePorts({
    db,
    sheets,
    log: silentLogger,
    now: () => new Date(clock.now()),
    clock,
    serviceAccount: SERVICE_ACCOUNT,
    ...over,
  });

/** Types rows into a tab as staff would (USER_ENTERED: dates and times parsed by the sheet's locale). */
async function typeTab(spreadsheetId: string, title: string, rows: RawCell[][]) {
  await sheets.spreadsheets.values.update({
    spreadsheetId,
    range: `'${title}'!A1`,
    valueInputOption: "USER_ENTERED",
    requestBody: { values: rows.map((r) => r.map((c) => c ?? "")) },
  });
}

describe("dates and times as staff typed them, in every locale", () => {
  // 3 February 2020 (2563 BE), 09:30–12:00, typed the way each locale writes it.
  const typed: [Locale, string, string][] = [
    ["en_US", "2/3/2020", "2/3/2020"],
    ["th_TH", "3/2/2563", "3/2/2563"],
    ["en_GB", "03/02/2020", "03/02/2020"],
  ];

  it.each(
    typed,
  )("%s: the date cell shows %s and is stored as 2020-02-03, the record sync made", async (locale, input, shown) => {
    const id = standIn.createSpreadsheet(`KBO ${locale}`, ["การประชุม"], undefined, { locale });
    // The sync path first: Apps Script's getValues() gives Date objects, sent tagged with the wall clock
    // the cell shows in the sheet's zone (a time-only cell is a date of 30 Dec 1899).
    const wire: unknown[] = meetingCells();
    wire[3] = { date: "2020-02-03T00:00:00" };
    wire[4] = { date: "1899-12-30T09:30:00" };
    wire[5] = { date: "1899-12-30T12:00:00" };
    const body: SyncBody = {
      spreadsheetId: id,
      tab: "การประชุม",
      header: MEETING_HEADER,
      rows: [{ row: 2, values: wire as SyncBody["header"] }],
      requestId: `locale-${locale}-0001`,
    };
    const synced = await sync(
      syncPorts(db, () => new Date(clock.now())),
      body,
      caller,
    );
    const meetingId = synced.rows[0]!.id!;
    // The same row as it is in the sheet: the id written back, the date and times typed in the locale.
    const row = meetingCells() as RawCell[];
    row[0] = meetingId;
    row[1] = "'1/2563";
    row[3] = input;
    row[4] = "9:30";
    row[5] = "12:00";
    await typeTab(id, "การประชุม", [MEETING_HEADER, row]);
    const seen = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: "'การประชุม'!D2" });
    expect(seen.data.values).toEqual([[shown]]);

    const result = await reconcile(deps(), { spreadsheetIds: [id] }, `reconcile-locale-${locale}`);
    expect(result.sources[0]).toMatchObject({ skipped: [], writes: 0 });
    expect(result.sources[0]!.counts).toMatchObject({ unchanged: 1, updated: 0, created: 0, invalid: 0 });
    const doc = (await db.collection("meetings").doc(meetingId).get()).data()!;
    expect(bangkokDate(doc.date.toDate())).toBe("2020-02-03");
    expect([doc.start, doc.end]).toEqual(["09:30", "12:00"]);
  });

  it("a date typed in en_US and never synced is created with its date, not the day and month swapped", async () => {
    const id = standIn.createSpreadsheet("KBO en_US", ["การประชุม"], undefined, { locale: "en_US" });
    const row = meetingCells() as RawCell[];
    row[1] = "'1/2563";
    row[3] = "2/3/2020";
    await typeTab(id, "การประชุม", [MEETING_HEADER, row]);
    const result = await reconcile(deps(), { spreadsheetIds: [id] }, "reconcile-locale-new");
    expect(result.sources[0]!.counts).toMatchObject({ created: 1 });
    const docs = (await db.collection("meetings").where("source.spreadsheetId", "==", id).get()).docs;
    expect(docs.map((d) => bangkokDate(d.data().date.toDate()))).toEqual(["2020-02-03"]);
  });
});

describe("a spreadsheet not shared with the service account", () => {
  it("answers 403 PERMISSION_DENIED as Google does", async () => {
    const id = standIn.createSpreadsheet("KBO ไม่ได้แชร์", ["ผลิตภัณฑ์"], undefined, { shared: false });
    const res = await fetch(`${standIn.rootUrl}v4/spreadsheets/${id}?fields=sheets.properties.title`);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: 403, message: "The caller does not have permission", status: "PERMISSION_DENIED" },
    });
  });

  it("is reported in Thai and English naming the e-mail to share with; the others carry on", async () => {
    const shared = standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์"]);
    const unshared = standIn.createSpreadsheet("KBO ไม่ได้แชร์", ["ผลิตภัณฑ์"], undefined, { shared: false });
    await typeTab(shared, "ผลิตภัณฑ์", [PRODUCT_HEADER, productCells(0), productCells(1)]);
    const result = await reconcile(deps(), { spreadsheetIds: [unshared, shared] }, "reconcile-unshared");
    expect(result.sources[0]).toMatchObject({
      spreadsheetId: unshared,
      error: {
        code: "SHEETS_PERMISSION_DENIED",
        message: expect.stringContaining(`แชร์สเปรดชีตให้ ${SERVICE_ACCOUNT} เป็นผู้แก้ไข`),
      },
    });
    expect(result.sources[0]!.error!.message).toContain(`share it with ${SERVICE_ACCOUNT} as an editor`);
    expect(result.sources[1]).toMatchObject({ spreadsheetId: shared, counts: { created: 2 } });
    expect(result.sources[1]!.error).toBeUndefined();
    // Not retried: a 403 is an answer, not a passing fault.
    expect(standIn.requests.filter((r) => r.path.includes(unshared))).toHaveLength(1);
  });
});

describe("the run's time budget", () => {
  it("starts no spreadsheet once the budget is spent: the rest wait for the next run, reported", async () => {
    const first = standIn.createSpreadsheet("KBO 1", ["ผลิตภัณฑ์"]);
    const second = standIn.createSpreadsheet("KBO 2", ["ผลิตภัณฑ์"]);
    const result = await reconcile(
      deps({ budgetMs: 100 }),
      { spreadsheetIds: [first, second] },
      "reconcile-budget",
    );
    expect(result.sources[0]!.error).toBeUndefined();
    expect(result.sources[1]).toMatchObject({
      spreadsheetId: second,
      error: { code: "RECONCILE_OUT_OF_TIME", message: expect.stringContaining("the next run reads it") },
    });
  });
});

describe("40 registered spreadsheets in one run", () => {
  const N = 40;
  const ids: string[] = [];

  beforeAll(async () => {
    await clearFirestore(host, projectId);
    for (let i = 0; i < N; i++) {
      const id = standIn.createSpreadsheet(`KBO อำเภอ ${i + 1}`, ["ผลิตภัณฑ์"]);
      ids.push(id);
      await registerSource(db, id, "test", new Date(clock.now()));
      // Rows no trigger reported: reconcile creates them, then rewrites each spreadsheet's summaries.
      await typeTab(id, "ผลิตภัณฑ์", [PRODUCT_HEADER, productCells(i), productCells(i + 1)]);
      clock.advance(1_500);
    }
    clock.advance(61_000);
  });

  it("are all reconciled within the 540 s timeout, none failed, no request refused for quota", async () => {
    const before = standIn.requests.length;
    const started = clock.now();
    const result = await reconcile(deps(), {}, "reconcile-forty");
    const elapsed = clock.now() - started;
    expect(result.sources.map((s) => s.spreadsheetId).sort()).toEqual([...ids].sort());
    expect(result.sources.filter((s) => s.error)).toEqual([]);
    expect(result.sources.every((s) => s.counts.created === 2 && s.summariesRewritten)).toBe(true);
    expect(result.repaired).toBe(2 * N);
    const log = standIn.requests.slice(before);
    // Per spreadsheet: two reads (tab names, values), then a read and a write for its summaries.
    expect(log).toHaveLength(4 * N);
    expect(log.filter((r) => r.status !== 200)).toEqual([]);
    // 120 reads at no more than 50 a minute take a little over two minutes of the 540 s.
    expect(elapsed).toBeGreaterThan(120_000);
    expect(elapsed).toBeLessThan(540_000);
  });

  it("would have met the quota unpaced: the stand-in refuses the 61st read of a minute", async () => {
    clock.advance(61_000);
    const unpaced = await reconcile(
      deps({ pacer: quotaPacer({ perMinute: 1_000, clock }), retry: { attempts: 1 } }),
      {},
      "reconcile-forty-unpaced",
    );
    const failed = unpaced.sources.filter((s) => s.error?.code === "SHEETS_QUOTA");
    // Two reads per spreadsheet with nothing left to repair: the 31st spreadsheet meets the 61st read.
    expect(failed.length).toBe(N - 30);
    expect(standIn.requests.at(-1)).toMatchObject({ status: 429, rule: "QUOTA_PER_MINUTE" });
  });

  it("retrying with backoff instead of pacing also gets through, later", async () => {
    clock.advance(61_000);
    const started = clock.now();
    const result = await reconcile(
      deps({ pacer: quotaPacer({ perMinute: 1_000, clock }) }),
      {},
      "reconcile-forty-backoff",
    );
    expect(result.sources.filter((s) => s.error)).toEqual([]);
    expect(clock.now() - started).toBeLessThan(540_000);
  });
});
