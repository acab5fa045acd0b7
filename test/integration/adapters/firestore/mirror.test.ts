// The mirror against the real emulator: ids, idempotency, updates with audit, tombstones and restore,
// embedded meeting details, exact money and dates, overlapping syncs; and the rules of the model:
// a record leaves only when its row is gone, a mass deletion needs confirming, twin syncs make one copy.
import type { Firestore } from "@google-cloud/firestore";
import { Timestamp } from "@google-cloud/firestore";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../../functions/src/adapters/firestore/client.ts";
import { type MirrorInput, mirror } from "../../../../functions/src/adapters/firestore/mirror.ts";
import type { RawCell, RawWorkbook } from "../../../../functions/src/domain/raw-workbook.ts";
import type { RecordTab } from "../../../../functions/src/domain/tabs.ts";
import { validateWorkbook } from "../../../../functions/src/domain/validate-workbook.ts";
import { clearFirestore } from "../../support/firestore-emulator.ts";
import {
  AGENDA_HEADER,
  ATTENDEE_HEADER,
  agendaCells,
  attendeeCells,
  auditEntries,
  MEETING_HEADER,
  meetingCells,
  PRODUCT_HEADER,
  productCells,
  products,
  rawWorkbook,
  withIds,
} from "../../support/sync-fixtures.ts";

const host = inject("firestoreHost");
const projectId = inject("firestoreProjectId");
const db: Firestore = createFirestore({ firestoreEmulatorHost: host, projectId });
afterAll(() => db.terminate());
beforeEach(() => clearFirestore(host, projectId));

const NOW = new Date("2020-01-20T03:00:00Z");
const SHEET = "sheet-A";

function syncWorkbook(wb: RawWorkbook, read: RecordTab[], extra: Partial<MirrorInput> = {}) {
  const validation = validateWorkbook(wb, { today: "2020-01-20" });
  return mirror(db, {
    spreadsheetId: SHEET,
    validation,
    read,
    actor: "staff@example.org",
    now: NOW,
    ...extra,
  });
}

function sync(rows: RawCell[][], opts: { meetings?: boolean } & Partial<MirrorInput> = {}) {
  const { meetings, ...extra } = opts;
  return syncWorkbook(
    rawWorkbook(rows, meetings),
    meetings ? ["products", "meetings", "attendees", "agenda"] : ["products"],
    extra,
  );
}

const sheet = (name: string, header: string[], rows: RawCell[][]) => ({
  name,
  rows: [header, ...rows].map((cells, i) => ({ row: i + 1, cells })),
});

const count = async (collection: string) => (await db.collection(collection).count().get()).data().count;
const live = async () =>
  (await db.collection("products").where("deleted", "==", false).count().get()).data().count;

