// The write-back: ids and check text land on the row the record is on now (moved, sorted, inserted
// around), rows edited meanwhile are skipped, cells already right are not rewritten, and problem
// notes are added and cleared.
import { describe, expect, it } from "vitest";
import { matchRows } from "../../apps-script/src/row-diff.ts";
import { snapshotTab } from "../../apps-script/src/sheet-snapshot.ts";
import {
  buddhistStamp,
  checkText,
  MARK_COLORS,
  markGrids,
  NOTE_PREFIX,
  noteText,
  planWriteBack,
  type RowOutcome,
  valueBlocks,
} from "../../apps-script/src/write-back-plan.ts";
import { formatDate } from "./fakes/fake-services.ts";

const fmt = (d: Date, p: string) => formatDate(d, "Asia/Bangkok", p);
const HEADER = ["รหัส", "ชื่อผลิตภัณฑ์", "อำเภอ", "ผลการตรวจสอบ"];
const snap = (rows: (string | null)[][]) => snapshotTab("products", [HEADER, ...rows] as never, fmt)!;

const districtIssue = {
  field: "district",
  column: "C",
  severity: "error" as const,
  message_th: "ไม่รู้จักอำเภอ",
  message_en: "unknown district",
};
const saved = (row: number, id: string, action: RowOutcome["action"] = "created"): RowOutcome => ({
  row,
  id,
  action,
  check: "ถูกต้อง บันทึกแล้ว / valid, saved",
  issues: [],
});

describe("matchRows", () => {
  it("follows rows by id and by content through inserts, deletes and sorts", () => {
    const sent = snap([
      ["KBO-2563-001", "ผ้า", "ฝาง"],
      [null, "ร่ม", "ฮอด"],
      [null, "ชา", "ฝาง"],
    ]);
    // Staff sorted, inserted a row at the top, and edited the tea row meanwhile.
    const current = snap([
      [null, "ใหม่", "สารภี"],
      [null, "ชา", "ฮอด"],
      [null, "ร่ม", "ฮอด"],
      ["KBO-2563-001", "ผ้า", "ฝาง"],
    ]);
    expect([...matchRows(sent, current)].sort()).toEqual([
      [2, 5],
      [3, 4],
    ]);
  });
  it("pairs identical new rows in order, and keeps only rows in place when counts differ", () => {
    const sent = snap([
      [null, "ผ้า", "ฝาง"],
      [null, "ผ้า", "ฝาง"],
    ]);
    const shifted = snap([
      [null, "x", "ฮอด"],
      [null, "ผ้า", "ฝาง"],
      [null, "ผ้า", "ฝาง"],
    ]);
    expect([...matchRows(sent, shifted)]).toEqual([
      [2, 3],
      [3, 4],
    ]);
    const third = snap([
      [null, "ผ้า", "ฝาง"],
      [null, "ผ้า", "ฝาง"],
      [null, "ผ้า", "ฝาง"],
    ]);
    expect([...matchRows(sent, third)]).toEqual([
      [2, 2],
      [3, 3],
    ]);
  });
});

