// The flush glue with fakes: an edit queued by the trigger is sent whole with the ID token and a
// requestId, answered rows are written back where they are now, failures keep the tab queued, and
// a second flush never runs alongside the first.
import { describe, expect, it } from "vitest";
import { flush } from "../../apps-script/src/flush.ts";
import { readQueue } from "../../apps-script/src/queue-store.ts";
import { PROPERTY_KEYS } from "../../apps-script/src/settings.ts";
import { onChangeRecord, onEditRecord } from "../../apps-script/src/triggers.ts";
import { MARK_COLORS, NOTE_PREFIX } from "../../apps-script/src/write-back-plan.ts";
import { createFakeWorld, type FakeFetch } from "./fakes/fake-services.ts";
import { FakeSpreadsheet } from "./fakes/fake-spreadsheet.ts";

const HEADER = ["รหัส", "ปี พ.ศ.", "ชื่อผลิตภัณฑ์", "อำเภอ", "ผลการตรวจสอบ"];

/** A stand-in for the sync function: ids for new rows, an error for an unknown district. */
const fakeSync: FakeFetch = (req) => {
  const body = JSON.parse(req.payload!);
  let next = 1;
  const rows = body.rows.map((r: { row: number; values: (string | null)[] }) => {
    if (r.values[3] === "ไม่มี") {
      return {
        row: r.row,
        action: "invalid",
        check: "ไม่ถูกต้อง ยังไม่บันทึก / invalid, not saved\nผิดพลาด (D): ไม่รู้จักอำเภอ / error: unknown district",
        issues: [
          {
            field: "district",
            column: "D",
            severity: "error",
            message_th: "ไม่รู้จักอำเภอ",
            message_en: "unknown",
          },
        ],
      };
    }
    const id = r.values[0] ?? `KBO-2563-00${next++}`;
    return { row: r.row, id, action: r.values[0] ? "unchanged" : "created", check: "ถูกต้อง", issues: [] };
  });
  return { status: 200, body: JSON.stringify({ counts: { created: next - 1 }, rows, deleted: [] }) };
};

function world(fetch: FakeFetch = fakeSync) {
  const ss = new FakeSpreadsheet();
  const sheet = ss.addSheet("ผลิตภัณฑ์", [
    HEADER,
    ["", 2563, "ผ้าทอ", "สันทราย", ""],
    ["", 2563, "ร่ม", "ไม่มี", ""],
  ]);
  const w = createFakeWorld({ spreadsheet: ss, fetch });
  w.properties.setProperty(PROPERTY_KEYS.functionBaseUrl, "https://fn.example");
  return { ...w, sheet };
}

