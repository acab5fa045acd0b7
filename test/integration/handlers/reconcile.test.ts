// `reconcile` against the Sheets API stand-in and the emulator: sources registered by `sync`, sheet
// edits no trigger reported (an edited row, a removed row, a row never synced, an attendee added)
// repaired and audited by "reconcile", summaries rewritten; nothing to do → no write at all; one
// missing spreadsheet reported without stopping the others; the CloudEvent registration end to end.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { silentLogger } from "../../../functions/src/adapters/log/logger.ts";
import { reconcilePorts } from "../../../functions/src/adapters/ports.ts";
import { createSheetsApi } from "../../../functions/src/adapters/sheets/sheets-client.ts";
import type { RawCell } from "../../../functions/src/domain/raw-workbook.ts";
import { registerFunctions } from "../../../functions/src/functions.ts";
import { reconcile } from "../../../functions/src/handlers/reconcile.ts";
import { type SyncBody, sync } from "../../../functions/src/handlers/sync.ts";
import { type SheetsApiStandIn, startSheetsApiStandIn } from "../../support/sheets-api-stand-in.ts";
import {
  ATTENDEE_HEADER,
  attendeeCells,
  auditEntries,
  MEETING_HEADER,
  meetingCells,
  PRODUCT_HEADER,
  productCells,
} from "../support/sync-fixtures.ts";
import { syncPorts } from "../support/sync-ports.ts";

const db = createFirestore({
  firestoreEmulatorHost: inject("firestoreHost"),
  projectId: inject("firestoreProjectId"),
});
const now = () => new Date("2020-01-20T03:00:00Z");
const caller = { email: "staff@example.org" };
let standIn: SheetsApiStandIn;
let sheets: ReturnType<typeof createSheetsApi>;
let sid: string;
let server: Server;
const products: RawCell[][] = [];
const attendees: RawCell[][] = [attendeeCells("นางสมศรี มีสุข"), attendeeCells("นายบุญมี ศรีสุข")];

beforeAll(async () => {
  standIn = await startSheetsApiStandIn();
  sheets = createSheetsApi({ rootUrl: standIn.rootUrl });
  sid = standIn.createSpreadsheet("KBO เชียงใหม่", ["ผลิตภัณฑ์", "การประชุม", "ผู้เข้าประชุม"]);
  registerFunctions({
    log: silentLogger,
    db: () => db,
    verifyCaller: async () => caller,
    now,
    sheets: () => sheets,
  });
  server = getTestServer("reconcile");
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await standIn.close();
  await db.terminate();
});

/** Writes a tab's whole contents (header + rows) as staff would leave them, without any trigger. */
async function writeTab(title: string, header: string[], rows: RawCell[][]) {
  await sheets.spreadsheets.values.clear({ spreadsheetId: sid, range: `'${title}'` });
  await sheets.spreadsheets.values.update({
    spreadsheetId: sid,
    range: `'${title}'!A1`,
    valueInputOption: "RAW",
    requestBody: { values: [header, ...rows].map((r) => r.map((c) => c ?? "")) },
  });
}

const syncBody = (tab: string, header: string[], rows: RawCell[][], requestId: string): SyncBody => ({
  spreadsheetId: sid,
  tab,
  header,
  rows: rows.map((values, i) => ({ row: i + 2, values: values as SyncBody["header"] })),
  requestId,
});

const changeSets = async () => (await db.collection("changes").count().get()).data().count;
const productDocs = async () =>
  new Map(
    (await db.collection("products").where("source.spreadsheetId", "==", sid).get()).docs.map((d) => [
      d.id,
      d.data(),
    ]),
  );
const rec = () =>
  reconcile(
    reconcilePorts({ db, sheets, now, log: silentLogger, retry: { baseDelayMs: 10 } }),
    {},
    `reconcile-test-${Date.now()}`,
  );

