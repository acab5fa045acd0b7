// The flush and the triggers with the fakes: an edit queued by the trigger shows "รอส่ง", is sent
// whole with the ID token and a requestId, and answered rows are written back where they are now
// in a bounded number of Range calls; failures keep the tab queued and say so on its rows and in a
// toast; tabs are found as the server finds them; a mass deletion is sent only once staff confirm.
import { describe, expect, it } from "vitest";
import { DELETES_NEED_CONFIRMATION, flush } from "../../apps-script/src/flush.ts";
import { readQueue } from "../../apps-script/src/queue-store.ts";
import { PENDING_TEXT } from "../../apps-script/src/row-status.ts";
import { PROPERTY_KEYS } from "../../apps-script/src/settings.ts";
import { onChangeRecord, onEditRecord } from "../../apps-script/src/triggers.ts";
import { MARK_COLORS, NOTE_PREFIX } from "../../apps-script/src/write-back-plan.ts";
import { createFakeWorld, type FakeFetch } from "./fakes/fake-services.ts";
import { type FakeSheet, FakeSpreadsheet } from "./fakes/fake-spreadsheet.ts";

const HEADER = ["รหัส", "ปี พ.ศ.", "ชื่อผลิตภัณฑ์", "อำเภอ", "ผลการตรวจสอบ"];
const payloadOf = (req: GoogleAppsScript.URL_Fetch.URLFetchRequest) => JSON.parse(String(req.payload));

/** A stand-in for the sync function: ids for new rows, an error for an unknown district. */
const fakeSync: FakeFetch = (req) => {
  const body = payloadOf(req);
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
    const id = r.values[0] ?? `KBO-2563-${String(next++).padStart(3, "0")}`;
    return { row: r.row, id, action: r.values[0] ? "unchanged" : "created", check: "ถูกต้อง", issues: [] };
  });
  return { status: 200, body: JSON.stringify({ counts: { created: next - 1 }, rows, deleted: [] }) };
};

function world(fetch: FakeFetch = fakeSync, spreadsheet = new FakeSpreadsheet(), tabName = "ผลิตภัณฑ์") {
  const sheet = spreadsheet.addSheet(tabName, [
    HEADER,
    ["", 2563, "ผ้าทอ", "สันทราย", ""],
    ["", 2563, "ร่ม", "ไม่มี", ""],
  ]);
  const w = createFakeWorld({ spreadsheet, fetch });
  w.properties.setProperty(PROPERTY_KEYS.functionBaseUrl, "https://fn.example");
  return Object.assign(w, { sheet });
}

const column = (sheet: FakeSheet, r: number, c: number) =>
  sheet
    .values()
    .slice(1, r)
    .map((row) => row[c - 1]);

