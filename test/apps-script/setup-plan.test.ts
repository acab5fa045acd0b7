// The setup plan: tabs, headers, drop-downs from the domain's closed sets, frozen rows, protections
// and triggers for an empty spreadsheet; only what is missing for a partial one.
import { describe, expect, it } from "vitest";
import { planSetup, TRIGGERS, tabHeaders } from "../../apps-script/src/setup-plan.ts";
import { CATEGORIES, DISTRICT_NAMES } from "../../functions/src/domain/closed-sets.ts";
import { SUMMARY_TAB_NAMES, TAB_SPECS } from "../../functions/src/domain/tabs.ts";

describe("planSetup", () => {
  it("for an empty spreadsheet creates every tab, header, drop-down, protection and trigger", () => {
    const ops = planSetup({ sheets: [], triggers: [] });
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
    expect(
      ops.filter((o) => o.kind === "createTrigger").map((o) => (o as { handler: string }).handler),
    ).toEqual(TRIGGERS.map((t) => t.handler));
  });

  it("for an existing tab with a title row adds only the missing columns after the last one", () => {
    const ops = planSetup({
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
