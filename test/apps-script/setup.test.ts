// ตั้งค่าระบบ on the fake spreadsheet, under the manifest's scopes: tabs, headers, drop-downs,
// plain-text columns, frozen rows, warning protections, triggers and the report folder; the function
// URL asked first and once; a Drive failure reported, not fatal; a second staff member told who owns
// the triggers; a second run changes nothing.
import { describe, expect, it } from "vitest";
import { setupResultText } from "../../apps-script/src/menu-actions.ts";
import { PROPERTY_KEYS } from "../../apps-script/src/settings.ts";
import { runSetup } from "../../apps-script/src/setup.ts";
import { CATEGORIES } from "../../functions/src/domain/closed-sets.ts";
import { createFakeWorld, runAs } from "./fakes/fake-services.ts";
import { FakeSpreadsheet } from "./fakes/fake-spreadsheet.ts";
import { manifestScopes } from "./fakes/scopes.ts";

const URL = "https://asia-southeast1-kbo.cloudfunctions.net";

const stateOf = (ss: FakeSpreadsheet) =>
  JSON.stringify(
    ss.sheets.map((s) => ({
      name: s.name,
      rows: s.rows,
      frozen: s.frozenRows,
      validations: [...s.validations],
      protections: [...s.rangeProtections, ...s.sheetProtections].map((p) => [p.description, p.warningOnly]),
    })),
  );

function world() {
  const ss = new FakeSpreadsheet();
  ss.addSheet("ผลิตภัณฑ์", [
    ["ชื่อผลิตภัณฑ์", "ประเภท", "อำเภอ"],
    ["ผ้าทอ", "ผ้า", "ฝาง"],
  ]);
  const w = createFakeWorld({ spreadsheet: ss });
  return Object.assign(w, { ss });
}

