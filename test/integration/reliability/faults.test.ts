// Fault injection against real parts: 429/503/500 bursts from the Sheets API stand-in during
// rebuildSummaries, an SMTP server refusing then accepting, two syncs of the same rows at once, and
// one request replayed 10 times. After each: completed, nothing doubled, nothing lost.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import {
  reportDocId,
  reportRevision,
  sendReportOnce,
} from "../../../functions/src/adapters/firestore/report-outbox.ts";
import { silentLogger } from "../../../functions/src/adapters/log/logger.ts";
import { createMailer, type Mailer } from "../../../functions/src/adapters/mail/mailer.ts";
import { rebuildSummariesPorts } from "../../../functions/src/adapters/ports.ts";
import { createSheetsApi } from "../../../functions/src/adapters/sheets/sheets-client.ts";
import { buildReportModel } from "../../../functions/src/domain/report-model.ts";
import { rebuildSummaries } from "../../../functions/src/handlers/rebuild-summaries.ts";
import { type SyncBody, sync } from "../../../functions/src/handlers/sync.ts";
import { type SheetsApiStandIn, startSheetsApiStandIn } from "../../support/sheets-api-stand-in.ts";
import { generatedProducts, seedProducts } from "../../support/summary-fixtures.ts";
import { seedMeeting } from "../adapters/pdf/sample-meeting.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.ts";
import { auditEntries, PRODUCT_HEADER, productCells } from "../support/sync-fixtures.ts";
import { syncPorts } from "../support/sync-ports.ts";

const db = createFirestore({
  firestoreEmulatorHost: inject("firestoreHost"),
  projectId: inject("firestoreProjectId"),
});
const deps = syncPorts(db);
const caller = { email: "staff@example.org" };
const counts = { faultsSurvived: 0, sheetsFaults: 0, smtpRefusals: 0, concurrentSyncs: 0, replays: 0 };
let standIn: SheetsApiStandIn;
let smtp: TestSmtpServer;
let mailer: Mailer;

beforeAll(async () => {
  standIn = await startSheetsApiStandIn();
  smtp = await startSmtpServer();
  mailer = createMailer({ smtpUrl: smtp.url, mailFrom: "KBO <kbo@example.org>", outDir: "out" });
});
afterAll(async () => {
  console.log(`[reliability] faults: ${JSON.stringify(counts)}`);
  mailer.close();
  await smtp.stop();
  await standIn.close();
  await db.terminate();
});

const productsBody = (spreadsheetId: string, requestId: string, n: number): SyncBody => ({
  spreadsheetId,
  tab: "ผลิตภัณฑ์",
  header: PRODUCT_HEADER,
  rows: Array.from({ length: n }, (_, i) => ({ row: i + 2, values: productCells(i) as SyncBody["header"] })),
  requestId,
});

/** The source's live records, and the creation audits behind them: one of each per row, or a bug. */
async function expectExactlyOnce(spreadsheetId: string, n: number) {
  const docs = (await db.collection("products").where("source.spreadsheetId", "==", spreadsheetId).get())
    .docs;
  expect(docs.length).toBe(n);
  expect(new Set(docs.map((d) => d.data().product)).size).toBe(n);
  expect(new Set(docs.map((d) => d.data().source.row)).size).toBe(n);
  const created = (await auditEntries(db, spreadsheetId)).filter((e) => e.action === "created");
  expect(created.length).toBe(n);
  expect(new Set(created.map((e) => e.recordId))).toEqual(new Set(docs.map((d) => d.id)));
}

describe("Sheets API bursts during rebuildSummaries", () => {
  it.each([
    ["429 RESOURCE_EXHAUSTED four times in a row", { status: 429 as const, times: 4 }],
    ["429 RESOURCE_EXHAUSTED (no Retry-After, as Google sends none)", { status: 429 as const, times: 3 }],
    ["503", { status: 503 as const, times: 4 }],
    ["500", { status: 500 as const, times: 2 }],
  ])("%s: backs off and completes with the right figures", async (_, fault) => {
    const id = standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์"]);
    const products = generatedProducts(60);
    await seedProducts(db, products, id);
    const before = standIn.requests.length;
    standIn.failNext(fault);
    const result = await rebuildSummaries(
      rebuildSummariesPorts({
        db,
        sheets: createSheetsApi({ rootUrl: standIn.rootUrl }),
        log: silentLogger,
        retry: { attempts: 6, baseDelayMs: 20 },
      }),
      { spreadsheetId: id },
    );
    const log = standIn.requests.slice(before);
    const failed = log.filter((r) => r.status >= 429).length;
    expect(failed).toBe(fault.times);
    expect(result.products).toBe(products.filter((p) => !p.deleted).length);
    expect(result.tabs.created).toEqual(["สรุปตามประเภท", "สรุปตามอำเภอ", "สรุปการประชุม"]);
    // The write went through exactly once: one successful batchUpdate.
    expect(
      log.filter((r) => r.method === "POST" && r.path.endsWith(":batchUpdate") && r.status === 200),
    ).toHaveLength(1);
    counts.sheetsFaults += failed;
    counts.faultsSurvived += failed;
  });
});