describe("flush", () => {
  it("sends the edited tab whole, writes ids, ✓ and marks back, and empties the queue", () => {
    const w = world();
    onEditRecord(w.services, { range: w.sheet.getRange(3, 4) } as never);
    expect(w.sheet.cell(3, 5).value).toBe(PENDING_TEXT);
    expect(w.sheet.cell(2, 5).value).toBe("");
    const summary = flush(w.services);
    expect(summary.failed).toEqual([]);
    expect(w.requests).toHaveLength(1);
    const req = w.requests[0]!;
    expect(req.url).toBe("https://fn.example/sync");
    expect(req.headers).toEqual({ Authorization: "Bearer fake-id-token" });
    expect(req.muteHttpExceptions).toBe(true);
    const body = payloadOf(req);
    expect(body).toMatchObject({ spreadsheetId: "fake-spreadsheet-1", tab: "ผลิตภัณฑ์", header: HEADER });
    expect(body.rows.map((r: { row: number }) => r.row)).toEqual([2, 3]);
    expect(body.requestId).toMatch(/^kbo:products:\d+:[0-9a-f]{32}$/);

    expect(w.sheet.cell(2, 1).value).toBe("KBO-2563-001");
    expect(w.sheet.cell(2, 5).value).toBe("✓ บันทึกแล้ว 20/01/2563 10:00 น. / saved");
    expect(w.sheet.cell(3, 5).value).toMatch(/^✗ ไม่ถูกต้อง/);
    expect(w.sheet.cell(3, 4)).toMatchObject({ background: MARK_COLORS.error });
    expect(w.sheet.cell(3, 4).note.startsWith(NOTE_PREFIX)).toBe(true);
    expect(readQueue(w.properties).tabs).toEqual({});
    expect(w.properties.getProperty(PROPERTY_KEYS.flushLease)).toBeNull();
  });

  it("clears the mark once the cell is fixed, keeping staff's own colours", () => {
    const w = world();
    w.sheet.cell(2, 3, true).background = "#d9ead3"; // staff highlighted a product
    onEditRecord(w.services, { range: w.sheet.getRange(3, 4) } as never);
    flush(w.services);
    w.sheet.type(3, 4, "ฮอด");
    onEditRecord(w.services, { range: w.sheet.getRange(3, 4) } as never);
    flush(w.services);
    expect(w.sheet.cell(3, 4)).toMatchObject({ note: "", background: null });
    expect(w.sheet.cell(3, 1).value).toBe("KBO-2563-001");
    expect(w.sheet.cell(2, 3).background).toBe("#d9ead3");
  });

  it.each([
    [
      "HTTP 503",
      () => ({ status: 503, body: '{"error":{"code":"FIRESTORE_UNAVAILABLE","message":"down"}}' }),
      /FIRESTORE_UNAVAILABLE down/,
    ],
    [
      "HTTP 401",
      () => ({ status: 401, body: '{"error":{"code":"INVALID_TOKEN","message":"bad"}}' }),
      /INVALID_TOKEN/,
    ],
    ["not JSON", () => ({ status: 200, body: "<html>proxy</html>" }), /HTTP_200/],
    [
      "a network failure",
      () => {
        throw new Error("DNS error");
      },
      /NETWORK DNS error/,
    ],
  ] as [
    string,
    FakeFetch,
    RegExp,
  ][])("after %s: the tab stays queued, its rows say why, and a toast tells staff", (_, fetch, reason) => {
    const w = world(fetch);
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3) } as never);
    const summary = flush(w.services);
    expect(summary.failed).toHaveLength(1);
    expect(readQueue(w.properties).tabs.products).toMatchObject({ attempts: 1, ranges: [[2, 2]] });
    for (const row of [2, 3]) {
      expect(w.sheet.cell(row, 5).value).toMatch(/^ส่งไม่สำเร็จ \/ not sent: /);
      expect(w.sheet.cell(row, 5).value).toMatch(reason);
    }
    expect(w.sheet.cell(2, 1).value).toBe(""); // no id invented
    expect(w.spreadsheet.toasts.at(-1)).toMatchObject({ title: "ส่งข้อมูลไม่สำเร็จ / sync failed" });
    expect(w.spreadsheet.toasts.at(-1)!.message).toMatch(/^ผลิตภัณฑ์: /);
    // Not retried before its delay; retried at once from the menu.
    expect(flush(w.services).failed).toHaveLength(0);
    expect(flush(w.services, { ignoreRetryDelay: true }).failed).toHaveLength(1);
  });

  it("a retry re-sends the same body under the same requestId, though its rows now say ส่งไม่สำเร็จ", () => {
    let down = true;
    const w = world((req) => (down ? { status: 503, body: "{}" } : fakeSync(req)));
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3) } as never);
    flush(w.services);
    expect(w.sheet.cell(2, 5).value).toMatch(/^ส่งไม่สำเร็จ/);
    down = false;
    flush(w.services, { ignoreRetryDelay: true });
    const [first, retry] = w.requests.map(payloadOf);
    expect(retry).toEqual(first);
    expect(w.sheet.cell(2, 1).value).toBe("KBO-2563-001");
    // A new edit is a new queue version, so even the same content could never replay an older sync.
    onEditRecord(w.services, { range: w.sheet.getRange(3, 3) } as never);
    flush(w.services);
    const version = (body: { requestId: string }) => Number(body.requestId.split(":")[2]);
    expect(version(payloadOf(w.requests[2]!))).toBeGreaterThan(version(first));
  });

  it("without an identity token sends nothing (never 'Bearer null') and says why", () => {
    const w = world();
    w.identityToken = () => null;
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3) } as never);
    const summary = flush(w.services);
    expect(w.requests).toEqual([]);
    expect(summary.failed).toEqual([
      { tab: "products", code: "NO_IDENTITY_TOKEN", message: expect.stringMatching(/openid/) },
    ]);
    expect(w.sheet.cell(2, 5).value).toMatch(/^ส่งไม่สำเร็จ .*NO_IDENTITY_TOKEN/);
    expect(readQueue(w.properties).tabs.products).toBeDefined();
  });

  it("does not acknowledge an edit made while the POST was out", () => {
    let w2: ReturnType<typeof world> | undefined;
    const during: FakeFetch = (req) => {
      w2!.sheet.type(2, 3, "ผ้าทอมือ");
      onEditRecord(w2!.services, { range: w2!.sheet.getRange(2, 3) } as never);
      return fakeSync(req);
    };
    w2 = world(during);
    onEditRecord(w2.services, { range: w2.sheet.getRange(2, 3) } as never);
    flush(w2.services);
    expect(readQueue(w2.properties).tabs.products).toBeDefined();
    // The edited row is not written back with the stale answer.
    expect(w2.sheet.cell(2, 1).value).toBe("");
  });

  it("runs once at a time: a second flush during the first does nothing", () => {
    const w = world();
    w.properties.setProperty(PROPERTY_KEYS.flushLease, String(w.clock.now.getTime() + 60_000));
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3) } as never);
    expect(flush(w.services)).toMatchObject({ busy: true });
    expect(w.requests).toHaveLength(0);
  });

  it("after rows are sorted the write-back follows the content, not the row numbers", () => {
    const w = world((req) => {
      w.sheet.userSortsRows(1, 3, true); // staff sort by product name, descending, while the POST is out
      return fakeSync(req);
    });
    onChangeRecord(w.services, { changeType: "OTHER", source: w.spreadsheet } as never);
    flush(w.services);
    expect(w.sheet.cell(2, 3).value).toBe("ร่ม");
    expect(w.sheet.cell(2, 5).value).toMatch(/^✗/);
    expect(w.sheet.cell(3, 1).value).toBe("KBO-2563-001");
    expect(w.sheet.cell(3, 5).value).toMatch(/^✓/);
  });

  it("reports a missing function URL and keeps the edits", () => {
    const w = world();
    w.properties.deleteProperty(PROPERTY_KEYS.functionBaseUrl);
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3) } as never);
    expect(flush(w.services).failed[0]?.code).toBe("NOT_CONFIGURED");
    expect(readQueue(w.properties).tabs.products).toBeDefined();
  });

  it("writes dates and stamps in the spreadsheet's own time zone", () => {
    const ss = new FakeSpreadsheet("ny-sheet", "America/New_York", "en_US");
    const w = world(fakeSync, ss);
    const meetings = ss.addSheet("การประชุม", [["ครั้งที่", "วันที่", "ผลการตรวจสอบ"]], { plainText: ["ครั้งที่"] });
    meetings.type(2, 1, "1/2563");
    meetings.type(2, 2, "1/13/2020"); // month first in en_US
    onEditRecord(w.services, { range: meetings.getRange(2, 2) } as never);
    w.requests.length = 0;
    flush(w.services, { ignoreRetryDelay: true });
    const body = payloadOf(w.requests.find((r) => payloadOf(r).tab === "การประชุม")!);
    // ผลการตรวจสอบ goes empty: the server ignores it, and it must not change the requestId.
    expect(body.rows[0].values).toEqual(["1/2563", { date: "2020-01-13T00:00:00" }, null]);
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3) } as never);
    flush(w.services, { ignoreRetryDelay: true });
    // 03:00 UTC is 22:00 the day before in New York.
    expect(w.sheet.cell(2, 5).value).toBe("✓ บันทึกแล้ว 19/01/2563 22:00 น. / saved");
  });
});

