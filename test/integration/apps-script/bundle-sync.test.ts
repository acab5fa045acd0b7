// End to end: the built bundle in node:vm with fake sheet services, its UrlFetchApp making real
// synchronous HTTP calls to a Functions Framework `sync` server on the Firestore emulator: edit →
// Firestore → write-back; a failed POST keeps rows queued; a deleted row becomes a tombstone.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildAppsScript } from "../../../apps-script/build.ts";
import { parseQueue } from "../../../apps-script/src/edit-queue.ts";
import { PROPERTY_KEYS } from "../../../apps-script/src/settings.ts";
import { MARK_COLORS, NOTE_PREFIX } from "../../../apps-script/src/write-back-plan.ts";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { collections } from "../../../functions/src/adapters/firestore/collections.ts";
import { createFakeWorld, type FakeFetch, type FakeWorld } from "../../apps-script/fakes/fake-services.ts";
import { FakeSpreadsheet } from "../../apps-script/fakes/fake-spreadsheet.ts";
import {
  ATTENDEE_HEADER,
  attendeeCells,
  MEETING_HEADER,
  meetingCells,
  PRODUCT_HEADER,
  productCells,
} from "../support/sync-fixtures.ts";

const CALLER = "staff@example.org";
const AUDIENCE = "1234-apps-script.apps.googleusercontent.com";
const root = fileURLToPath(new URL("../../../", import.meta.url));
const fetchHelper = fileURLToPath(new URL("./support/sync-fetch.mjs", import.meta.url));

const db = createFirestore({
  firestoreEmulatorHost: inject("firestoreHost"),
  projectId: inject("firestoreProjectId"),
});
let server: ChildProcess;
let baseUrl: string;
let token: string;
let code: string;
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "kbo-bundle-"));
  code = await readFile((await buildAppsScript(outDir)).code, "utf8");
  server = spawn(
    process.execPath,
    [
      "bin/run-ts.js",
      "test/integration/apps-script/support/functions-server.ts",
      inject("firestoreHost"),
      inject("firestoreProjectId"),
      CALLER,
      AUDIENCE,
    ],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).once("line", resolve);
    server.once("exit", (c) => reject(new Error(`functions server exited (${c})`)));
  });
  const started = JSON.parse(first) as { port: number; token: string };
  baseUrl = `http://127.0.0.1:${started.port}`;
  token = started.token;
});
afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await db.terminate();
  await rm(outDir, { recursive: true, force: true });
});

/** UrlFetchApp, synchronous as in Apps Script: each call is a real HTTP request made by a child. */
const realFetch: FakeFetch = (request) => {
  const out = JSON.parse(
    execFileSync(process.execPath, [fetchHelper], {
      input: JSON.stringify(request),
      timeout: 60_000,
    }).toString(),
  );
  if (out.error) throw new Error(`Address unavailable: ${request.url} (${out.error})`);
  return out;
};

/** The columns setup formats as plain text (as in a set-up spreadsheet). */
const PLAIN_TEXT = ["รหัส", "ครั้งที่", "วาระที่", "เบอร์โทร"];

function runBundle(rows: unknown[][], fetch: FakeFetch = realFetch) {
  const ss = new FakeSpreadsheet(`sheet-e2e-${Math.random().toString(36).slice(2, 10)}`);
  const sheet = ss.addSheet("ผลิตภัณฑ์", [PRODUCT_HEADER, ...rows] as never, { plainText: PLAIN_TEXT });
  const world: FakeWorld = createFakeWorld({ spreadsheet: ss, fetch });
  world.properties.setProperty(PROPERTY_KEYS.functionBaseUrl, baseUrl);
  let identityToken = token;
  world.identityToken = () => identityToken;
  const context = vm.createContext(world.globals());
  vm.runInContext(code, context, { filename: "Code.js" });
  return {
    ss,
    sheet,
    world,
    run: (name: string, event: unknown = {}) => context[name](event),
    setToken: (t: string) => {
      identityToken = t;
    },
    queue: () => parseQueue(world.properties.getProperty(PROPERTY_KEYS.queue)),
  };
}

