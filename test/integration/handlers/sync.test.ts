// The `sync` function through the Functions Framework's real server and real HTTP: bad bodies,
// replayed requestIds, per-row results, the mass-deletion guard, against the real emulator.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { type FunctionServer, startFunctionServer, TEST_CALLER } from "../support/function-server.ts";
import {
  AGENDA_HEADER,
  ATTENDEE_HEADER,
  attendeeCells,
  auditEntries,
  MEETING_HEADER,
  meetingCells,
  PRODUCT_HEADER,
  productCells,
} from "../support/sync-fixtures.ts";

const CALLER = TEST_CALLER;
const db = createFirestore({
  firestoreEmulatorHost: inject("firestoreHost"),
  projectId: inject("firestoreProjectId"),
});
let fn: FunctionServer;
let url: string;
let goodToken: string;

beforeAll(async () => {
  fn = await startFunctionServer("sync", { db: () => db, now: () => new Date("2020-01-20T03:00:00Z") });
  ({ url, token: goodToken } = fn);
});
afterAll(async () => {
  await fn.close();
  await db.terminate();
});

const productBody = (requestId: string, n = 3) => ({
  spreadsheetId: "sheet-http",
  tab: "ผลิตภัณฑ์",
  header: PRODUCT_HEADER,
  rows: Array.from({ length: n }, (_, i) => ({ row: i + 2, values: productCells(i) })),
  requestId,
});

const post = (body: unknown, token: string | null = goodToken, contentType?: string) =>
  fn.post(body, token, contentType);

describe("sync: the caller", () => {
  // Every refusal of a bad token, for every function, is in reliability/security.test.ts.
  it("a good token is accepted and the caller is recorded as the author", async () => {
    const { status, json } = await post(productBody("auth-good-0001", 1));
    expect(status).toBe(200);
    expect(json.rows[0]).toMatchObject({ row: 2, id: "KBO-2562-001", action: "created" });
    const [change] = await auditEntries(db);
    expect(change).toMatchObject({ by: CALLER, requestId: "auth-good-0001", action: "created" });
  });
});

describe("sync: bad bodies", () => {
  it("answers 400 BAD_JSON to malformed JSON sent as text", async () => {
    const { status, json } = await post('{"spreadsheetId": ', goodToken, "text/plain");
    expect(status).toBe(400);
    expect(json.error.code).toBe("BAD_JSON");
  });
  it("malformed application/json is refused with 400 by the framework's parser before the function runs", async () => {
    const before = (await db.collection("requests").count().get()).data().count;
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${goodToken}` },
      body: '{"spreadsheetId": ',
    });
    expect(res.status).toBe(400);
    expect((await db.collection("requests").count().get()).data().count).toBe(before);
  });
  it("answers 400 BAD_REQUEST with per-field issues", async () => {
    const { status, json } = await post({ spreadsheetId: "", tab: "ผลิตภัณฑ์", header: [], rows: [{ row: 0 }] });
    expect(status).toBe(400);
    expect(json.error.code).toBe("BAD_REQUEST");
    const paths = json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(["spreadsheetId", "header", "rows.0.row", "rows.0.values", "requestId"]),
    );
  });
  it("answers 400 naming the field when two rows share a row number, and writes nothing", async () => {
    const body = productBody("dup-rows-0001", 3);
    body.rows[2]!.row = 2;
    const { status, json } = await post({ ...body, spreadsheetId: "sheet-dup-rows" });
    expect(status).toBe(400);
    expect(json.error.code).toBe("BAD_REQUEST");
    expect(json.error.details).toEqual([
      { path: "rows.2.row", message: "row 2 is sent twice (rows.0 and rows.2): each sheet row once" },
    ]);
    const stored = await db
      .collection("products")
      .where("source.spreadsheetId", "==", "sheet-dup-rows")
      .get();
    expect(stored.size).toBe(0);
  });
  it("answers 413 to a body over the limit", async () => {
    const big = productBody("too-big-0001", 1);
    big.rows[0]!.values[9] = "ก".repeat(4 * 1024 * 1024);
    const { status, json } = await post(big);
    expect(status).toBe(413);
    expect(json.error.code).toBe("PAYLOAD_TOO_LARGE");
  });
  it("answers 405 to GET and 422 to an unknown tab", async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${goodToken}` } });
    expect(res.status).toBe(405);
    expect(((await res.json()) as any).error.code).toBe("METHOD_NOT_ALLOWED");
    const { status, json } = await post({ ...productBody("bad-tab-0001"), tab: "สรุปตามประเภท" });
    expect(status).toBe(422);
    expect(json.error.code).toBe("UNSUPPORTED_TAB");
  });
});