describe("mirror", () => {
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
    expect(doc.createdAt).toBeInstanceOf(Timestamp);
    expect(Number.isInteger(doc.revenueSatang)).toBe(true);
    expect((await auditEntries(db)).map((e) => e.action)).toEqual(Array(5).fill("created"));
    expect(await count("changes")).toBe(1); // one change set per commit
  });

  it("is idempotent: the same rows three times, with or without ids written back, write nothing more", async () => {
    const rows = products(6);
    const first = await sync(rows);
    const again = await sync(rows); // ids never written back: found through their provisional keys
    const third = await sync(withIds(rows, first));
    for (const r of [again, third]) {
      expect(r.counts).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
      expect(r.writes).toBe(0);
    }
    expect(again.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(await count("products")).toBe(6);
    expect((await auditEntries(db)).length).toBe(6);
  });

  it("claims one provisional key per new row, in the commit that creates its record", async () => {
    const rows = products(1200);
    const first = await sync(rows);
    expect(first.counts.created).toBe(1200);
    expect(await count("rowKeys")).toBe(1200);
    const claim = (await db.collection("rowKeys").limit(1).get()).docs[0]!;
    expect(Object.keys(claim.data())).toEqual(["id"]);
    expect((await db.doc(`products/${claim.get("id")}`).get()).get("rowKey")).toBe(claim.id);
    // Records and claims, two a row, 249 rows a commit (with its change set), and the two year counters.
    expect(first.writes).toBe(2 * 1200 + Math.ceil(1200 / 249) + 2);
    // The write-back was lost (a crash): the same rows find their ids again, and nothing is written.
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

  it("never mirrors an invalid row that has no record, and returns its issues", async () => {
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

  it("a dry run plans every row and writes nothing", async () => {
    const rows = products(4);
    const first = await sync(rows);
    const before = await count("changes");
    const edited = withIds(rows, first);
    edited[0] = productCells(0, { id: first.rows[0]!.id!, revenue: "1" });
    const dry = await sync(edited.slice(0, 3), { dryRun: true });
    expect(dry.writes).toBe(0);
    expect(dry.rows.map((r) => [r.id, r.action])).toEqual([
      [first.rows[0]!.id, "updated"],
      [first.rows[1]!.id, "unchanged"],
      [first.rows[2]!.id, "unchanged"],
    ]);
    expect(await count("changes")).toBe(before);
    expect((await db.doc(`products/${first.rows[0]!.id}`).get()).get("revenueSatang")).toBe(50050);
    expect(await live()).toBe(4);
  });
});

describe("a record leaves Firestore only when its row is gone", () => {
  it("an invalid row keeps its stored version, says so on the row, and is never tombstoned", async () => {
    const rows = products(4);
    const first = await sync(rows);
    const typo = withIds(rows, first);
    typo[1] = productCells(1, { id: first.rows[1]!.id!, revenue: "สองพัน", district: "ไม่มีอำเภอนี้" });
    const result = await sync(typo);
    expect(result.counts).toMatchObject({ invalid: 1, unchanged: 3, deleted: 0 });
    const row = result.rows.find((r) => r.row === 3)!;
    expect(row).toMatchObject({ action: "invalid", id: first.rows[1]!.id });
    expect(row.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(["DISTRICT_UNKNOWN", "STORED_VERSION_KEPT"]),
    );
    const kept = (await db.doc(`products/${first.rows[1]!.id}`).get()).data()!;
    expect(kept).toMatchObject({ deleted: false, district: rows[1]![5], revenueSatang: 150050 });
    expect(await live()).toBe(4);
  });

  it("an invalid row whose id never reached the sheet still holds the record stored from its row", async () => {
    const rows = products(3);
    await sync(rows); // the answer was lost: the sheet has no ids
    const broken = [...rows];
    broken[2] = productCells(2, { year: "ปีไหน" });
    const result = await sync(broken);
    expect(result.rows[2]).toMatchObject({ action: "invalid", id: "KBO-2562-002" });
    expect(result.counts.deleted).toBe(0);
    expect(await live()).toBe(3);
  });

  it("a missing required column (a retitled header) stops the tab: nothing written, nothing tombstoned", async () => {
    const rows = products(5);
    await sync(rows);
    const header = PRODUCT_HEADER.map((h) => (h === "อำเภอ" ? "อำเภอที่ตั้ง" : h));
    const result = await syncWorkbook({ sheets: [sheet("ผลิตภัณฑ์", header, rows)] }, ["products"]);
    expect(result.counts).toMatchObject({ invalid: 5, deleted: 0, unchanged: 0 });
    expect(result.writes).toBe(0);
    for (const r of result.rows) expect(r.issues.map((i) => i.code)).toContain("MISSING_COLUMN");
    expect(await live()).toBe(5);
  });

  it("a tab with no recognisable header is left alone", async () => {
    await sync(products(5));
    const result = await syncWorkbook({ sheets: [sheet("ผลิตภัณฑ์", ["ก", "ข", "ค"], [["1", "2", "3"]])] }, [
      "products",
    ]);
    expect(result.writes).toBe(0);
    expect(result.counts.deleted).toBe(0);
    expect(await live()).toBe(5);
  });

  it("a renamed attendees tab, or one bad attendee row, never empties a meeting's attendance", async () => {
    await sync(products(1), { meetings: true });
    const stored = async () =>
      ((await db.doc("meetings/MTG-2563-001").get()).get("attendees") as { name: string }[]).map(
        (a) => a.name,
      );
    const meetingTabs = (attendees: RawCell[][], name = "ผู้เข้าประชุม") => ({
      sheets: [
        sheet("การประชุม", MEETING_HEADER, [meetingCells()]),
        sheet(name, ATTENDEE_HEADER, attendees),
        sheet("วาระการประชุม", AGENDA_HEADER, [
          agendaCells("1", "เรื่องที่ประธานแจ้ง"),
          agendaCells("2", "รับรองรายงานการประชุม"),
        ]),
      ],
    });
    // Renamed: no attendees tab was read, the stored list stays.
    const renamed = await syncWorkbook(meetingTabs([attendeeCells("นางใหม่ ใจดี")], "ผู้เข้าประชุม 2563 เก่า"), [
      "meetings",
      "agenda",
    ]);
    expect(renamed.counts).toMatchObject({ unchanged: 1, updated: 0 });
    expect(await stored()).toEqual(["นางสมศรี มีสุข", "นายบุญมี ศรีสุข"]);
    // One bad row: the valid rows are saved, the bad one keeps the entry stored from its row.
    const bad = [...attendeeCells("นายบุญมี ศรีสุข")];
    bad[4] = "มาสาย";
    const held = await syncWorkbook(
      meetingTabs([attendeeCells("นางสมศรี มีสุข", "1/2563"), bad, attendeeCells("นางใหม่ ใจดี")]),
      ["meetings", "attendees", "agenda"],
    );
    expect(await stored()).toEqual(["นางสมศรี มีสุข", "นายบุญมี ศรีสุข", "นางใหม่ ใจดี"]);
    const att = held.rows.filter((r) => r.tab === "attendees");
    expect(att.map((r) => r.action)).toEqual(["updated", "invalid", "updated"]);
    expect(att[1]!.issues.map((i) => i.code)).toEqual(["ATTENDANCE_UNKNOWN", "STORED_VERSION_KEPT"]);
    // The row gone: its entry goes with it.
    const fixed = await syncWorkbook(meetingTabs([attendeeCells("นางสมศรี มีสุข")]), [
      "meetings",
      "attendees",
      "agenda",
    ]);
    expect(fixed.counts.updated).toBe(1);
    expect(await stored()).toEqual(["นางสมศรี มีสุข"]);
  });
});

describe("the mass-deletion guard", () => {
  it("refuses to tombstone more than half of a tab's live records (at least 10) unless confirmed", async () => {
    const rows = products(20);
    const first = await sync(rows);
    const changesBefore = await count("changes");
    const kept = withIds(rows, first).slice(0, 8);
    await expect(sync(kept)).rejects.toMatchObject({
      code: "DELETES_NEED_CONFIRMATION",
      details: { tab: "products", live: 20, deleting: 12 },
      message: expect.stringMatching(/จะลบ 12 จาก 20.*tombstone 12 of the 20/s),
    });
    // Nothing changed: no tombstone, no audit, no counter.
    expect(await live()).toBe(20);
    expect(await count("changes")).toBe(changesBefore);
    const confirmed = await sync(kept, { confirmDeletes: true });
    expect(confirmed.counts.deleted).toBe(12);
    expect(await live()).toBe(8);
  });

  it("lets a smaller deletion through, and one of fewer than 10 records however large a share", async () => {
    const rows = products(30);
    const first = await sync(rows);
    expect((await sync(withIds(rows, first).slice(0, 16))).counts.deleted).toBe(14);
    await clearFirestore(host, projectId);
    const few = products(9);
    await sync(few);
    expect((await sync([])).counts.deleted).toBe(9);
  });
});

describe("identity under concurrency", () => {
  it("two overlapping first syncs of the same new rows make one record per row and one audit entry each", async () => {
    const rows = products(300);
    const [a, b] = await Promise.all([sync(rows), sync(rows)]);
    expect(a.rows.map((r) => r.id)).toEqual(b.rows.map((r) => r.id));
    expect(new Set(a.rows.map((r) => r.id)).size).toBe(300);
    expect(a.counts.created + b.counts.created).toBe(300);
    expect(await count("products")).toBe(300);
    expect(await count("rowKeys")).toBe(300);
    expect((await auditEntries(db)).length).toBe(300);
  });

  it("a twin that claims the rows between this sync's plan and its writes wins; this one answers its ids", async () => {
    const rows = products(40);
    let twin: Awaited<ReturnType<typeof sync>> | undefined;
    // A plans and allocates, then waits at the named step while B runs start to finish.
    const a = await sync(rows, {
      onStep: async (step) => {
        if (step === "ids-allocated" && !twin) twin = await sync(rows);
      },
    });
    expect(twin!.counts.created).toBe(40);
    expect(a.counts).toMatchObject({ created: 0, unchanged: 40 });
    expect(a.rows.map((r) => r.id)).toEqual(twin!.rows.map((r) => r.id));
    expect(await count("products")).toBe(40);
    expect(await count("rowKeys")).toBe(40);
    expect((await auditEntries(db)).length).toBe(40);
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

  it("an id on two rows is refused on both before anything is written; the stored record stays", async () => {
    const rows = products(3);
    const first = await sync(rows);
    const copied = withIds(rows, first);
    copied.push([...copied[0]!]); // staff copied row 2 onto row 5, id and all
    const before = await count("changes");
    const result = await sync(copied);
    const dup = result.rows.filter((r) => r.issues.some((i) => i.code === "ID_DUPLICATE"));
    expect(dup.map((r) => r.row)).toEqual([2, 5]);
    for (const r of dup) expect(r.action).toBe("invalid");
    expect(await count("changes")).toBe(before);
    expect(await count("products")).toBe(3);
    expect(await live()).toBe(3);
    // The advice, followed: clear the copy's id. The copy gets its own record, the original stays.
    copied[3] = [null, ...copied[3]!.slice(1)];
    const fixed = await sync(copied);
    expect(fixed.rows.map((r) => r.action)).toEqual(["unchanged", "unchanged", "unchanged", "created"]);
    expect(fixed.rows[0]!.id).toBe(first.rows[0]!.id);
    expect(fixed.rows[3]!.id).not.toBe(first.rows[0]!.id);
  });
});