const productsOf = async (spreadsheetId: string) =>
  (await db.collection("products").where("source.spreadsheetId", "==", spreadsheetId).get()).docs.map((d) =>
    d.data(),
  );

describe("the bundle against the real sync function and Firestore", () => {
  it("an edit is flushed into Firestore and the answer written back to the sheet", async () => {
    const b = runBundle([productCells(0), productCells(1, { district: "ไม่มีอำเภอนี้" })]);
    b.run("handleEdit", { range: b.sheet.getRange(2, 1, 2, PRODUCT_HEADER.length) });
    expect(b.queue().tabs.products).toBeDefined();
    b.run("flushQueue");

    const docs = await productsOf(b.ss.getId());
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ product: "ผ้าทอลายที่ 1", source: { spreadsheetId: b.ss.getId(), row: 2 } });
    const idCol = PRODUCT_HEADER.indexOf("รหัส") + 1;
    const checkCol = PRODUCT_HEADER.indexOf("ผลการตรวจสอบ") + 1;
    const districtCol = PRODUCT_HEADER.indexOf("อำเภอ") + 1;
    expect(b.sheet.cell(2, idCol).value).toBe(docs[0]!.id);
    expect(b.sheet.cell(2, checkCol).value).toMatch(/^✓ บันทึกแล้ว \d\d\/\d\d\/25\d\d \d\d:\d\d น\. \/ saved$/);
    expect(b.sheet.cell(3, idCol).value).toBe("");
    expect(b.sheet.cell(3, checkCol).value).toMatch(/^✗ ไม่ถูกต้อง ยังไม่บันทึก/);
    expect(b.sheet.cell(3, districtCol).background).toBe(MARK_COLORS.error);
    expect(b.sheet.cell(3, districtCol).note).toMatch(new RegExp(`^${NOTE_PREFIX}\\nผิดพลาด: .*อำเภอ`));
    expect(b.queue().tabs).toEqual({});

    // Fixing the cell saves the row and clears its mark.
    b.sheet.cell(3, districtCol).value = "ฮอด";
    b.run("handleEdit", { range: b.sheet.getRange(3, districtCol) });
    b.run("flushQueue");
    expect(await productsOf(b.ss.getId())).toHaveLength(2);
    expect(b.sheet.cell(3, districtCol)).toMatchObject({ note: "", background: null });
    expect(b.sheet.cell(3, idCol).value).toMatch(/^KBO-256\d-\d{3}$/);
  });

  it("a failed POST leaves the rows queued and Firestore untouched; the next flush sends them", async () => {
    const b = runBundle([productCells(2)]);
    b.setToken("not-a-valid-token");
    b.run("handleEdit", { range: b.sheet.getRange(2, 3) });
    b.run("flushQueue");
    expect(b.queue().tabs.products).toMatchObject({ attempts: 1, ranges: [[2, 2]] });
    expect(b.queue().tabs.products?.lastError).toMatch(/^INVALID_TOKEN/);
    expect(await productsOf(b.ss.getId())).toHaveLength(0);

    // Unreachable server: the same.
    b.setToken(token);
    b.world.properties.setProperty(PROPERTY_KEYS.functionBaseUrl, "http://127.0.0.1:9");
    b.run("menuSyncNow");
    expect(b.queue().tabs.products).toMatchObject({ attempts: 2 });
    expect(await productsOf(b.ss.getId())).toHaveLength(0);

    b.world.properties.setProperty(PROPERTY_KEYS.functionBaseUrl, baseUrl);
    b.run("menuSyncNow");
    expect(b.queue().tabs).toEqual({});
    expect(await productsOf(b.ss.getId())).toHaveLength(1);
  });

  it("a POST whose answer was lost is re-sent under the same requestId and answered from what was stored", async () => {
    let lose = true;
    const b = runBundle([productCells(40)], (req) => {
      const answer = realFetch(req);
      if (lose) {
        lose = false;
        throw new Error("Timeout: the answer never arrived");
      }
      return answer;
    });
    b.run("handleEdit", { range: b.sheet.getRange(2, 3) });
    b.run("flushQueue");
    const idCol = PRODUCT_HEADER.indexOf("รหัส") + 1;
    expect(b.sheet.cell(2, idCol).value).toBe("");
    expect(await productsOf(b.ss.getId())).toHaveLength(1); // the server did mirror it
    b.run("menuSyncNow");
    const [first, retry] = b.world.requests.map((r) => JSON.parse(String(r.payload)));
    expect(retry.requestId).toBe(first.requestId);
    const docs = await productsOf(b.ss.getId());
    expect(docs).toHaveLength(1);
    expect(b.sheet.cell(2, idCol).value).toBe(docs[0]!.id);
    expect(b.queue().tabs).toEqual({});
  });

  it("a deleted row becomes a tombstone, and the rows below keep their ids", async () => {
    const b = runBundle([productCells(3), productCells(4), productCells(5)]);
    b.run("menuCheckAll");
    const idCol = PRODUCT_HEADER.indexOf("รหัส") + 1;
    const ids = [2, 3, 4].map((r) => b.sheet.cell(r, idCol).value);
    b.sheet.userDeletesRow(2);
    b.run("handleChange", { changeType: "REMOVE_ROW", source: b.ss });
    b.run("flushQueue");
    const docs = await productsOf(b.ss.getId());
    expect(docs.find((d) => d.id === ids[0])).toMatchObject({ deleted: true });
    expect(docs.filter((d) => !d.deleted).map((d) => d.id)).toEqual([ids[1], ids[2]]);
    expect([2, 3].map((r) => b.sheet.cell(r, idCol).value)).toEqual([ids[1], ids[2]]);
  });

  it("a mass deletion is refused by the real sync until staff confirm a dialog naming the count", async () => {
    const b = runBundle(Array.from({ length: 12 }, (_, i) => productCells(20 + i)));
    b.run("menuCheckAll");
    const live = async () => (await productsOf(b.ss.getId())).filter((d) => !d.deleted).length;
    expect(await live()).toBe(12);
    // Staff delete 11 of the 12 rows (more than half, at least 10).
    for (let i = 0; i < 11; i++) b.sheet.userDeletesRow(2);
    b.run("handleChange", { changeType: "REMOVE_ROW", source: b.ss });

    // The timed flush has no one to ask: refused, nothing changes, a toast says what to do.
    b.run("flushQueue");
    expect(await live()).toBe(12);
    expect(b.queue().tabs.products?.lastError).toMatch(/^DELETES_NEED_CONFIRMATION/);
    expect(b.ss.toasts.at(-1)?.message).toMatch(/จะลบข้อมูล 11 รายการ.*ซิงค์ตอนนี้ เพื่อยืนยัน/);
    const checkCol = PRODUCT_HEADER.indexOf("ผลการตรวจสอบ") + 1;

    // From the menu: the dialog names the count; No changes nothing.
    b.world.ui.confirmAnswers.push("NO");
    b.run("menuSyncNow");
    const dialog = b.world.ui.alerts.find((a) => a.title === "ยืนยันการลบ / Confirm deleting");
    expect(dialog?.prompt).toMatch(/แท็บ ผลิตภัณฑ์ จะลบข้อมูล 11 รายการ/);
    expect(await live()).toBe(12);
    expect(b.queue().tabs.products).toBeDefined();

    // Yes: sent again with confirmDeletes, the 11 become tombstones, the row left is answered.
    b.world.ui.confirmAnswers.push("YES");
    b.run("menuSyncNow");
    const docs = await productsOf(b.ss.getId());
    expect(docs.filter((d) => d.deleted)).toHaveLength(11);
    expect(await live()).toBe(1);
    expect(b.queue().tabs).toEqual({});
    expect(b.sheet.cell(2, checkCol).value).toMatch(/^✓ บันทึกแล้ว/);
    expect(b.world.ui.alerts.at(-1)?.prompt).toMatch(/^✓ ผลิตภัณฑ์: .*ลบ 11/);
  });

  it("sheet dates and times reach the function as the dates staff see", async () => {
    const b = runBundle([]);
    const meetings = b.ss.addSheet("การประชุม", [MEETING_HEADER, meetingCells()] as never, {
      plainText: PLAIN_TEXT,
    });
    // Typed as staff type them: Sheets keeps a date and a time of day (30 Dec 1899), in Bangkok time.
    meetings.type(2, 4, "13/1/2020");
    meetings.type(2, 5, "9:30");
    expect(meetings.cell(2, 4).value).toBeInstanceOf(Date);
    expect(meetings.cell(2, 5).value).toBeInstanceOf(Date);
    b.run("handleEdit", { range: meetings.getRange(2, 4, 1, 2) });
    b.run("flushQueue");
    const doc = (await collections(db).meetings.where("source.spreadsheetId", "==", b.ss.getId()).get())
      .docs[0];
    expect(doc!.data()).toMatchObject({
      number: "1/2563",
      date: "2020-01-13",
      start: "09:30",
      end: "12:00",
    });
    expect(meetings.cell(2, 1).value).toBe(doc!.id);
  });

  it("a meeting number the sheet turned into a date is refused as such, per cell, and a lost 0 restored", async () => {
    const b = runBundle([productCells(7)]);
    const phoneCol = PRODUCT_HEADER.indexOf("เบอร์โทร") + 1;
    // Typed into a tab that was never set up: Sheets makes a date of "1/2563" and a number of 0812….
    const meetings = b.ss.addSheet("การประชุม", [MEETING_HEADER, meetingCells()] as never);
    expect(meetings.cell(2, 2).value).toBeInstanceOf(Date);
    b.sheet.cell(2, phoneCol, true).format = "";
    b.sheet.type(2, phoneCol, "0812345678");
    expect(b.sheet.cell(2, phoneCol).value).toBe(812345678);
    b.run("menuCheckAll");

    const checkCol = MEETING_HEADER.indexOf("ผลการตรวจสอบ") + 1;
    expect(meetings.cell(2, checkCol).value).toMatch(/^✗ ไม่ถูกต้อง/);
    expect(meetings.cell(2, 2).note).toMatch(/ครั้งที่ถูกแปลงเป็นวันที่โดยสเปรดชีต/);
    const product = (await productsOf(b.ss.getId()))[0]!;
    expect(product.phone).toBe("081-234-5678");
    expect(b.sheet.cell(2, phoneCol).note).toMatch(/เลข 0 นำหน้าหายไป/);
  });

  it("checking everything sends meetings before their attendees, which land inside the meeting", async () => {
    const b = runBundle([productCells(6)]);
    // Tabs added in an order unlike the server's: attendees first.
    const attendees = b.ss.addSheet(
      "ผู้เข้าประชุม",
      [ATTENDEE_HEADER, attendeeCells("นางสมศรี มีสุข"), attendeeCells("นายบุญมี ศรีสุข")] as never,
      { plainText: PLAIN_TEXT },
    );
    b.ss.addSheet("การประชุม", [MEETING_HEADER, meetingCells()] as never, { plainText: PLAIN_TEXT });
    b.run("menuCheckAll");
    const sent = b.world.requests.map((r) => JSON.parse(String(r.payload)).tab);
    expect(sent).toEqual(["ผลิตภัณฑ์", "การประชุม", "ผู้เข้าประชุม"]);
    const doc = (await db.collection("meetings").where("source.spreadsheetId", "==", b.ss.getId()).get())
      .docs[0]!;
    expect(doc.data().attendees.map((a: { name: string }) => a.name)).toEqual(["นางสมศรี มีสุข", "นายบุญมี ศรีสุข"]);
    const checkCol = ATTENDEE_HEADER.indexOf("ผลการตรวจสอบ") + 1;
    expect([2, 3].map((r) => String(attendees.cell(r, checkCol).value).slice(0, 1))).toEqual(["✓", "✓"]);
    expect(b.world.ui.alerts.at(-1)?.prompt).toMatch(/^✓ ผลิตภัณฑ์: ใหม่ 1/);
  });
});