describe("SMTP refusing, then accepting", () => {
  it("the report is sent exactly once, however often it is asked for", async () => {
    const model = buildReportModel(seedMeeting());
    const pdf = new TextEncoder().encode("%PDF-1.4 รายงาน\n%%EOF");
    smtp.refuseAll(true);
    const options = { backoffMs: () => 20, attemptsPerCall: 2, maxAttempts: 10 };
    const refusedCall = await sendReportOnce({ db, mailer, options }, { model, pdf });
    expect(refusedCall.status).not.toBe("sent");
    expect(smtp.messages).toHaveLength(0);
    smtp.refuseAll(false);
    smtp.refuseNext(1);
    // Five callers at once after the server recovers (one of them meets one more refusal).
    const results = await Promise.all(
      Array.from({ length: 5 }, () => sendReportOnce({ db, mailer, options }, { model, pdf })),
    );
    const again = await Promise.all(
      Array.from({ length: 5 }, () => sendReportOnce({ db, mailer, options }, { model, pdf })),
    );
    const deliveredBy = [...results, ...again].filter((r) => r.delivered);
    expect(deliveredBy).toHaveLength(1);
    // Which wave delivers depends on timing (the first wave's claimer may still be backing off when it
    // ends, and the second wave's callers then find the report in hand elsewhere); once every call has
    // returned, the report is sent and no later call sends it again.
    const settled = await sendReportOnce({ db, mailer, options }, { model, pdf });
    expect(settled).toMatchObject({ status: "sent", delivered: false });
    expect(smtp.messages).toHaveLength(1);
    const doc = (
      await db
        .collection("reports")
        .doc(reportDocId(model, reportRevision(model)))
        .get()
    ).data();
    expect(doc).toMatchObject({ state: "sent", messageId: smtp.messages[0]!.messageId });
    counts.smtpRefusals += smtp.refused();
    counts.faultsSurvived += smtp.refused();
  });
});

describe("concurrent and replayed syncs", () => {
  it("two syncs of the same rows at once leave one record and one creation audit per row", async () => {
    for (const round of [1, 2, 3]) {
      const sid = `sheet-twins-${round}`;
      const n = 120;
      const [a, b] = await Promise.all([
        sync(deps, productsBody(sid, `twin-a-${round}-0001`, n), caller),
        sync(deps, productsBody(sid, `twin-b-${round}-0001`, n), caller),
      ]);
      // Whichever got there first created a row; the other found it: the same id either way.
      expect(a.rows.map((r) => r.id)).toEqual(b.rows.map((r) => r.id));
      expect(a.counts.created + b.counts.created).toBe(n);
      await expectExactlyOnce(sid, n);
      counts.concurrentSyncs += 2;
    }
  });

  it("a request replayed 10 times (5 at once, then 5 in a row) names the same ids and changes nothing more", async () => {
    const sid = "sheet-replay";
    const n = 80;
    const body = productsBody(sid, "replay-10-0001", n);
    const burst = await Promise.all(Array.from({ length: 5 }, () => sync(deps, body, caller)));
    const changes = (
      await db.collection("changes").where("source.spreadsheetId", "==", sid).count().get()
    ).data().count;
    const serial = [];
    for (let i = 0; i < 5; i++) serial.push(await sync(deps, body, caller));
    const answers = [...burst, ...serial];
    const ids = answers[0]!.rows.map((r) => r.id);
    for (const a of answers) expect(a.rows.map((r) => r.id)).toEqual(ids);
    // The twins of the burst ran at once: each row was created by exactly one of them.
    expect(burst.reduce((n, a) => n + a.counts.created, 0)).toBe(n);
    // Once one of them recorded the request, the others are replays: answered, nothing written.
    for (const a of serial) expect(a.replayed).toBe(true);
    expect(
      (await db.collection("changes").where("source.spreadsheetId", "==", sid).count().get()).data().count,
    ).toBe(changes);
    await expectExactlyOnce(sid, n);
    counts.replays += answers.length;
  });
});