describe("sync: idempotency", () => {
  it("a replayed requestId changes nothing and is answered from what is stored; a new one finds nothing to do", async () => {
    const body = productBody("replay-0001", 4);
    const first = await post(body);
    expect(first.status).toBe(200);
    expect(first.json.replayed).toBeUndefined();
    const changesAfterFirst = (await db.collection("changes").count().get()).data().count;
    for (const again of [await post(body), await post(body)]) {
      expect(again.json).toMatchObject({ replayed: true, counts: first.json.counts });
      expect(again.json.rows.map((r: { id: string }) => r.id)).toEqual(
        first.json.rows.map((r: { id: string }) => r.id),
      );
    }
    expect((await db.collection("changes").count().get()).data().count).toBe(changesAfterFirst);
    // The guard holds a hash and the counts, never the answer.
    const guard = (await db.doc("requests/replay-0001").get()).data()!;
    expect(Object.keys(guard).sort()).toEqual(
      ["at", "bodyHash", "caller", "counts", "expireAt", "spreadsheetId", "tab"].sort(),
    );
    const fresh = await post({ ...body, requestId: "replay-0002" });
    expect(fresh.json.counts).toMatchObject({ created: 0, unchanged: 4 });
    expect(fresh.json.rows.map((r: { id: string }) => r.id)).toEqual(
      first.json.rows.map((r: { id: string }) => r.id),
    );
    expect((await db.collection("changes").count().get()).data().count).toBe(changesAfterFirst);
  });
  it("a late replay of an older request never undoes a newer sync", async () => {
    const older = productBody("late-0001", 3);
    const first = await post({ ...older, spreadsheetId: "sheet-late" });
    const ids = first.json.rows.map((r: { id: string }) => r.id);
    const newer = productBody("late-0002", 3);
    newer.rows[0]!.values = productCells(0, { id: ids[0], revenue: "777" });
    newer.rows[1]!.values[0] = ids[1];
    newer.rows[2]!.values[0] = ids[2];
    expect((await post({ ...newer, spreadsheetId: "sheet-late" })).json.counts.updated).toBe(1);
    const replay = await post({ ...older, spreadsheetId: "sheet-late" });
    expect(replay.json.replayed).toBe(true);
    expect((await db.doc(`products/${ids[0]}`).get()).get("revenueSatang")).toBe(77700);
  });
  it("refuses a reused requestId with a different body (409)", async () => {
    await post(productBody("reuse-0001", 1));
    const { status, json } = await post(productBody("reuse-0001", 2));
    expect(status).toBe(409);
    expect(json.error.code).toBe("REQUEST_ID_CONFLICT");
  });
  it("returns the check text and issues for an invalid row, which is not mirrored", async () => {
    const body = productBody("invalid-0001", 1);
    body.rows.push({ row: 3, values: productCells(99, { district: "ไม่มีอำเภอนี้", product: "สบู่สมุนไพร" }) });
    const { json } = await post({ ...body, spreadsheetId: "sheet-invalid" });
    const bad = json.rows.find((r: { row: number }) => r.row === 3);
    expect(bad.action).toBe("invalid");
    expect(bad.check).toMatch(/^ไม่ถูกต้อง ยังไม่บันทึก \/ invalid, not saved\nผิดพลาด \(F\)/);
    expect(json.rows.find((r: { row: number }) => r.row === 2).check).toBe("ถูกต้อง บันทึกแล้ว / valid, saved");
  });
});