describe("tabs found as the server finds them", () => {
  it("sends a tab named 'Products' as the products tab", () => {
    const w = world(fakeSync, new FakeSpreadsheet(), "Products");
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3) } as never);
    flush(w.services);
    expect(payloadOf(w.requests[0]!).tab).toBe("Products");
    expect(w.sheet.cell(2, 1).value).toBe("KBO-2563-001");
  });

  it("refuses to send either of two sheets that claim one tab, and keeps the edits", () => {
    const w = world(fakeSync, new FakeSpreadsheet(), "Products");
    w.spreadsheet.addSheet("ผลิตภัณฑ์", [HEADER]);
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3) } as never);
    const summary = flush(w.services);
    expect(w.requests).toEqual([]);
    expect(summary.failed[0]).toMatchObject({ tab: "products", code: "TAB_CONFLICT" });
    expect(summary.failed[0]!.message).toMatch(/"Products", "ผลิตภัณฑ์"/);
    expect(readQueue(w.properties).tabs.products).toMatchObject({ attempts: 1 });
  });

  it("sends a tab named with a year ('ผลิตภัณฑ์ 2563') as the products tab, with every sheet name", () => {
    const w = world(fakeSync, new FakeSpreadsheet(), "ผลิตภัณฑ์ 2563");
    w.spreadsheet.addSheet("บันทึก", [["x"]]);
    expect(onEditRecord(w.services, { range: w.sheet.getRange(2, 3), source: w.spreadsheet } as never)).toBe(
      "products",
    );
    const summary = flush(w.services);
    expect(summary.failed).toEqual([]);
    const body = payloadOf(w.requests[0]!);
    expect(body).toMatchObject({ tab: "ผลิตภัณฑ์ 2563", sheets: ["ผลิตภัณฑ์ 2563", "บันทึก"] });
    expect(w.sheet.cell(2, 1).value).toBe("KBO-2563-001");
  });

  it("an exact name is sent without the sheet names (its body as before)", () => {
    const w = world();
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3) } as never);
    flush(w.services);
    expect(payloadOf(w.requests[0]!).sheets).toBeUndefined();
  });

  it("refuses to send a tab named with a year beside the tab itself, naming both", () => {
    const w = world(fakeSync, new FakeSpreadsheet(), "ผลิตภัณฑ์");
    w.spreadsheet.addSheet("ผลิตภัณฑ์ 2562", [HEADER]);
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3), source: w.spreadsheet } as never);
    const summary = flush(w.services);
    expect(w.requests).toEqual([]);
    expect(summary.failed[0]).toMatchObject({ tab: "products", code: "TAB_CONFLICT" });
    expect(summary.failed[0]!.message).toMatch(/"ผลิตภัณฑ์", "ผลิตภัณฑ์ 2562"/);
  });

  it("an edit in a sheet whose name only holds a tab's name beside that tab queues nothing", () => {
    const w = world(fakeSync, new FakeSpreadsheet(), "ผลิตภัณฑ์");
    const copy = w.spreadsheet.addSheet("สำเนาของ ผลิตภัณฑ์", [HEADER, ["", 2563, "ผ้าทอ", "สันทราย", ""]]);
    expect(onEditRecord(w.services, { range: copy.getRange(2, 3), source: w.spreadsheet } as never)).toBe(
      undefined,
    );
    expect(readQueue(w.properties).tabs.products).toBeUndefined();
  });

  it("reads a tab name whose Thai marks were typed in another order (ผู้เข้าประชุม as ผ + ้ + ู)", () => {
    const w = world(fakeSync, new FakeSpreadsheet(), "ผลิตภัณฑ์");
    const typed = "ผ\u0e49\u0e39เข\u0e49าประช\u0e38ม";
    const attendees = w.spreadsheet.addSheet(typed, [["ครั้งที่", "ชื่อ-สกุล"]]);
    expect(
      onEditRecord(w.services, { range: attendees.getRange(1, 1), source: w.spreadsheet } as never),
    ).toBe("attendees");
  });

  it("keeps a tab whose header cannot be found queued, and says so", () => {
    const w = world();
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3) } as never);
    w.sheet.setRows([
      ["a", "b"],
      ["c", "d"],
    ]);
    const summary = flush(w.services);
    expect(summary.failed[0]).toMatchObject({ tab: "products", code: "NO_HEADER_ROW" });
    expect(readQueue(w.properties).tabs.products).toBeDefined();
  });
});

