// The menu: Thai captions wired to the entry points, สร้างสรุป sending queued edits before asking for
// the summaries, a mass deletion sent only after staff confirm a dialog naming the count, and known
// failures (a missing identity token among them) shown to staff rather than thrown.
import { describe, expect, it } from "vitest";
import { ENTRY_POINTS } from "../../apps-script/src/entry-points.ts";
import {
  addMenu,
  flushSummaryText,
  MENU_ITEMS,
  menuBuildSummaries,
  menuSyncNow,
} from "../../apps-script/src/menu-actions.ts";
import { PROPERTY_KEYS } from "../../apps-script/src/settings.ts";
import { onEditRecord } from "../../apps-script/src/triggers.ts";
import { createFakeWorld } from "./fakes/fake-services.ts";
import { FakeSpreadsheet } from "./fakes/fake-spreadsheet.ts";

describe("menu", () => {
  it("every item calls an entry point the bundle declares", () => {
    const w = createFakeWorld();
    addMenu(w.services);
    const items = w.ui.menus[0]!.items;
    expect(items).toHaveLength(6);
    for (const [, fn] of items) expect(ENTRY_POINTS).toContain(fn);
    expect(items.map(([caption]) => caption)).toEqual(MENU_ITEMS.map((i) => i.caption));
  });

  it("สร้างสรุป sends queued edits first, then calls rebuildSummaries for this spreadsheet", () => {
    const ss = new FakeSpreadsheet("sheet-42");
    const sheet = ss.addSheet("ผลิตภัณฑ์", [
      ["รหัส", "ชื่อผลิตภัณฑ์", "ผลการตรวจสอบ"],
      ["", "ผ้าทอ", ""],
    ]);
    const w = createFakeWorld({
      spreadsheet: ss,
      fetch: (req) =>
        req.url.endsWith("/sync")
          ? { status: 200, body: JSON.stringify({ counts: { created: 1 }, rows: [], deleted: [] }) }
          : { status: 200, body: '{"ok":true}' },
    });
    w.properties.setProperty(PROPERTY_KEYS.functionBaseUrl, "https://fn.example");
    onEditRecord(w.services, { range: sheet.getRange(2, 2) } as never);
    menuBuildSummaries(w.services);
    expect(w.requests.map((r) => r.url)).toEqual([
      "https://fn.example/sync",
      "https://fn.example/rebuildSummaries",
    ]);
    expect(JSON.parse(String(w.requests[1]!.payload))).toEqual({ spreadsheetId: "sheet-42" });
    expect(w.ui.alerts[0]!.prompt).toMatch(/^สร้างแท็บสรุปแล้ว/);
  });

  it("ซิงค์ตอนนี้ asks before a mass deletion, naming the count, and sends confirmDeletes only on yes", () => {
    const ss = new FakeSpreadsheet();
    const sheet = ss.addSheet("ผลิตภัณฑ์", [
      ["รหัส", "ชื่อผลิตภัณฑ์", "ผลการตรวจสอบ"],
      ["KBO-2563-001", "ผ้าทอ", ""],
    ]);
    const bodies: Record<string, unknown>[] = [];
    const w = createFakeWorld({
      spreadsheet: ss,
      fetch: (req) => {
        const body = JSON.parse(String(req.payload));
        bodies.push(body);
        return body.confirmDeletes
          ? { status: 200, body: JSON.stringify({ counts: { deleted: 11 }, rows: [], deleted: [] }) }
          : {
              status: 409,
              body: JSON.stringify({
                error: {
                  code: "DELETES_NEED_CONFIRMATION",
                  message: "x",
                  details: { tab: "products", live: 12, deleting: 11 },
                },
              }),
            };
      },
    });
    w.properties.setProperty(PROPERTY_KEYS.functionBaseUrl, "https://fn.example");
    onEditRecord(w.services, { range: sheet.getRange(2, 2) } as never);
    w.ui.confirmAnswers.push("YES");
    menuSyncNow(w.services);
    expect(w.ui.alerts[0]).toMatchObject({ title: "ยืนยันการลบ / Confirm deleting" });
    expect(w.ui.alerts[0]!.prompt).toMatch(/แท็บ ผลิตภัณฑ์ จะลบข้อมูล 11 รายการ/);
    expect(bodies.map((b) => b.confirmDeletes ?? false)).toEqual([false, true]);
    expect(w.ui.alerts[1]!.prompt).toMatch(/^✓ ผลิตภัณฑ์: .*ลบ 11/);
  });

  it("a missing identity token is explained to staff, and nothing is sent", () => {
    const w = createFakeWorld();
    w.identityToken = () => null;
    w.properties.setProperty(PROPERTY_KEYS.functionBaseUrl, "https://fn.example");
    menuBuildSummaries(w.services);
    expect(w.requests).toEqual([]);
    expect(w.ui.alerts[0]!.prompt).toMatch(/Google ไม่ได้ให้โทเค็นยืนยันตัวตน.*\n\(NO_IDENTITY_TOKEN\)$/s);
  });

  it("shows a failed call's code to staff instead of throwing", () => {
    const w = createFakeWorld({
      fetch: () => ({ status: 403, body: '{"error":{"code":"CALLER_NOT_ALLOWED","message":"not allowed"}}' }),
    });
    w.properties.setProperty(PROPERTY_KEYS.functionBaseUrl, "https://fn.example");
    expect(() => menuBuildSummaries(w.services)).not.toThrow();
    expect(w.ui.alerts[0]!.prompt).toMatch(/CALLER_NOT_ALLOWED/);
  });

  it("summarises a flush in Thai", () => {
    expect(flushSummaryText({ busy: false, sent: [], failed: [], deferred: [] })).toMatch(/^ไม่มีการแก้ไขที่รอส่ง/);
    const text = flushSummaryText({
      busy: false,
      sent: [{ tab: "products", counts: { created: 2, invalid: 1 }, written: 3, skipped: [] }],
      failed: [{ tab: "agenda", code: "HTTP_503", message: "down" }],
      deferred: ["attendees"],
    });
    expect(text.split("\n")).toEqual([
      "✓ ผลิตภัณฑ์: ใหม่ 2 · แก้ไข 0 · เหมือนเดิม 0 · ลบ 0 · ไม่ถูกต้อง 1",
      "✗ วาระการประชุม: HTTP_503 down (จะลองใหม่ / will retry)",
      "… รอบถัดไป / next run: ผู้เข้าประชุม",
    ]);
  });
});
