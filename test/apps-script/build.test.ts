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

  it("writes a V8 manifest in Bangkok time with the scopes it needs", () => {
    expect(manifest).toMatchObject({ runtimeVersion: "V8", timeZone: "Asia/Bangkok" });
    expect(manifest.oauthScopes).toEqual(
      expect.arrayContaining([
        "openid",
        "https://www.googleapis.com/auth/script.external_request",
        "https://www.googleapis.com/auth/userinfo.email",
        "https://www.googleapis.com/auth/spreadsheets.currentonly",
        "https://www.googleapis.com/auth/drive.file",
        "https://www.googleapis.com/auth/script.scriptapp",
      ]),
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
