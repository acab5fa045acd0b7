// The test workbook builder: every cell kind it writes reads back through exceljs as that kind, blank
// rows stay blank, the header is bold and frozen, and the same data gives the same bytes.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TAB_SPECS } from "../../../functions/src/domain/tabs.ts";
import {
  type SheetData,
  sampleHeaders,
  workbookBuffer,
  writeWorkbook,
} from "../../support/workbook-builder.ts";

const meetingDate = new Date(Date.UTC(2020, 0, 13));
const SHEETS: SheetData[] = [
  {
    name: "ผลิตภัณฑ์",
    rows: [
      ["ชื่อผลิตภัณฑ์", "รายได้ (บาท)", "วันที่", "กลุ่มผู้ผลิต", "เว็บไซต์", "สูตร"],
      [
        "ผ้าฝ้ายทอมือ",
        45000,
        meetingDate,
        { richText: [{ text: "กลุ่ม", font: { bold: true } }, { text: "ทอผ้า" }] },
      ],
      [],
      [null, null, null, null, null, null],
      ["ร่มบ่อสร้าง", "45,000 บาท", null, null, { hyperlink: "https://example.org/kbo", text: "เว็บกลุ่ม" }],
      [null, null, null, null, null, { formula: "B2*2", result: 90000 }],
      ["เครื่องเขิน", true, null, null, null, { formula: 'B2&" บาท"', result: "45000 บาท" }],
    ],
  },
  { name: "ว่าง", rows: [["หัวตาราง"]] },
];

let dir: string;
let sheet: ExcelJS.Worksheet;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-builder-"));
  const path = join(dir, "cells.xlsx");
  await writeWorkbook(path, SHEETS);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(["ผลิตภัณฑ์", "ว่าง"]);
  sheet = workbook.getWorksheet("ผลิตภัณฑ์")!;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeWorkbook", () => {
  it("keeps Thai strings and numbers as typed values", () => {
    expect(sheet.getCell("A2").value).toBe("ผ้าฝ้ายทอมือ");
    expect(sheet.getCell("B2").value).toBe(45000);
    expect(sheet.getCell("B5").value).toBe("45,000 บาท");
    expect(sheet.getCell("B7").value).toBe(true);
  });

  it("writes dates as real date cells (same UTC day)", () => {
    const value = sheet.getCell("C2").value;
    expect(value).toBeInstanceOf(Date);
    expect((value as Date).toISOString()).toBe("2020-01-13T00:00:00.000Z");
    expect(sheet.getCell("C2").numFmt).toBe("dd/mm/yyyy");
  });

  it("keeps rich text runs", () => {
    const value = sheet.getCell("D2").value as ExcelJS.CellRichTextValue;
    expect(value.richText.map((r) => r.text)).toEqual(["กลุ่ม", "ทอผ้า"]);
    expect(value.richText[0]?.font?.bold).toBe(true);
  });

  it("keeps hyperlinks with their text", () => {
    expect(sheet.getCell("E5").value).toEqual({ text: "เว็บกลุ่ม", hyperlink: "https://example.org/kbo" });
  });

  it("keeps formulas with their cached results", () => {
    expect(sheet.getCell("F6").value).toEqual({ formula: "B2*2", result: 90000 });
    expect(sheet.getCell("F7").value).toEqual({ formula: 'B2&" บาท"', result: "45000 บาท" });
  });

  it("leaves empty rows in the middle blank, keeping later rows' numbers", () => {
    const used: number[] = [];
    sheet.eachRow({ includeEmpty: false }, (_row, n) => used.push(n));
    expect(used).toEqual([1, 2, 5, 6, 7]);
  });

  it("makes the header row bold and frozen", () => {
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.getCell("A2").font?.bold).not.toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(1).width).toBeGreaterThan(8);
  });

  it("gives identical bytes for identical data, whatever the clock says", async () => {
    const first = await workbookBuffer(SHEETS);
    await new Promise((resolve) => setTimeout(resolve, 2100)); // zip times have 2-second resolution
    const second = await workbookBuffer(SHEETS);
    expect(second.equals(first)).toBe(true);
    const onDisk = await readFile(join(dir, "cells.xlsx"));
    expect(onDisk.equals(first)).toBe(true);
  });
});

describe("sampleHeaders", () => {
  it("gives each record tab's Thai headers in contract order", () => {
    expect(sampleHeaders("products")).toEqual([
      "รหัส",
      "ปี พ.ศ.",
      "ชื่อผลิตภัณฑ์",
      "ประเภท",
      "กลุ่มผู้ผลิต",
      "อำเภอ",
      "เบอร์โทร",
      "รายได้ (บาท)",
      "สถานะ",
      "หมายเหตุ",
      "ผลการตรวจสอบ",
    ]);
    for (const tab of ["meetings", "attendees", "agenda"] as const) {
      expect(sampleHeaders(tab)).toEqual(TAB_SPECS[tab].columns.map((c) => c.th));
      expect(sampleHeaders(tab).at(-1)).toBe("ผลการตรวจสอบ");
    }
  });
});