describe("the write-back in grids", () => {
  it("answers a 2,000-row paste with one issue per row in at most 10 Range calls", () => {
    const w = world((req) => {
      const body = payloadOf(req);
      const rows = body.rows.map((r: { row: number }) => ({
        row: r.row,
        id: `KBO-2563-${String(r.row).padStart(4, "0")}`,
        action: "created",
        check: "ถูกต้อง\nคำเตือน (D): อำเภอสะกดต่าง / warning: district spelt differently",
        issues: [
          {
            field: "district",
            column: "D",
            severity: "warning",
            message_th: "อำเภอสะกดต่าง",
            message_en: "spelt differently",
          },
        ],
      }));
      return { status: 200, body: JSON.stringify({ counts: { created: rows.length }, rows, deleted: [] }) };
    });
    w.sheet.setRows([
      HEADER,
      ...Array.from({ length: 2000 }, (_, i) => ["", 2563, `สินค้า ${i}`, "สันทราย", ""]),
    ]);
    onEditRecord(w.services, { range: w.sheet.getRange(2, 1, 2000, 5) } as never);
    w.sheet.calls.clear();
    flush(w.services);
    expect(w.sheet.cell(2001, 1).value).toBe("KBO-2563-2001");
    expect(w.sheet.cell(2001, 4)).toMatchObject({ background: MARK_COLORS.warning });
    expect(w.sheet.cell(2001, 5).value).toMatch(/^✓ บันทึกแล้ว/);
    const writes = (name: string) => w.sheet.calls.get(name) ?? 0;
    const counted =
      writes("Sheet.getRange") +
      writes("Range.setValues") +
      writes("Range.setNotes") +
      writes("Range.setBackgrounds");
    expect(counted).toBeLessThanOrEqual(10);
    expect(writes("Range.setNote") + writes("Range.setBackground") + writes("Range.setValue")).toBe(0);
    // Every Range call, reads included (getValues twice, getNotes, getBackgrounds), stays bounded too.
    expect(w.sheet.rangeCalls()).toBeLessThanOrEqual(13);
  });
});

