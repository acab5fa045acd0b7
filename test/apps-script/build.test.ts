// The built bundle: top-level trigger and menu functions that work when run as Apps Script runs a
// file (one script, globals only), the manifest's runtime, zone and scopes, and the closed sets
// taken from the domain module rather than copied.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAppsScript } from "../../apps-script/build.ts";
import { ENTRY_POINTS } from "../../apps-script/src/entry-points.ts";
import { MENU_ITEMS, MENU_TITLE } from "../../apps-script/src/menu-actions.ts";
import { PROPERTY_KEYS } from "../../apps-script/src/settings.ts";
import { CATEGORIES, DISTRICT_NAMES } from "../../functions/src/domain/closed-sets.ts";
import { createFakeWorld } from "./fakes/fake-services.ts";
import { FakeSpreadsheet } from "./fakes/fake-spreadsheet.ts";
import { SCOPE_RULES } from "./fakes/scopes.ts";

let dir: string;
let code: string;
let manifest: Record<string, unknown>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-apps-script-"));
  const out = await buildAppsScript(dir);
  code = await readFile(out.code, "utf8");
  manifest = JSON.parse(await readFile(out.manifest, "utf8"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("apps-script bundle", () => {
  it("declares every entry point as a top-level function and needs no module system", () => {
    for (const name of ENTRY_POINTS) expect(code).toMatch(new RegExp(`^function ${name}\\(e\\) \\{`, "m"));
    expect(code).not.toMatch(/\brequire\(|\bimport\s|\bexport\s|process\.env|Buffer\./);
  });

  it("writes a V8 manifest in Bangkok time with the scopes it needs, and no others", () => {
    expect(manifest).toMatchObject({ runtimeVersion: "V8", timeZone: "Asia/Bangkok" });
    expect([...(manifest.oauthScopes as string[])].sort()).toEqual([
      "https://www.googleapis.com/auth/drive",
      "https://www.googleapis.com/auth/script.container.ui",
      "https://www.googleapis.com/auth/script.external_request",
      "https://www.googleapis.com/auth/script.scriptapp",
      "https://www.googleapis.com/auth/spreadsheets.currentonly",
      "https://www.googleapis.com/auth/userinfo.email",
      "openid",
    ]);
  });

  it("every entry point runs under the built manifest's scopes, each call checked against its reference", () => {
    const ss = new FakeSpreadsheet();
    const w = createFakeWorld({
      spreadsheet: ss,
      scopes: manifest.oauthScopes as string[],
      fetch: (req) => {
        const body = JSON.parse(String(req.payload));
        if (req.url.endsWith("/meetingReport")) {
          const pdfBase64 = Buffer.from("%PDF-1.7").toString("base64");
          return {
            status: 200,
            body: JSON.stringify({ pdfBase64, revision: "r1", send: { status: "sent" } }),
          };
        }
        if (req.url.endsWith("/rebuildSummaries")) return { status: 200, body: "{}" };
        const rows = body.rows.map((r: { row: number }) => ({
          row: r.row,
          action: "created",
          check: "ok",
          issues: [],
        }));
        return { status: 200, body: JSON.stringify({ counts: {}, deleted: [], rows }) };
      },
    });
    const context = vm.createContext(w.globals());
    vm.runInContext(code, context, { filename: "Code.js" });
    w.ui.promptAnswers.push({ button: "OK", text: "https://fn.example" });
    context.onOpen({});
    context.menuSetup({});
    const meetings = ss.sheet("การประชุม");
    meetings.type(2, 2, "1/2563");
    meetings.type(2, 3, "ประชุม");
    meetings.type(2, 10, "boss@example.org");
    context.handleEdit({ range: meetings.getRange(2, 2) });
    context.handleChange({ changeType: "INSERT_ROW", source: ss });
    context.flushQueue({});
    context.menuCheckAll({});
    context.menuSyncNow({});
    context.menuBuildSummaries({});
    ss.active = { sheet: meetings, row: 2 };
    context.menuMeetingReport({});
    w.ui.confirmAnswers.push("YES");
    context.menuSendReport({});
    expect(w.files).toHaveLength(2);
    expect(w.ui.alerts.map((a) => a.prompt ?? "").join("\n")).not.toMatch(/permission|ไม่ได้บันทึก PDF/i);
    // Every rule of the fakes' scope table was met at least once on the way.
    const met = new Set(w.auth.checked.map((c) => (SCOPE_RULES[c] ? c : `${c.split(".")[0]}.*`)));
    expect([...met].sort()).toEqual(
      Object.keys(SCOPE_RULES)
        .filter((k) => k !== "ScriptApp.deleteTrigger")
        .sort(),
    );
  });

  it("runs as a plain script: onOpen adds the Thai menu, an edit is queued and flushed", () => {
    const ss = new FakeSpreadsheet();
    const sheet = ss.addSheet("ผลิตภัณฑ์", [
      ["รหัส", "ชื่อผลิตภัณฑ์", "อำเภอ", "ผลการตรวจสอบ"],
      ["", "ผ้าทอ", "ฝาง", ""],
    ]);
    const w = createFakeWorld({
      spreadsheet: ss,
      fetch: () => ({
        status: 200,
        body: JSON.stringify({
          counts: {},
          deleted: [],
          rows: [{ row: 2, id: "KBO-2563-001", action: "created", check: "ok", issues: [] }],
        }),
      }),
    });
    w.properties.setProperty(PROPERTY_KEYS.functionBaseUrl, "https://fn.example");
    const context = vm.createContext(w.globals());
    vm.runInContext(code, context, { filename: "Code.js" });
    context.onOpen({});
    expect(w.ui.menus).toEqual([{ caption: MENU_TITLE, items: MENU_ITEMS.map((i) => [i.caption, i.fn]) }]);
    expect(MENU_ITEMS.map((i) => i.caption)).toEqual([
      "ตั้งค่าระบบ",
      "ตรวจสอบข้อมูลทั้งหมด",
      "ซิงค์ตอนนี้",
      "สร้างสรุป",
      "สร้างรายงานการประชุม",
      "ส่งรายงานทางอีเมล",
    ]);
    context.handleEdit({ range: sheet.getRange(2, 2) });
    context.flushQueue({});
    expect(sheet.cell(2, 1).value).toBe("KBO-2563-001");
  });

  it("takes categories and districts from the domain module, never from a copy in apps-script/src", async () => {
    expect(code).toContain("// functions/src/domain/closed-sets.ts");
    const sources = await readdir(new URL("../../apps-script/src/", import.meta.url));
    for (const file of sources) {
      const text = await readFile(new URL(`../../apps-script/src/${file}`, import.meta.url), "utf8");
      for (const name of [...DISTRICT_NAMES, ...CATEGORIES.map((c) => c.th)])
        expect(text).not.toContain(`"${name}"`);
    }
  });
});