describe("planWriteBack", () => {
  const stamp = "20/01/2563 10:00 น.";

  it("writes the new id and ✓ to the row's current place, and marks the bad cell", () => {
    const sent = snap([
      [null, "ผ้า", "ฝาง"],
      [null, "ร่ม", "ไม่มี"],
    ]);
    const current = snap([
      [null, "แทรก", "ฮอด"],
      [null, "ผ้า", "ฝาง"],
      [null, "ร่ม", "ไม่มี"],
    ]);
    const plan = planWriteBack({
      sent,
      current,
      notes: [],
      stamp,
      outcomes: [
        saved(2, "KBO-2563-001"),
        {
          row: 3,
          action: "invalid",
          check: "ไม่ถูกต้อง ยังไม่บันทึก / invalid, not saved\nผิดพลาด (C): ไม่รู้จักอำเภอ / error: unknown district",
          issues: [districtIssue],
        },
      ],
    });
    expect(plan.values).toEqual([
      { row: 3, column: 1, value: "KBO-2563-001" },
      { row: 3, column: 4, value: `✓ บันทึกแล้ว ${stamp} / saved` },
      {
        row: 4,
        column: 4,
        value: "✗ ไม่ถูกต้อง ยังไม่บันทึก / invalid, not saved\nผิดพลาด (C): ไม่รู้จักอำเภอ / error: unknown district",
      },
    ]);
    expect(plan.marks).toEqual([
      { row: 4, column: 3, note: noteText([districtIssue]), background: MARK_COLORS.error },
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it("clears its own notes once fixed, leaves staff notes, and skips rows edited meanwhile", () => {
    const sent = snap([
      ["KBO-2563-001", "ผ้า", "ฝาง", "✗ ไม่ถูกต้อง"],
      ["KBO-2563-002", "ร่ม", "ฮอด"],
    ]);
    const current = snap([
      ["KBO-2563-001", "ผ้า", "ฝาง", "✗ ไม่ถูกต้อง"],
      ["KBO-2563-002", "ร่มแก้แล้ว", "ฮอด"],
    ]);
    const notes = [[], ["", "โน้ตของเจ้าหน้าที่", `${NOTE_PREFIX}\nผิดพลาด: เก่า`, ""]];
    const plan = planWriteBack({
      sent,
      current,
      notes,
      stamp,
      outcomes: [saved(2, "KBO-2563-001", "updated"), saved(3, "KBO-2563-002", "updated")],
    });
    expect(plan.marks).toEqual([{ row: 2, column: 3, note: null, background: null }]);
    expect(plan.values).toEqual([{ row: 2, column: 4, value: `✓ บันทึกแล้ว ${stamp} / saved` }]);
    expect(plan.skipped).toEqual([3]);
  });

  it("does not rewrite an unchanged row's ✓ or an existing identical note", () => {
    const row = ["KBO-2563-001", "ผ้า", "ฝาง", "✓ บันทึกแล้ว 19/01/2563 09:00 น. / saved"];
    const plan = planWriteBack({
      sent: snap([row]),
      current: snap([row]),
      notes: [],
      stamp,
      outcomes: [saved(2, "KBO-2563-001", "unchanged")],
    });
    expect(plan).toEqual({ values: [], marks: [], skipped: [] });
  });
});

describe("helpers", () => {
  it("checkText keeps the issue lines after the head", () => {
    const text = checkText({ ...saved(2, "X"), check: "ถูกต้อง\nคำเตือน (B): ปี ค.ศ. / warning: CE year" }, "t");
    expect(text).toBe("✓ บันทึกแล้ว t / saved\nคำเตือน (B): ปี ค.ศ. / warning: CE year");
  });
  it("valueBlocks makes one block per column, the rows between keeping what they hold", () => {
    const current = [
      ["รหัส", "ชื่อ", "ผลการตรวจสอบ"],
      ["", "ก", ""],
      ["KBO-2563-009", "ข", "✓ เดิม"],
      ["", "ค", ""],
      ["", "ง", ""],
    ];
    const blocks = valueBlocks(
      [
        { row: 4, column: 1, value: "c" },
        { row: 2, column: 1, value: "a" },
        { row: 5, column: 3, value: "✓" },
      ],
      current,
    );
    expect(blocks).toEqual([
      { row: 2, column: 1, cells: [["a"], ["KBO-2563-009"], ["c"]] },
      { row: 5, column: 3, cells: [["✓"]] },
    ]);
  });
  it("markGrids lays marks over the block's notes and colours, leaving the rest (white as no fill)", () => {
    const notes = [[], ["", "โน้ตของเจ้าหน้าที่", ""], ["", "", `${NOTE_PREFIX}\nเก่า`]];
    const grids = markGrids(
      [
        { row: 2, column: 3, note: "KBO · ใหม่", background: MARK_COLORS.error },
        { row: 3, column: 3, note: null, background: null },
      ],
      notes,
      [["#00ff00"], ["#f4cccc"]],
    );
    expect(grids).toEqual({
      notes: { row: 2, column: 3, cells: [["KBO · ใหม่"], [""]] },
      backgrounds: { row: 2, column: 3, cells: [[MARK_COLORS.error], [null]] },
    });
    const wide = markGrids(
      [
        { row: 2, column: 1, note: "n", background: "#fff2cc" },
        { row: 2, column: 3, note: "m", background: "#fff2cc" },
      ],
      notes,
      [["#ffffff", "#abcdef", "#FFFFFF"]],
    )!;
    expect(wide.notes.cells).toEqual([["n", "โน้ตของเจ้าหน้าที่", "m"]]);
    expect(wide.backgrounds.cells).toEqual([["#fff2cc", "#abcdef", "#fff2cc"]]);
  });
  it("buddhistStamp gives the Bangkok time with the BE year", () => {
    expect(buddhistStamp(new Date("2020-01-20T03:05:00Z"), fmt)).toBe("20/01/2563 10:05 น.");
  });
});