describe("confirming a mass deletion", () => {
  const refusing =
    (seen: Record<string, unknown>[]): FakeFetch =>
    (req) => {
      const body = payloadOf(req);
      seen.push(body);
      if (!body.confirmDeletes) {
        return {
          status: 409,
          body: JSON.stringify({
            error: {
              code: DELETES_NEED_CONFIRMATION,
              message: "would delete 12 of 20",
              details: { tab: "products", live: 20, deleting: 12 },
            },
          }),
        };
      }
      return fakeSync(req);
    };

  it("asks staff, naming the count, and sends confirmDeletes only after yes", () => {
    const seen: Record<string, unknown>[] = [];
    const w = world(refusing(seen));
    onEditRecord(w.services, { range: w.sheet.getRange(2, 3) } as never);
    const asked: [string, number][] = [];
    const summary = flush(w.services, {
      confirmDeletes: (tab, count) => {
        asked.push([tab, count]);
        return true;
      },
    });
    expect(asked).toEqual([["products", 12]]);
    expect(seen.map((b) => b.confirmDeletes ?? false)).toEqual([false, true]);
    expect(seen[0]!.requestId).not.toBe(seen[1]!.requestId);
    expect(summary.failed).toEqual([]);
    expect(readQueue(w.properties).tabs).toEqual({});
  });

  it("after no, or from the timed trigger (no UI), keeps the tab queued and sends nothing more", () => {
    for (const confirmDeletes of [() => false, undefined]) {
      const seen: Record<string, unknown>[] = [];
      const w = world(refusing(seen));
      onEditRecord(w.services, { range: w.sheet.getRange(2, 3) } as never);
      const summary = flush(w.services, confirmDeletes ? { confirmDeletes } : {});
      expect(seen).toHaveLength(1);
      expect(summary.failed[0]).toMatchObject({ code: DELETES_NEED_CONFIRMATION });
      expect(readQueue(w.properties).tabs.products).toBeDefined();
      expect(w.sheet.cell(2, 5).value).toMatch(/^ส่งไม่สำเร็จ .*DELETES_NEED_CONFIRMATION/);
    }
  });
});

