// The mirror against the real emulator: ids, idempotency, updates with audit, tombstones and restore,
// embedded meeting details, exact money and dates, overlapping syncs.
import type { Firestore } from "@google-cloud/firestore";
import { Timestamp } from "@google-cloud/firestore";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../../functions/src/adapters/firestore/client.ts";
import { mirrorWorkbook } from "../../../../functions/src/adapters/firestore/mirror-workbook.ts";
import type { RawCell } from "../../../../functions/src/domain/raw-workbook.ts";
import { validateWorkbook } from "../../../../functions/src/domain/validate-workbook.ts";
import { clearFirestore } from "../../support/firestore-emulator.ts";
import { auditEntries, productCells, products, rawWorkbook, withIds } from "../../support/sync-fixtures.ts";

const host = inject("firestoreHost");
const projectId = inject("firestoreProjectId");
const db: Firestore = createFirestore({ firestoreEmulatorHost: host, projectId });
afterAll(() => db.terminate());
beforeEach(() => clearFirestore(host, projectId));

const NOW = new Date("2020-01-20T03:00:00Z");
const SHEET = "sheet-A";

function sync(
  rows: RawCell[][],
  opts: { meetings?: boolean; spreadsheetId?: string; requestId?: string } = {},
) {
  const wb = rawWorkbook(rows, opts.meetings);
  const validation = validateWorkbook(wb, { today: "2020-01-20" });
  return mirrorWorkbook(db, {
    spreadsheetId: opts.spreadsheetId ?? SHEET,
    validation,
    tabs: opts.meetings ? ["products", "meetings", "attendees", "agenda"] : ["products"],
    actor: "staff@example.org",
    requestId: opts.requestId,
    now: NOW,
  });
}

const count = async (collection: string) => (await db.collection(collection).count().get()).data().count;

