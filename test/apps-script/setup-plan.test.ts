// The setup plan: tabs, headers, drop-downs from the domain's closed sets, frozen rows, plain-text
// columns, protections and triggers for an empty spreadsheet; only what is missing for a partial one;
// tabs found as the server finds them, and a tab two sheets claim left alone.
import { describe, expect, it } from "vitest";
import { planSetup, TRIGGERS, tabHeaders } from "../../apps-script/src/setup-plan.ts";
import { inexactText } from "../../apps-script/src/tab-resolver.ts";
import { CATEGORIES, DISTRICT_NAMES } from "../../functions/src/domain/closed-sets.ts";
import { SUMMARY_TAB_NAMES, TAB_SPECS } from "../../functions/src/domain/tabs.ts";

describe("planSetup", () => {
  it("for an empty spreadsheet creates every tab, header, drop-down, protection and trigger", () => {
    const { ops, conflicts } = planSetup({ sheets: [], triggers: [] });
    expect(conflicts).toEqual([]);
    const created = ops.filter((o) => o.kind === "createSheet").map((o) => (o as { sheet: string }).sheet);
    expect(created).toEqual([
      ...Object.values(TAB_SPECS).map((s) => s.th),
      ...Object.values(SUMMARY_TAB_NAMES).map((s) => s.th),
    ]);
    expect(ops).toContainEqual({
      kind: "writeHeaders",
      sheet: "การประชุม",
      row: 1,
      column: 1,
      headers: tabHeaders("meetings"),
    });
    const lists = ops.filter((o) => o.kind === "validation");
    expect(lists.find((v) => v.sheet === "ผลิตภัณฑ์" && v.column === 4)?.list).toEqual(
      CATEGORIES.map((c) => c.th),
    );
    expect(lists.find((v) => v.sheet === "ผลิตภัณฑ์" && v.column === 6)?.list).toEqual([...DISTRICT_NAMES]);
    expect(lists.find((v) => v.sheet === "ผู้เข้าประชุม" && v.column === 1)?.rangeOf).toEqual({
      sheet: "การประชุม",
      column: 2,
      fromRow: 2,
    });
    expect(ops.filter((o) => o.kind === "protectColumn")).toHaveLength(2 + 4 + 1 + 1);
    expect(ops.filter((o) => o.kind === "protectSheet")).toHaveLength(3);
    // รหัส, ครั้งที่, วาระที่ and เบอร์โทร: what staff type there stays text.
    expect(
      ops
        .filter((o) => o.kind === "plainText")
        .map((o) => `${(o as { sheet: string }).sheet}:${(o as { column: number }).column}`),
    ).toEqual([
      "ผลิตภัณฑ์:1",
      "ผลิตภัณฑ์:7",
      "การประชุม:1",
      "การประชุม:2",
      "ผู้เข้าประชุม:1",
      "วาระการประชุม:1",
      "วาระการประชุม:2",
    ]);
    expect(
      ops.filter((o) => o.kind === "createTrigger").map((o) => (o as { handler: string }).handler),
    ).toEqual(TRIGGERS.map((t) => t.handler));
  });

  it("for an existing tab with a title row adds only the missing columns after the last one", () => {
    const { ops } = planSetup({
      sheets: [
        {
          name: "products",
          top: [["ทะเบียน"], ["year", "ชื่อผลิตภัณฑ์", "ประเภท", "กลุ่มผู้ผลิต", "อำเภอ"]],
          frozenRows: 2,
          protections: [],
        },
      ],
      triggers: TRIGGERS.map((t) => t.handler),
    });
    const mine = ops.filter((o) => "sheet" in o && o.sheet === "products");
    expect(mine.find((o) => o.kind === "createSheet")).toBeUndefined();
    expect(mine.find((o) => o.kind === "freeze")).toBeUndefined();
    expect(mine.find((o) => o.kind === "writeHeaders")).toEqual({
      kind: "writeHeaders",
      sheet: "products",
      row: 2,
      column: 6,
      headers: ["รหัส", "เบอร์โทร", "รายได้ (บาท)", "สถานะ", "หมายเหตุ", "ผลการตรวจสอบ"],
    });
    expect(mine.find((o) => o.kind === "validation")).toMatchObject({ column: 3, fromRow: 3 });
    expect(ops.find((o) => o.kind === "createTrigger")).toBeUndefined();
  });
});

describe("planSetup finds tabs as the server does", () => {
  const sheet = (name: string, top: string[][] = [["ชื่อผลิตภัณฑ์", "อำเภอ"]]) => ({
    name,
    top,
    frozenRows: 1,
    protections: [],
  });

  it('takes a sheet named "Products " for the products tab instead of making an empty ผลิตภัณฑ์', () => {
    const { ops } = planSetup({ sheets: [sheet("Products ")], triggers: [] });
    const created = ops.filter((o) => o.kind === "createSheet").map((o) => (o as { sheet: string }).sheet);
    expect(created).not.toContain("ผลิตภัณฑ์");
    expect(ops).toContainEqual(expect.objectContaining({ kind: "writeHeaders", sheet: "Products " }));
  });

  it('takes "ผลิตภัณฑ์ 2563" for the products tab, with a warning, instead of making an empty ผลิตภัณฑ์', () => {
    const { ops, inexact } = planSetup({ sheets: [sheet("ผลิตภัณฑ์ 2563")], triggers: [] });
    const created = ops.filter((o) => o.kind === "createSheet").map((o) => (o as { sheet: string }).sheet);
    expect(created).not.toContain("ผลิตภัณฑ์");
    expect(inexact).toEqual([{ tab: "products", sheet: "ผลิตภัณฑ์ 2563" }]);
    expect(inexactText(inexact[0]!)).toMatch(
      /^อ่านแท็บ "ผลิตภัณฑ์ 2563" เป็นแท็บ ผลิตภัณฑ์.* \/ read sheet "ผลิตภัณฑ์ 2563" as the products tab/,
    );
  });

  it("leaves the products tab alone beside a copy named with a year, naming both", () => {
    const { ops, conflicts } = planSetup({ sheets: [sheet("ผลิตภัณฑ์"), sheet("ผลิตภัณฑ์ 2562")], triggers: [] });
    expect(conflicts).toEqual([{ tab: "products", sheets: ["ผลิตภัณฑ์", "ผลิตภัณฑ์ 2562"] }]);
    expect(ops.filter((o) => "sheet" in o && o.sheet.startsWith("ผลิตภัณฑ์"))).toEqual([]);
  });

  it("leaves a tab two sheets claim alone, and says so", () => {
    const { ops, conflicts } = planSetup({ sheets: [sheet("Products"), sheet("ผลิตภัณฑ์")], triggers: [] });
    expect(conflicts).toEqual([{ tab: "products", sheets: ["Products", "ผลิตภัณฑ์"] }]);
    expect(ops.filter((o) => "sheet" in o && (o.sheet === "Products" || o.sheet === "ผลิตภัณฑ์"))).toEqual([]);
  });

  it("does not touch a summary tab staff protected themselves, nor install another owner's triggers", () => {
    const summary = { ...sheet("สรุปตามประเภท", []), sheetProtected: true };
    const { ops } = planSetup({ sheets: [summary], triggers: [], triggersOwnedElsewhere: true });
    expect(ops.find((o) => o.kind === "protectSheet" && o.sheet === "สรุปตามประเภท")).toBeUndefined();
    expect(ops.filter((o) => o.kind === "createTrigger")).toEqual([]);
  });
});