describe("runSetup", () => {
  it("builds the workbook once, asks for the URL once, and a second run changes nothing", () => {
    const w = world();
    const ss = w.ss;
    w.ui.promptAnswers.push({ button: "OK", text: ` ${URL}/ ` });
    const first = runSetup(w.services, w.ui);
    expect(first.functionUrlSet).toBe(true);
    expect(w.properties.getProperty(PROPERTY_KEYS.functionBaseUrl)).toBe(URL);
    expect(ss.sheets.map((s) => s.name)).toEqual([
      "ผลิตภัณฑ์",
      "การประชุม",
      "ผู้เข้าประชุม",
      "วาระการประชุม",
      "สรุปตามประเภท",
      "สรุปตามอำเภอ",
      "สรุปการประชุม",
    ]);
    const products = ss.sheet("ผลิตภัณฑ์");
    expect(products.rows[0]!.map((c) => c.value).slice(0, 4)).toEqual(["ชื่อผลิตภัณฑ์", "ประเภท", "อำเภอ", "รหัส"]);
    expect(products.rows[1]![0]!.value).toBe("ผ้าทอ"); // staff data untouched
    expect(products.frozenRows).toBe(1);
    expect([...products.validations.values()][0]).toMatchObject({
      list: CATEGORIES.map((c) => c.th),
      allowInvalid: true,
    });
    expect(products.rangeProtections.map((p) => [p.description, p.warningOnly])).toEqual([
      ["KBO: ผลิตภัณฑ์ / รหัส", true],
      ["KBO: ผลิตภัณฑ์ / ผลการตรวจสอบ", true],
    ]);
    expect(ss.sheet("สรุปตามประเภท").sheetProtections).toHaveLength(1);
    expect(w.triggers.map(({ owner, handler, kind }) => ({ owner, handler, kind }))).toEqual([
      { owner: "staff1@example.org", handler: "handleEdit", kind: "edit" },
      { owner: "staff1@example.org", handler: "handleChange", kind: "change" },
      { owner: "staff1@example.org", handler: "flushQueue", kind: "every 1 min" },
    ]);
    expect(w.properties.getProperty(PROPERTY_KEYS.triggerOwner)).toBe("staff1@example.org");
    expect(w.folders).toHaveLength(1);
    // The manifest's scopes covered every call, Drive's included.
    expect(w.auth.checked).toEqual(expect.arrayContaining(["DriveApp.createFolder", "ScriptApp.newTrigger"]));

    const before = stateOf(ss);
    const prompts = w.ui.alerts.length;
    const second = runSetup(w.services, w.ui);
    expect(second.ops.filter((o) => o.kind !== "validation" && o.kind !== "plainText")).toEqual([]);
    expect(stateOf(ss)).toBe(before);
    expect(w.ui.alerts.length).toBe(prompts);
    expect(w.triggers).toHaveLength(3);
    expect(w.folders).toHaveLength(1);
  });

  it("asks for the URL first, and a Drive failure leaves the rest of setup done", () => {
    const w = world();
    const ss = w.ss;
    w.driveDown = "Drive is turned off for this domain";
    w.ui.promptAnswers.push({ button: "OK", text: URL });
    const result = runSetup(w.services, w.ui);
    expect(w.ui.alerts[0]!.prompt).toMatch(/URL ของฟังก์ชัน/);
    expect(w.properties.getProperty(PROPERTY_KEYS.functionBaseUrl)).toBe(URL);
    expect(w.triggers).toHaveLength(3);
    expect(ss.sheets).toHaveLength(7);
    expect(result.driveError).toMatch(/Drive is turned off/);
    expect(setupResultText(result)).toMatch(/โฟลเดอร์รายงาน.*Drive is turned off/);
    expect(w.properties.getProperty(PROPERTY_KEYS.reportFolderId)).toBeNull();
  });

  it("under the old drive.file manifest, Drive refuses the folder with Apps Script's permission error", () => {
    const scopes = manifestScopes().map((s) => s.replace(/\/drive$/, "/drive.file"));
    const w = createFakeWorld({ scopes });
    w.ui.promptAnswers.push({ button: "OK", text: URL });
    const result = runSetup(w.services, w.ui);
    expect(result.driveError).toBe(
      "Specified permissions are not sufficient to call DriveApp.createFolder. " +
        "Required permissions: https://www.googleapis.com/auth/drive",
    );
    expect(w.properties.getProperty(PROPERTY_KEYS.functionBaseUrl)).toBe(URL);
  });

  it("a second staff member running setup is told who owns the triggers, and adds none", () => {
    const w = world();
    const ss = w.ss;
    w.ui.promptAnswers.push({ button: "OK", text: URL });
    runSetup(w.services, w.ui);
    // ScriptApp.getProjectTriggers shows the second person none of the first one's triggers.
    const second = runAs(w, "staff2@example.org", () => {
      expect(w.services.ScriptApp.getProjectTriggers()).toEqual([]);
      return runSetup(w.services, w.ui);
    });
    expect(w.triggers).toHaveLength(3);
    expect(w.triggers.every((t) => t.owner === "staff1@example.org")).toBe(true);
    expect(second.triggers).toEqual({ owner: "staff1@example.org", mine: false });
    expect(setupResultText(second)).toMatch(/ทริกเกอร์ติดตั้งโดย staff1@example\.org แล้ว/);
    expect(ss.sheets).toHaveLength(7);
  });

  it("formats รหัส, ครั้งที่, วาระที่ and เบอร์โทร as plain text, so what staff type stays as typed", () => {
    const w = world();
    const ss = w.ss;
    w.ui.promptAnswers.push({ button: "OK", text: URL });
    const meetingsBefore = ss.addSheet("การประชุม", [["ครั้งที่", "ชื่อการประชุม"]]);
    meetingsBefore.type(2, 1, "1/2563");
    // Before setup Sheets turns it into a date: what MEETING_NUMBER_BECAME_DATE is about.
    expect(meetingsBefore.cell(2, 1).value).toBeInstanceOf(Date);
    runSetup(w.services, w.ui);
    const meetings = ss.sheet("การประชุม");
    meetings.type(3, 1, "2/2563");
    expect(meetings.cell(3, 1).value).toBe("2/2563");
    const products = ss.sheet("ผลิตภัณฑ์");
    const phone = products.rows[0]!.findIndex((c) => c.value === "เบอร์โทร") + 1;
    products.type(2, phone, "0812345678");
    expect(products.cell(2, phone).value).toBe("0812345678");
    const agenda = ss.sheet("วาระการประชุม");
    agenda.type(2, 2, "4.10");
    expect(agenda.cell(2, 2).value).toBe("4.10");
    const notes = products.rows[0]!.findIndex((c) => c.value === "หมายเหตุ") + 1;
    products.type(2, notes, "0812345678");
    expect(products.cell(2, notes).value).toBe(812345678);
  });

  it("leaves a summary tab staff protected themselves exactly as it was (Sheet.protect returns theirs)", () => {
    const w = world();
    const ss = w.ss;
    const summary = ss.addSheet("สรุปตามประเภท");
    const theirs = summary.protect().setDescription("ห้ามแก้ไข — หัวหน้าสำนักงาน");
    w.ui.promptAnswers.push({ button: "OK", text: URL });
    runSetup(w.services, w.ui);
    expect(summary.sheetProtections).toEqual([theirs]);
    expect([theirs.description, theirs.warningOnly]).toEqual(["ห้ามแก้ไข — หัวหน้าสำนักงาน", false]);
  });

  it("refuses a URL that is not https and leaves it unset", () => {
    const w = createFakeWorld();
    w.ui.promptAnswers.push({ button: "OK", text: "http://evil.example" });
    expect(runSetup(w.services, w.ui).functionUrlSet).toBe(false);
    expect(w.properties.getProperty(PROPERTY_KEYS.functionBaseUrl)).toBeNull();
  });
});