describe("sync: the mass-deletion guard", () => {
  it("refuses (409, nothing changed) a body that would tombstone most of the tab, unless confirmDeletes", async () => {
    const sid = "sheet-mass";
    const all = productBody("mass-0001", 12);
    expect((await post({ ...all, spreadsheetId: sid })).json.counts.created).toBe(12);
    const few = { ...productBody("mass-0002", 2), spreadsheetId: sid };
    const refused = await post(few);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({
      code: "DELETES_NEED_CONFIRMATION",
      details: { tab: "products", live: 12, deleting: 10 },
    });
    expect(refused.json.error.message).toMatch(/จะลบ 10 จาก 12 .* tombstone 10 of the 12/);
    const live = async () =>
      (
        await db
          .collection("products")
          .where("source.spreadsheetId", "==", sid)
          .where("deleted", "==", false)
          .get()
      ).size;
    expect(await live()).toBe(12);
    const confirmed = await post({ ...few, requestId: "mass-0003", confirmDeletes: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.counts.deleted).toBe(10);
    expect(confirmed.json.deleted).toHaveLength(10);
    expect(await live()).toBe(2);
  });
});

describe("sync: meetings and their attendees tab", () => {
  it("mirrors a meeting, then updates its embedded attendees from the attendees tab", async () => {
    const sid = "sheet-meetings";
    const m = await post({
      spreadsheetId: sid,
      tab: "การประชุม",
      header: MEETING_HEADER,
      rows: [{ row: 2, values: meetingCells() }],
      requestId: "mtg-0001",
    });
    expect(m.json.rows[0]).toMatchObject({ id: "MTG-2563-001", action: "created" });
    const att = await post({
      spreadsheetId: sid,
      tab: "ผู้เข้าประชุม",
      header: ATTENDEE_HEADER,
      rows: [
        { row: 2, values: attendeeCells("นางสมศรี มีสุข") },
        { row: 3, values: attendeeCells("นายไม่มี ประชุม", "9/2563") },
      ],
      requestId: "att-0001",
    });
    expect(att.status).toBe(200);
    expect(att.json.rows.map((r: { action: string }) => r.action)).toEqual(["updated", "invalid"]);
    const doc = (await db.doc("meetings/MTG-2563-001").get()).data()!;
    expect(doc.attendees.map((a: { name: string }) => a.name)).toEqual(["นางสมศรี มีสุข"]);
    expect(doc.title).toBe(meetingCells()[2]);
  });
});

describe("sync: tab names as the domain reads them (recordTabsOf, as for an .xlsx)", () => {
  const stored = async (spreadsheetId: string) =>
    (await db.collection("products").where("source.spreadsheetId", "==", spreadsheetId).get()).size;
  const named = (spreadsheetId: string, tab: string, sheets?: string[]) => ({
    ...productBody(`names-${spreadsheetId}`, 2),
    spreadsheetId,
    tab,
    ...(sheets ? { sheets } : {}),
  });

  it("reads 'ผลิตภัณฑ์ 2563', the only products sheet, with a warning naming it", async () => {
    const { status, json } = await post(named("sheet-name-year", "ผลิตภัณฑ์ 2563", ["ผลิตภัณฑ์ 2563", "บันทึก"]));
    expect(status).toBe(200);
    expect(json.tab).toBe("products");
    expect(json.rows.map((r: { action: string }) => r.action)).toEqual(["created", "created"]);
    expect(json.issues).toEqual([
      expect.objectContaining({
        code: "TAB_NAME_NOT_EXACT",
        severity: "warning",
        message_en: expect.stringContaining('"ผลิตภัณฑ์ 2563"'),
      }),
    ]);
    expect(await stored("sheet-name-year")).toBe(2);
  });

  it("refuses such a name without the sheet names (a copy could not be told from the tab)", async () => {
    const { status, json } = await post(named("sheet-name-alone", "ผลิตภัณฑ์ 2563"));
    expect(status).toBe(422);
    expect(json.error).toMatchObject({ code: "UNSUPPORTED_TAB", message: expect.stringContaining("sheets") });
    expect(await stored("sheet-name-alone")).toBe(0);
  });

  it("two products sheets: every row names both, nothing is stored or tombstoned", async () => {
    const first = await post(named("sheet-name-two", "ผลิตภัณฑ์"));
    expect(first.status).toBe(200);
    const { status, json } = await post({
      ...named("sheet-name-two", "ผลิตภัณฑ์", ["ผลิตภัณฑ์", "ผลิตภัณฑ์ 2562"]),
      rows: [],
      requestId: "names-two-again",
    });
    expect(status).toBe(200);
    expect(json.issues).toEqual([
      expect.objectContaining({
        code: "TAB_DUPLICATE",
        message_en: expect.stringMatching(/"ผลิตภัณฑ์" and "ผลิตภัณฑ์ 2562"/),
      }),
    ]);
    expect(json.deleted).toEqual([]);
    const live = await db.collection("products").where("source.spreadsheetId", "==", "sheet-name-two").get();
    expect(live.docs.map((d) => d.get("deleted"))).toEqual([false, false]);
  });

  it("the sheet names must hold the tab", async () => {
    const { status, json } = await post(named("sheet-name-bad", "ผลิตภัณฑ์", ["Products"]));
    expect(status).toBe(400);
    expect(json.error.details).toEqual([expect.objectContaining({ path: "sheets" })]);
  });
});

describe("sync: content too large for one document (Firestore's 1 MiB)", () => {
  const SHEET = "sheet-too-large";
  const meetingsBody = {
    spreadsheetId: SHEET,
    tab: "การประชุม",
    header: MEETING_HEADER,
    rows: [
      { row: 2, values: meetingCells("1/2563") },
      { row: 3, values: meetingCells("2/2563") },
    ],
    requestId: "too-large-meetings",
  };
  /** 20 agenda items of meeting 1/2563 with `details` and `resolution` characters of Thai, and one of 2/2563. */
  const agendaBody = (requestId: string, details: number, resolution: number) => ({
    spreadsheetId: SHEET,
    tab: "วาระการประชุม",
    header: AGENDA_HEADER,
    rows: [
      ...Array.from({ length: 20 }, (_, i) => ({
        row: i + 2,
        values: [
          "1/2563",
          String(i + 1),
          `เรื่องที่ ${i + 1}`,
          "ก".repeat(details),
          "ข".repeat(resolution),
          null,
        ],
      })),
      { row: 22, values: ["2/2563", "1", "เรื่องแจ้งเพื่อทราบ", "รายละเอียด", "ที่ประชุมรับทราบ", null] },
    ],
    requestId,
  });
  const bytesOf = (data: unknown) => Buffer.byteLength(JSON.stringify(data));
  const meeting = async (number: string) =>
    (await db.collection("meetings").where("source.spreadsheetId", "==", SHEET).get()).docs
      .map((d) => d.data())
      .find((m) => m.number === number)!;

  it("20 long agenda items (1.4 MB) are refused on their rows in Thai and English; the other meeting's item is stored", async () => {
    expect((await post(meetingsBody)).status).toBe(200);
    // At the per-field limits (details 20,000, resolution 5,000 characters): about 70 KiB an item.
    const { status, json } = await post(agendaBody("too-large-agenda", 19_500, 4_900));
    expect(status).toBe(200);
    const rows = json.rows as {
      row: number;
      action: string;
      check: string;
      issues: { code: string; message_th: string; message_en: string }[];
    }[];
    for (const r of rows.slice(0, 20)) {
      expect(r.action).toBe("invalid");
      expect(r.issues).toEqual([
        expect.objectContaining({
          code: "HELD_BACK",
          message_th: expect.stringMatching(
            /การประชุม 1\/2563 .*ยาวเกินกว่าจะบันทึกได้ \(\d+ KiB จากที่รับได้ 900 KiB\)/,
          ),
          message_en: expect.stringMatching(
            /meeting 1\/2563 .*too large to store \(\d+ KiB of at most 900 KiB\)/,
          ),
        }),
      ]);
      expect(r.check).toMatch(/^ไม่ถูกต้อง ยังไม่บันทึก \/ invalid, not saved/);
    }
    expect(rows[20]).toMatchObject({ row: 22, action: "updated" });
    expect((await meeting("1/2563")).agenda).toEqual([]);
    expect((await meeting("2/2563")).agenda).toEqual([
      expect.objectContaining({ subject: "เรื่องแจ้งเพื่อทราบ", row: 22 }),
    ]);
  });

  it("20 agenda items that fit (about 600 KiB) are stored, and no document (record or audit) passes 1 MiB", async () => {
    const { status, json } = await post(agendaBody("fitting-agenda", 6_000, 4_000));
    expect(status).toBe(200);
    expect(json.rows.slice(0, 20).map((r: { action: string }) => r.action)).toEqual(
      Array(20).fill("updated"),
    );
    const stored = await meeting("1/2563");
    expect(stored.agenda).toHaveLength(20);
    expect(bytesOf(stored)).toBeGreaterThan(500 * 1024);
    const docs = [
      ...(await db.collection("meetings").where("source.spreadsheetId", "==", SHEET).get()).docs,
      ...(await db.collection("changes").where("source.spreadsheetId", "==", SHEET).get()).docs,
    ];
    for (const d of docs) expect(bytesOf(d.data()), d.ref.path).toBeLessThan(1024 * 1024);
    // The audit entry of the grown meeting names the fields that changed (its values would pass 32k characters).
    const entries = (await auditEntries(db, SHEET)).filter(
      (e) => e.action === "updated" && e.recordId === stored.id,
    );
    expect(entries.length).toBeGreaterThan(0);
  });
});
