// Tab and header names as staff type them: any Thai mark order, emoji, a year or other words around
// the name (read, with a warning from validation), never a summary tab.
import { describe, expect, it } from "vitest";
import { parseCategory } from "../../../functions/src/domain/normalise-category.ts";
import { parseDistrict } from "../../../functions/src/domain/normalise-district.ts";
import { columnMatcher, matchTab, matchTabName, recordTabsOf } from "../../../functions/src/domain/tabs.ts";

describe("matchTabName", () => {
  it.each([
    ["ผลิตภัณฑ์", "products", true],
    ["products", "products", true],
    ["ผลิตภัณฑ์ (products)", "products", true],
    ["📦 ผลิตภัณฑ์ ✨", "products", true],
    ["ผลิตภัณฑ์ 2563", "products", false],
    ["ข้อมูลผลิตภัณฑ์ ปี 63", "products", false],
    ["ผู้เข้าประชุม 2563", "attendees", false],
    ["ผู\u0E49เข\u0E49าประชุม", "attendees", true],
    ["ผ\u0E39\u0E49เข\u0E49าประชุม".replace("\u0E39\u0E49", "\u0E49\u0E39"), "attendees", true],
    ["วาระการประชุม 2563", "agenda", false],
    ["การประชุม", "meetings", true],
    ["Meetings 2020", "meetings", false],
  ])("%s → %s", (name, tab, exact) => {
    expect(matchTabName(name)).toEqual({ tab, exact });
    // On its own (Apps Script's triggers, the sync function), only an exact name is the tab.
    expect(matchTab(name)).toBe(exact ? tab : undefined);
  });

  it.each([
    "สรุปการประชุม",
    "สรุปตามประเภท",
    "สรุปผลิตภัณฑ์",
    "meeting summary",
    "agenda of meetings",
    "_kbo",
    "Sheet1",
    "",
    "📦",
  ])("%s is not a record tab", (name) => {
    expect(matchTabName(name)).toBeUndefined();
  });
});

describe("recordTabsOf", () => {
  it("reads a name with other words when it is the only one of its kind, and names both of two", () => {
    expect(recordTabsOf(["📦 ผลิตภัณฑ์", "ผู้เข้าประชุม 2563", "สรุปการประชุม", "Sheet1"])).toEqual({
      sheets: { products: "📦 ผลิตภัณฑ์", attendees: "ผู้เข้าประชุม 2563" },
      duplicates: {},
      inexact: ["ผู้เข้าประชุม 2563"],
    });
    expect(recordTabsOf(["ผลิตภัณฑ์", "Copy of ผลิตภัณฑ์", "การประชุม"])).toEqual({
      sheets: { meetings: "การประชุม" },
      duplicates: { products: ["ผลิตภัณฑ์", "Copy of ผลิตภัณฑ์"] },
      inexact: [],
    });
  });
});

describe("headers, districts and categories in another mark order", () => {
  it("finds the column, the district and the category, so nothing looks missing or is 'did you mean' itself", () => {
    const match = columnMatcher("products");
    expect(match("อ\u0E4D\u0E32เภอ")?.field).toBe("district");
    expect(match("ปี พ.ศ.")?.field).toBe("year");
    expect(parseDistrict("สันก\u0E4D\u0E32แพง")).toMatchObject({ ok: true, value: "สันกำแพง" });
    expect(parseDistrict("แม\u0E48\u0E48แตง")).toMatchObject({ ok: true, value: "แม่แตง" });
    expect(parseCategory("เคร\u0E48\u0E37องด\u0E37\u0E48ม")).toMatchObject({
      ok: true,
      value: "beverage",
      warnings: [],
    });
    // A real misspelling still gets its suggestion.
    expect(parseDistrict("สันกำแพ")).toMatchObject({ ok: false, problem: { code: "DISTRICT_UNKNOWN" } });
  });
});
