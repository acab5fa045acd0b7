// ตั้งค่าระบบ on the fake spreadsheet: tabs, headers, drop-downs, frozen rows, warning protections,
// triggers, the report folder and the function URL asked once; a second run changes nothing.
import { describe, expect, it } from "vitest";
import { PROPERTY_KEYS } from "../../apps-script/src/settings.ts";
import { runSetup } from "../../apps-script/src/setup.ts";
import { CATEGORIES } from "../../functions/src/domain/closed-sets.ts";
import { createFakeWorld } from "./fakes/fake-services.ts";
import { FakeSpreadsheet } from "./fakes/fake-spreadsheet.ts";

const stateOf = (ss: FakeSpreadsheet) =>
  JSON.stringify(
    ss.sheets.map((s) => ({
      name: s.name,
      rows: s.rows,
      frozen: s.frozenRows,
      validations: [...s.validations],
      protections: [...s.rangeProtections, ...s.sheetProtections],
    })),
  );

describe("runSetup", () => {
  it("builds the workbook once, asks for the URL once, and a second run changes nothing", () => {
    const ss = new FakeSpreadsheet();
    ss.addSheet("ผลิตภัณฑ์", [
      ["ชื่อผลิตภัณฑ์", "ประเภท", "อำเภอ"],
      ["ผ้าทอ", "ผ้า", "ฝาง"],
    ]);
    const w = createFakeWorld({ spreadsheet: ss });
    w.ui.promptAnswers.push({ button: "OK", text: " https://asia-southeast1-kbo.cloudfunctions.net/ " });
    const first = runSetup(w.services, w.ui);
    expect(first.functionUrlSet).toBe(true);
    expect(w.properties.getProperty(PROPERTY_KEYS.functionBaseUrl)).toBe(
      "https://asia-southeast1-kbo.cloudfunctions.net",
    );
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
    expect(w.triggers).toEqual([
      { handler: "handleEdit", kind: "edit" },
      { handler: "handleChange", kind: "change" },
      { handler: "flushQueue", kind: "every 1 min" },
    ]);
    expect(w.folders).toHaveLength(1);

    const before = stateOf(ss);
    const prompts = w.ui.alerts.length;
    const second = runSetup(w.services, w.ui);
    expect(second.ops.filter((o) => o.kind !== "validation")).toEqual([]);
    expect(stateOf(ss)).toBe(before);
    expect(w.ui.alerts.length).toBe(prompts);
    expect(w.triggers).toHaveLength(3);
    expect(w.folders).toHaveLength(1);
  });

  it("refuses a URL that is not https and leaves it unset", () => {
    const w = createFakeWorld();
    w.ui.promptAnswers.push({ button: "OK", text: "http://evil.example" });
    expect(runSetup(w.services, w.ui).functionUrlSet).toBe(false);
    expect(w.properties.getProperty(PROPERTY_KEYS.functionBaseUrl)).toBeNull();
  });
});
