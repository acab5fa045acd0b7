// Reading a tab for the sync: header found by text below title rows, blank rows dropped, dates and
// times tagged as the wall clock of the sheet's zone, content keys that ignore system columns and order.
import { describe, expect, it } from "vitest";
import { contentKey, locateLayout, snapshotTab, toWireCell } from "../../apps-script/src/sheet-snapshot.ts";
import { formatDate } from "./fakes/fake-services.ts";

const fmt = (d: Date, p: string) => formatDate(d, "Asia/Bangkok", p);

describe("snapshotTab", () => {
  it("finds the header below a title row (English aliases too) and keeps sheet row numbers", () => {
    const snap = snapshotTab(
      "products",
      [
        ["ทะเบียนผลิตภัณฑ์ OTOP", "", ""],
        ["id", "ชื่อผลิตภัณฑ์", "district", "ผลการตรวจสอบ"],
        ["", "ผ้าทอ", "สันทราย", ""],
        ["", "", "", ""],
        ["KBO-2563-001", "ร่ม", "สันกำแพง", "✓"],
      ],
      fmt,
    )!;
    expect(snap.layout).toEqual({ headerRow: 2, columns: { id: 0, product: 1, district: 2, check: 3 } });
    expect(snap.rows.map((r) => r.row)).toEqual([3, 5]);
    expect(snap.rows[0]!.values).toEqual([null, "ผ้าทอ", "สันทราย", null]);
  });
  it("has no layout for a sheet without known headers", () => {
    expect(
      locateLayout("products", [
        ["a", "b"],
        ["c", "d"],
      ]),
    ).toBeUndefined();
  });
  it.each([
    [new Date("2020-01-12T17:00:00Z"), { date: "2020-01-13T00:00:00" }],
    // A time-of-day cell: 30 Dec 1899 in the sheet's zone (Bangkok's local mean time then, +6:42:04).
    [new Date("1899-12-30T02:47:56Z"), { date: "1899-12-30T09:30:00" }],
    [new Date(Number.NaN), null],
    ["", null],
    [Number.NaN, null],
    [272500, 272500],
    ["1/2563", "1/2563"],
  ])("toWireCell(%s) = %j", (cell, wire) => {
    expect(toWireCell(cell as never, fmt)).toEqual(wire);
  });
  it("drops a row whose only content is a leftover ผลการตรวจสอบ", () => {
    const snap = snapshotTab(
      "products",
      [
        ["ชื่อผลิตภัณฑ์", "ผลการตรวจสอบ"],
        ["", "✓ บันทึกแล้ว"],
        ["ร่ม", ""],
      ],
      fmt,
    )!;
    expect(snap.rows.map((r) => r.row)).toEqual([3]);
  });
  it("compares content by field, without id and check", () => {
    const a = { headerRow: 1, columns: { id: 0, product: 1, district: 2, check: 3 } };
    const b = { headerRow: 1, columns: { district: 0, product: 1 } };
    expect(contentKey(a, ["X", "ผ้า", "ฝาง", "✓"])).toBe(contentKey(b, ["ฝาง", "ผ้า"]));
    expect(contentKey(a, ["X", "ผ้า", "ฝาง", "✓"])).not.toBe(contentKey(b, ["ฮอด", "ผ้า"]));
  });
});