describe("reconcile", () => {
  it("finds nothing to do after a sync whose write-back reached the sheet: no write, no Sheets write", async () => {
    for (let i = 0; i < 5; i++) products.push(productCells(i));
    const synced = await sync(
      syncPorts(db, now),
      syncBody("ผลิตภัณฑ์", PRODUCT_HEADER, products, "rec-products-1"),
      caller,
    );
    // The Apps Script writes the ids back into column A.
    synced.rows.forEach((r, i) => {
      products[i]![0] = r.id!;
    });
    const meeting = meetingCells() as RawCell[];
    const m = await sync(
      syncPorts(db, now),
      syncBody("การประชุม", MEETING_HEADER, [meeting], "rec-meetings-1"),
      caller,
    );
    meeting[0] = m.rows[0]!.id!;
    await sync(
      syncPorts(db, now),
      syncBody("ผู้เข้าประชุม", ATTENDEE_HEADER, attendees, "rec-attendees-1"),
      caller,
    );
    await writeTab("ผลิตภัณฑ์", PRODUCT_HEADER, products);
    await writeTab("การประชุม", MEETING_HEADER, [meeting]);
    await writeTab("ผู้เข้าประชุม", ATTENDEE_HEADER, attendees);

    const before = await changeSets();
    const writesBefore = standIn.requests.filter((r) => r.method === "POST").length;
    const result = await rec();
    expect(result.sources).toHaveLength(1);
    expect(result.sources[0]).toMatchObject({
      spreadsheetId: sid,
      writes: 0,
      summariesRewritten: false,
      counts: { created: 0, updated: 0, deleted: 0, unchanged: 6, invalid: 0 },
    });
    expect(result.repaired).toBe(0);
    expect(await changeSets()).toBe(before);
    expect(standIn.requests.filter((r) => r.method === "POST").length).toBe(writesBefore);
    // Read through the API, as a scheduled run would: the tabs' values in one batchGet.
    expect(standIn.requests.some((r) => r.path.endsWith("/values:batchGet"))).toBe(true);
  });

  it("repairs an edited row, a removed row, a row never synced and an added attendee; audits and summarises them", async () => {
    const before = await productDocs();
    const removedId = products[3]![0] as string;
    const editedId = products[1]![0] as string;
    products[1]![7] = "99,999";
    products.splice(3, 1);
    products.push(productCells(40, { product: "น้ำพริกหนุ่มแม่ศรี" }));
    attendees.push(attendeeCells("นายใหม่ ไม่มีทริกเกอร์"));
    await writeTab("ผลิตภัณฑ์", PRODUCT_HEADER, products);
    await writeTab("ผู้เข้าประชุม", ATTENDEE_HEADER, attendees);

    const result = await rec();
    // Updated: the edited row, the row that moved up into the removed one's place, and the meeting.
    expect(result.sources[0]!.counts).toMatchObject({ created: 1, updated: 3, deleted: 1, invalid: 0 });
    expect(result.repaired).toBe(5);
    const after = await productDocs();
    expect(after.get(editedId)).toMatchObject({ revenueSatang: 9_999_900, updatedBy: "reconcile" });
    expect(after.get(removedId)).toMatchObject({ deleted: true, updatedBy: "reconcile" });
    const created = [...after.values()].find((d) => d.product === "น้ำพริกหนุ่มแม่ศรี");
    expect(created).toMatchObject({ deleted: false, createdBy: "reconcile" });
    expect(after.size).toBe(before.size + 1);
    const meeting = (
      await db.collection("meetings").where("source.spreadsheetId", "==", sid).get()
    ).docs[0]!.data();
    expect(meeting.attendees.map((a: { name: string }) => a.name)).toContain("นายใหม่ ไม่มีทริกเกอร์");
    // Every repair is in the audit log, by "reconcile", with its fields before → after.
    const audits = (await auditEntries(db, sid)).filter((e) => e.by === "reconcile");
    expect(audits.map((e) => e.action).sort()).toEqual([
      "created",
      "deleted",
      "updated",
      "updated",
      "updated",
    ]);
    const moved = products[3]![0] as string;
    expect(audits.find((e) => e.recordId === moved)!.fields["source.row"]).toEqual({ before: 6, after: 5 });
    expect(audits.find((e) => e.recordId === editedId)!.fields.revenueSatang).toEqual({
      before: 150_050,
      after: 9_999_900,
    });
    // The summaries were rewritten from the repaired records.
    expect(result.sources[0]!.summariesRewritten).toBe(true);
    const total = [...after.values()]
      .filter((d) => !d.deleted)
      .reduce((s, d) => s + ((d.revenueSatang as number | undefined) ?? 0), 0);
    const cells = [...standIn.cells(sid, "สรุปตามประเภท").values()].map(
      (c) => c.userEnteredValue?.numberValue,
    );
    expect(cells).toContain(total / 100);
    // And a second run finds nothing left to do.
    const sets = await changeSets();
    const again = await rec();
    expect(again.repaired).toBe(0);
    expect(again.sources[0]!.summariesRewritten).toBe(false);
    expect(await changeSets()).toBe(sets);
  });

  it("treats a row it cannot read as sync does: its stored record kept (never tombstoned), the other rows repaired, reported", async () => {
    const saved = [products[2]![5], products[0]![7]] as RawCell[];
    const before = (await productDocs()).get(products[2]![0] as string);
    // A district typed wrong makes row 4 invalid; row 2's revenue was really changed.
    products[2]![5] = "อำเภอที่ไม่มีจริง";
    products[0]![7] = "5,000";
    await writeTab("ผลิตภัณฑ์", PRODUCT_HEADER, products);
    const result = await rec();
    expect(result.sources[0]!.skipped).toEqual([]);
    expect(result.sources[0]!.kept).toEqual([{ tab: "ผลิตภัณฑ์", rows: [4] }]);
    expect(result.sources[0]!.counts).toMatchObject({ updated: 1, deleted: 0, invalid: 1 });
    const docs = await productDocs();
    expect(docs.get(products[0]![0] as string)).toMatchObject({ revenueSatang: 500_000 });
    expect(docs.get(products[2]![0] as string)).toEqual(before);
    // Fixed in the sheet, the next run brings both back.
    [products[2]![5], products[0]![7]] = saved as [RawCell, RawCell];
    await writeTab("ผลิตภัณฑ์", PRODUCT_HEADER, products);
    expect((await rec()).sources[0]!.counts).toMatchObject({ updated: 1, deleted: 0, invalid: 0 });
  });

  it("reports a spreadsheet it cannot read and still reconciles the others", async () => {
    const result = await reconcile(
      reconcilePorts({ db, sheets, now, log: silentLogger, retry: { baseDelayMs: 10 } }),
      { spreadsheetIds: ["no-such-spreadsheet", sid] },
      "reconcile-missing-1",
    );
    expect(result.sources[0]).toMatchObject({
      spreadsheetId: "no-such-spreadsheet",
      error: { code: "SHEETS_NOT_FOUND" },
    });
    expect(result.sources[1]).toMatchObject({ spreadsheetId: sid, counts: { unchanged: 6 } });
    expect(result.repaired).toBe(0);
  });

  it("runs as the registered CloudEvent function on a Pub/Sub message", async () => {
    products[0]![2] = "ผ้าทอลายใหม่จากการแก้ไขในชีต";
    await writeTab("ผลิตภัณฑ์", PRODUCT_HEADER, products);
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "ce-id": "scheduler-0001",
        "ce-specversion": "1.0",
        "ce-type": "google.cloud.pubsub.topic.v1.messagePublished",
        "ce-source": "//pubsub.googleapis.com/projects/demo-kbo-records/topics/kbo-reconcile",
      },
      body: JSON.stringify({
        message: { data: Buffer.from(JSON.stringify({ spreadsheetIds: [sid] })).toString("base64") },
      }),
    });
    expect(res.status).toBeLessThan(300);
    const doc = (await productDocs()).get(products[0]![0] as string);
    expect(doc).toMatchObject({ product: "ผ้าทอลายใหม่จากการแก้ไขในชีต", updatedBy: "reconcile" });
    const audit = (await auditEntries(db, sid)).find((e) => e.requestId === "reconcile-scheduler-0001");
    expect(audit).toMatchObject({ action: "updated", by: "reconcile" });
  });
});
