import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkbook } from "../../../../functions/src/adapters/workbook/read-workbook.ts";
import { writeWorkbook } from "../../../support/workbook-builder.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-read-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readWorkbook", () => {
  it("keeps cell types and sheet row numbers", async () => {
    const file = join(dir, "kinds.xlsx");
    const date = new Date(Date.UTC(2020, 0, 13));
    await writeWorkbook(file, [
      {
        name: "ผลิตภัณฑ์",
        rows: [
          ["ข้อความ", "ตัวเลข", "วันที่", "สูตร", "ข้อความหลายแบบ", "ลิงก์", "จริงเท็จ"],
          [
            "น้ำพริกหนุ่ม",
            272500,
            date,
            { formula: "B2*2", result: 545000 },
            { richText: [{ text: "ผ้า", font: { bold: true } }, { text: "ฝ้าย" }] },
            { hyperlink: "https://example.org", text: "ดูเว็บ" },
            true,
          ],
          [],
          [null, null, null, { formula: 'TEXT(C2,"dd/mm/yyyy")', result: "13/01/2020" }],
        ],
      },
    ]);
    const wb = await readWorkbook(file);
    expect(wb.sheets.map((s) => s.name)).toEqual(["ผลิตภัณฑ์"]);
    const rows = wb.sheets[0]!.rows;
    expect(rows.map((r) => r.row)).toEqual([1, 2, 4]);
    expect(rows[1]!.cells).toEqual(["น้ำพริกหนุ่ม", 272500, date, 545000, "ผ้าฝ้าย", "ดูเว็บ", true]);
    expect(rows[2]!.cells).toEqual([null, null, null, "13/01/2020"]);
  });

  it("fails with a code on a missing file and on a file that is not an xlsx", async () => {
    await expect(readWorkbook(join(dir, "none.xlsx"))).rejects.toMatchObject({ code: "WORKBOOK_NOT_FOUND" });
    const bad = join(dir, "bad.xlsx");
    await writeFile(bad, "ไม่ใช่ไฟล์ Excel");
    await expect(readWorkbook(bad)).rejects.toMatchObject({ code: "WORKBOOK_UNREADABLE" });
  });
});