describe("triggers", () => {
  it("an edit to the header row queues the whole tab; other sheets are ignored", () => {
    const w = world();
    onEditRecord(w.services, { range: w.sheet.getRange(1, 2) } as never);
    expect(readQueue(w.properties).tabs.products).toMatchObject({ all: true });
    const other = w.spreadsheet.addSheet("บันทึกส่วนตัว", [["x"]]);
    expect(onEditRecord(w.services, { range: other.getRange(1, 1) } as never)).toBeUndefined();
    expect(onChangeRecord(w.services, { changeType: "FORMAT", source: w.spreadsheet } as never)).toEqual([]);
  });

  it("the change trigger finds the changed tab by its size, never by the active sheet", () => {
    const w = world();
    const meetings = w.spreadsheet.addSheet("การประชุม", [["ครั้งที่", "ชื่อการประชุม"]]);
    onChangeRecord(w.services, { changeType: "OTHER", source: w.spreadsheet } as never); // records the sizes
    w.properties.deleteProperty(PROPERTY_KEYS.queue);
    // Staff remove a product row while the meetings tab is what getActiveSheet would return.
    w.spreadsheet.active = { sheet: meetings, row: 1 };
    w.sheet.userDeletesRow(3);
    expect(onChangeRecord(w.services, { changeType: "REMOVE_ROW", source: w.spreadsheet } as never)).toEqual([
      "products",
    ]);
    expect(Object.keys(readQueue(w.properties).tabs)).toEqual(["products"]);
    // A row inserted in a sheet of staff's own queues nothing.
    const own = w.spreadsheet.addSheet("บันทึกส่วนตัว", [["x"]]);
    onChangeRecord(w.services, { changeType: "OTHER", source: w.spreadsheet } as never);
    w.properties.deleteProperty(PROPERTY_KEYS.queue);
    own.userInsertsRowsBefore(1);
    expect(onChangeRecord(w.services, { changeType: "INSERT_ROW", source: w.spreadsheet } as never)).toEqual(
      [],
    );
  });

  it("a pasted block queues its rows and marks the non-blank ones รอส่ง", () => {
    const w = world();
    w.sheet.setRows([
      HEADER,
      ["", 2563, "ผ้าทอ", "สันทราย", ""],
      ["", "", "", "", ""],
      ["", 2563, "ร่ม", "ฮอด", "✓ เดิม"],
    ]);
    onEditRecord(w.services, { range: w.sheet.getRange(2, 1, 3, 5) } as never);
    expect(readQueue(w.properties).tabs.products?.ranges).toEqual([[2, 4]]);
    expect(column(w.sheet, 4, 5)).toEqual([PENDING_TEXT, "", PENDING_TEXT]);
  });

  it("waits for a lock another execution holds (tryLock's timeout), and leaves a marker past it", () => {
    const w = world();
    w.lock.heldByOtherUntil = w.clock.now.getTime() + 5_000;
    onEditRecord(w.services, { range: w.sheet.getRange(3, 3) } as never);
    expect(readQueue(w.properties).tabs.products?.ranges).toEqual([[3, 3]]);
    expect(w.lock.waitedMs).toBe(5_000);

    w.properties.deleteProperty(PROPERTY_KEYS.queue);
    w.lock.heldByOtherUntil = w.clock.now.getTime() + 10 * 60_000;
    onEditRecord(w.services, { range: w.sheet.getRange(3, 3) } as never);
    expect(w.properties.getProperty("KBO_DIRTY_products")).toBe("1");
    expect(readQueue(w.properties).tabs).toEqual({});
    w.lock.heldByOtherUntil = undefined;
    flush(w.services);
    expect(w.requests).toHaveLength(1);
    expect(w.properties.getProperty("KBO_DIRTY_products")).toBeNull();
  });
});