describe("mirrorWorkbook", () => {
  it("creates one record per valid row with sequential ids per BE year, exact money", async () => {
    const rows = products(5);
    const result = await sync(rows);
    expect(result.counts).toMatchObject({ created: 5, unchanged: 0, invalid: 0 });
    expect(result.rows.map((r) => r.id)).toEqual([
      "KBO-2562-001",
      "KBO-2563-001",
      "KBO-2562-002",
      "KBO-2563-002",
      "KBO-2562-003",
    ]);
    const doc = (await db.doc("products/KBO-2563-002").get()).data()!;
    expect(doc).toMatchObject({
      year: 2563,
      product: "ผ้าทอลายที่ 4",
      revenueSatang: 350050,
      source: { spreadsheetId: SHEET, tab: "ผลิตภัณฑ์", row: 5 },
      deleted: false,
      createdBy: "staff@example.org",
    });
    expect(Number.isInteger(doc.revenueSatang)).toBe(true);
    expect((await auditEntries(db)).map((e) => e.action)).toEqual(Array(5).fill("created"));
    expect(await count("changes")).toBe(1); // one change set per transaction
  });

  it("is idempotent: the same rows three times, with or without ids written back, create nothing more", async () => {
    const rows = products(6);
    const first = await sync(rows);
    const again = await sync(rows); // ids never written back: found by provisional key
    const third = await sync(withIds(rows, first));
    for (const r of [again, third]) {
      expect(r.counts).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
      expect(r.writes).toBeLessThanOrEqual(6); // only provisional-key look-ups, no record or audit write
    }
    expect(third.writes).toBe(0);
    expect(again.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(await count("products")).toBe(6);
    expect((await auditEntries(db)).length).toBe(6);
  });

  it("keeps provisional keys in at most 256 bucket documents: a first sync writes about one document per row", async () => {
    const rows = products(1200);
    const first = await sync(rows);
    expect(first.counts.created).toBe(1200);
    const buckets = await count("rowkeys");
    expect(buckets).toBeGreaterThan(200); // 1,200 keys spread over the 256 buckets
    expect(buckets).toBeLessThanOrEqual(256);
    // records + buckets + per 450 records a change set and a running-totals increment + the two year
    // counters + the source's generation + its running totals opened
    expect(first.writes).toBe(1200 + buckets + 2 * Math.ceil(1200 / 450) + 2 + 1 + 1);
    // The write-back was lost (a kill): the same rows find their ids again, and nothing is written.
    const again = await sync(rows);
    expect(again.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(again.counts.unchanged).toBe(1200);
    expect(again.writes).toBe(0);
    expect(await count("products")).toBe(1200);
  });

  it("updates a changed row with an audit entry naming the fields before and after", async () => {
    const rows = products(3);
    const first = await sync(rows);
    const edited = withIds(rows, first);
    edited[1] = productCells(1, { id: first.rows[1]!.id!, revenue: "999", notes: "แก้ไขแล้ว" });
    const result = await sync(edited, { requestId: "req-edit" });
    expect(result.counts).toMatchObject({ updated: 1, unchanged: 2 });
    const changes = (await auditEntries(db)).filter((e) => e.action === "updated");
    expect(changes.length).toBe(1);
    expect(changes[0]).toMatchObject({
      recordId: first.rows[1]!.id,
      collection: "products",
      by: "staff@example.org",
      requestId: "req-edit",
      source: { spreadsheetId: SHEET, tab: "ผลิตภัณฑ์", row: 3 },
      fields: {
        revenueSatang: { before: 150050, after: 99900 },
        notes: { before: null, after: "แก้ไขแล้ว" },
      },
    });
    expect(changes[0]!.at).toBeInstanceOf(Timestamp);
  });

  it("tombstones a row that disappears and restores it, same id, when it comes back", async () => {
    const rows = products(3);
    const first = await sync(rows);
    const ids = withIds(rows, first);
    const gone = await sync([ids[0]!, ids[2]!]);
    expect(gone.counts.deleted).toBe(1);
    expect(gone.deleted.products).toEqual([first.rows[1]!.id]);
    const tomb = (await db.doc(`products/${first.rows[1]!.id}`).get()).data()!;
    expect(tomb).toMatchObject({ deleted: true, product: "ผ้าทอลายที่ 2" });
    expect(tomb.deletedAt).toBeInstanceOf(Timestamp);
    // A re-run does not tombstone twice.
    expect((await sync([ids[0]!, ids[2]!])).counts.deleted).toBe(0);
    // The row returns without its id (re-typed): the provisional key finds the old record.
    const back = await sync(rows);
    expect(back.counts).toMatchObject({ restored: 1, created: 0 });
    expect(back.rows[1]!.id).toBe(first.rows[1]!.id);
    expect((await db.doc(`products/${first.rows[1]!.id}`).get()).get("deleted")).toBe(false);
    const changes = await auditEntries(db);
    expect(changes.map((c) => c.action).sort()).toEqual([
      "created",
      "created",
      "created",
      "deleted",
      "restored",
      // The third row moved up a row when the second left, and back down when it returned.
      "updated",
      "updated",
    ]);
    for (const c of changes.filter((x) => x.action === "updated")) {
      expect(Object.keys(c.fields)).toEqual(["source.row"]);
    }
  });

  it("never mirrors an invalid row and returns its issues", async () => {
    const rows = [productCells(0), productCells(1, { district: "ไม่มีอำเภอนี้" })];
    const result = await sync(rows);
    expect(result.counts).toMatchObject({ created: 1, invalid: 1 });
    const bad = result.rows.find((r) => r.row === 3)!;
    expect(bad.action).toBe("invalid");
    expect(bad.id).toBeUndefined();
    expect(bad.issues.some((i) => i.severity === "error" && i.field === "district")).toBe(true);
    expect(await count("products")).toBe(1);
  });

  it("embeds attendees and agenda in the meeting, date as a Bangkok-midnight Timestamp", async () => {
    const result = await sync(products(1), { meetings: true });
    const meeting = result.rows.find((r) => r.tab === "meetings")!;
    expect(meeting).toMatchObject({ id: "MTG-2563-001", action: "created" });
    const doc = (await db.doc("meetings/MTG-2563-001").get()).data()!;
    expect(doc.number).toBe("1/2563");
    expect((doc.date as Timestamp).toDate().toISOString()).toBe("2020-01-12T17:00:00.000Z");
    expect(doc.attendees.map((a: { name: string }) => a.name)).toEqual(["นางสมศรี มีสุข", "นายบุญมี ศรีสุข"]);
    expect(doc.agenda.map((a: { item: string }) => a.item)).toEqual(["1", "2"]);
    const attendeeRows = result.rows.filter((r) => r.tab === "attendees");
    expect(attendeeRows.map((r) => r.action)).toEqual(["created", "created"]);
    expect((await sync(products(1), { meetings: true })).counts).toMatchObject({ unchanged: 2, created: 0 });
  });

  it("refuses an id that belongs to another spreadsheet", async () => {
    const first = await sync(products(1), { spreadsheetId: "sheet-B" });
    const result = await sync([productCells(5, { id: first.rows[0]!.id! })]);
    expect(result.rows[0]).toMatchObject({ action: "invalid" });
    expect(result.rows[0]!.issues.map((i) => i.code)).toContain("ID_OF_OTHER_SPREADSHEET");
    expect((await db.doc(`products/${first.rows[0]!.id}`).get()).get("source.spreadsheetId")).toBe("sheet-B");
  });

  it("two overlapping syncs of the same new rows make one record per row and one audit entry each", async () => {
    const rows = products(300);
    const [a, b] = await Promise.all([sync(rows), sync(rows)]);
    expect(a.rows.map((r) => r.id)).toEqual(b.rows.map((r) => r.id));
    expect(new Set(a.rows.map((r) => r.id)).size).toBe(300);
    expect(a.counts.created + b.counts.created).toBe(300);
    expect(await count("products")).toBe(300);
    expect((await auditEntries(db)).length).toBe(300);
  });

  it("two overlapping syncs of different spreadsheets never collide on an id", async () => {
    const [a, b] = await Promise.all([
      sync(products(120), { spreadsheetId: "district-1" }),
      sync(products(120), { spreadsheetId: "district-2" }),
    ]);
    const all = [...a.rows, ...b.rows].map((r) => r.id);
    expect(new Set(all).size).toBe(240);
    expect(await count("products")).toBe(240);
  });
});