describe("flush", () => {
  it("sends the edited tab whole, writes ids, ✓ and marks back, and empties the queue", () => {
    const w = world();
    onEditRecord(w.services, { range: w.sheet.getRange(3, 4) });
    const summary = flush(w.services);
    expect(summary.failed).toEqual([]);
    expect(w.requests).toHaveLength(1);
    const req = w.requests[0]!;
    expect(req.url).toBe("https://fn.example/sync");
    expect(req.headers).toEqual({ Authorization: "Bearer fake-id-token" });
    expect(req.muteHttpExceptions).toBe(true);
    const body = JSON.parse(req.payload!);
    expect(body).toMatchObject({ spreadsheetId: "fake-spreadsheet-1", tab: "ผลิตภัณฑ์", header: HEADER });
    expect(body.rows.map((r: { row: number }) => r.row)).toEqual([2, 3]);
    expect(body.requestId).toMatch(/^kbo:products:[0-9a-f-]{36}$/);

    expect(w.sheet.cell(2, 1).value).toBe("KBO-2563-001");
    expect(w.sheet.cell(2, 5).value).toBe("✓ บันทึกแล้ว 20/01/2563 10:00 น. / saved");
    expect(w.sheet.cell(3, 5).value).toMatch(/^✗ ไม่ถูกต้อง/);
    expect(w.sheet.cell(3, 4)).toMatchObject({ background: MARK_COLORS.error });
    expect(w.sheet.cell(3, 4).note.startsWith(NOTE_PREFIX)).toBe(true);
    expect(readQueue(w.properties).tabs).toEqual({});
    expect(w.properties.getProperty(PROPERTY_KEYS.flushLease)).toBeNull();
  });

  it("clears the mark once the cell is fixed", () => {
    const w = world();
    onEditRecord(w.services, { range: w.sheet.getRange(3, 4) });
    flush(w.services);
    w.sheet.cell(3, 4).value = "ฮอด";
    onEditRecord(w.services, { range: w.sheet.getRange(3, 4) });
    flush(w.services);
    expect(w.sheet.cell(3, 4)).toMatchObject({ note: "", background: null });
    expect(w.sheet.cell(3, 1).value).toBe("KBO-2563-001");
  });

  it.each([
    [
      "HTTP 503",
      () => ({ status: 503, body: '{"error":{"code":"FIRESTORE_UNAVAILABLE","message":"down"}}' }),
    ],
    ["HTTP 401", () => ({ status: 401, body: '{"error":{"code":"INVALID_TOKEN","message":"bad"}}' })],
    ["not JSON", () => ({ status: 200, body: "<html>proxy</html>" })],
    [
      "a network failure",
      () => {
        throw new Error("DNS error");
      },
    ],
  ] as [string, FakeFetch][])("keeps the tab queued after %s, writing nothing", (_, fetch) => {
    const w = world(fetch);
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3) });
    const summary = flush(w.services);
    expect(summary.failed).toHaveLength(1);
    expect(readQueue(w.properties).tabs.products).toMatchObject({ attempts: 1, ranges: [[2, 2]] });
    expect(w.sheet.writes).toBe(0);
    // Not retried before its delay; retried at once from the menu.
    expect(flush(w.services).failed).toHaveLength(0);
    expect(flush(w.services, { ignoreRetryDelay: true }).failed).toHaveLength(1);
  });

  it("does not acknowledge an edit made while the POST was out", () => {
    const w = world();
    let w2: typeof w | undefined;
    const during: FakeFetch = (req) => {
      w2!.sheet.cell(2, 3).value = "ผ้าทอมือ";
      onEditRecord(w2!.services, { range: w2!.sheet.getRange(2, 3) });
      return fakeSync(req);
    };
    w2 = world(during);
    onEditRecord(w2.services, { range: w2.sheet.getRange(2, 3) });
    flush(w2.services);
    expect(readQueue(w2.properties).tabs.products).toBeDefined();
    // The edited row is not written back with the stale answer.
    expect(w2.sheet.cell(2, 1).value).toBe("");
  });

  it("runs once at a time: a second flush during the first does nothing", () => {
    const w = world();
    w.properties.setProperty(PROPERTY_KEYS.flushLease, String(w.clock.now.getTime() + 60_000));
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3) });
    expect(flush(w.services)).toMatchObject({ busy: true });
    expect(w.requests).toHaveLength(0);
  });

  it("after rows are sorted the write-back follows the content, not the row numbers", () => {
    const w = world((req) => {
      w.sheet.sortRows(1, 3, true); // staff sort by product name, descending, while the POST is out
      return fakeSync(req);
    });
    onChangeRecord(w.services, { changeType: "OTHER", source: w.spreadsheet });
    flush(w.services);
    expect(w.sheet.cell(2, 3).value).toBe("ร่ม");
    expect(w.sheet.cell(2, 5).value).toMatch(/^✗/);
    expect(w.sheet.cell(3, 1).value).toBe("KBO-2563-001");
    expect(w.sheet.cell(3, 5).value).toMatch(/^✓/);
  });

  it("reports a missing function URL and keeps the edits", () => {
    const w = world();
    w.properties.deleteProperty(PROPERTY_KEYS.functionBaseUrl);
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3) });
    expect(flush(w.services).failed[0]?.code).toBe("NOT_CONFIGURED");
    expect(readQueue(w.properties).tabs.products).toBeDefined();
  });
});

describe("triggers", () => {
  it("an edit to the header row, or a structural change, queues the whole tab; other tabs are ignored", () => {
    const w = world();
    onEditRecord(w.services, { range: w.sheet.getRange(1, 2) });
    expect(readQueue(w.properties).tabs.products).toMatchObject({ all: true });
    const other = w.spreadsheet.addSheet("บันทึกส่วนตัว", [["x"]]);
    expect(onEditRecord(w.services, { range: other.getRange(1, 1) })).toBeUndefined();
    w.spreadsheet.active = { sheet: other, row: 1 };
    expect(onChangeRecord(w.services, { changeType: "REMOVE_ROW", source: w.spreadsheet })).toBeUndefined();
    expect(onChangeRecord(w.services, { changeType: "FORMAT", source: w.spreadsheet })).toBeUndefined();
  });

  it("a pasted block queues its rows; a busy lock leaves a marker the flush folds in", () => {
    const w = world();
    onEditRecord(w.services, { range: w.sheet.getRange(2, 1, 2, 5) });
    expect(readQueue(w.properties).tabs.products?.ranges).toEqual([[2, 3]]);
    w.properties.deleteProperty(PROPERTY_KEYS.queue);
    w.lock.busy = true;
    onEditRecord(w.services, { range: w.sheet.getRange(3, 3) });
    expect(w.properties.getProperty("KBO_DIRTY_products")).toBe("1");
    w.lock.busy = false;
    flush(w.services);
    expect(w.requests).toHaveLength(1);
    expect(w.properties.getProperty("KBO_DIRTY_products")).toBeNull();
  });
});
