// The committed examples/kbo-sample.xlsx: regenerating it gives the same bytes (so it is never stale),
// and it holds the four record tabs with the contract's Thai headers (bold, frozen), blank ids, and
// the meeting date as a real date cell.
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  SAMPLE_WORKBOOK_PATH,
  sampleSheets,
  SAMPLE_WORKBOOK_DATE as WORKBOOK_DATE,
} from "../../../examples/build-sample-workbook.ts";
import { SAMPLE_AGENDA, SAMPLE_ATTENDEES, SAMPLE_PRODUCTS } from "../../../examples/sample-data.ts";
import { sampleHeaders, workbookBuffer } from "../../support/workbook-builder.ts";

const workbook = new ExcelJS.Workbook();

beforeAll(async () => {
  await workbook.xlsx.readFile(SAMPLE_WORKBOOK_PATH);
});

/** The values of a sheet's used rows, as plain arrays (index 0 = column A). */
function values(name: string): unknown[][] {
  const rows: unknown[][] = [];
  workbook.getWorksheet(name)!.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describe("examples/kbo-sample.xlsx", () => {
  it("is what `npm run examples` generates now, byte for byte", async () => {
    const fresh = await workbookBuffer(sampleSheets(), { date: WORKBOOK_DATE });
    const committed = await readFile(SAMPLE_WORKBOOK_PATH);
    expect(committed.equals(fresh), "run `npm run examples` and commit examples/kbo-sample.xlsx").toBe(true);
  });

  it("has the four record tabs, each with its Thai headers in row 1, bold and frozen", () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "ผลิตภัณฑ์",
      "การประชุม",
      "ผู้เข้าประชุม",
      "วาระการประชุม",
    ]);
    const tabs = ["products", "meetings", "attendees", "agenda"] as const;
    tabs.forEach((tab, i) => {
      const sheet = workbook.worksheets[i]!;
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(sampleHeaders(tab));
      expect(sheet.getCell("A1").font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    });
  });

  it("has one row per sample record, ids and check results left blank", () => {
    const products = values("ผลิตภัณฑ์");
    expect(products).toHaveLength(1 + SAMPLE_PRODUCTS.length);
    for (const row of products.slice(1)) {
      expect(row[0] ?? null).toBeNull(); // รหัส
      expect(row[10] ?? null).toBeNull(); // ผลการตรวจสอบ
    }
    expect(products.slice(1).filter((r) => r[1] === 2562)).toHaveLength(11);
    expect(products.slice(1).filter((r) => r[1] === 2563)).toHaveLength(20);
    expect(values("ผู้เข้าประชุม")).toHaveLength(1 + SAMPLE_ATTENDEES.length);
    expect(values("วาระการประชุม")).toHaveLength(1 + SAMPLE_AGENDA.length);
  });

  it("keeps revenues as staff typed them: numbers, and 'N บาท' text", () => {
    const revenues = values("ผลิตภัณฑ์")
      .slice(1)
      .map((r) => r[7]);
    expect(revenues).toContain(38000);
    expect(revenues).toContain("45,000 บาท");
  });

  it("stores the meeting date as a real date cell of 13 January 2020 (13 มกราคม 2563)", () => {
    const sheet = workbook.getWorksheet("การประชุม")!;
    expect(sheet.getCell("B2").value).toBe("1/2563");
    const date = sheet.getCell("D2").value;
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).toISOString()).toBe("2020-01-13T00:00:00.000Z");
    expect(sheet.getCell("E2").value).toBe("09.30 น.");
    expect(sheet.getCell("F2").value).toBe("12.00 น.");
  });

  it("carries the fixed document dates, not the time it was built", () => {
    expect(workbook.created.toISOString()).toBe(WORKBOOK_DATE.toISOString());
    expect(workbook.modified.toISOString()).toBe(WORKBOOK_DATE.toISOString());
  });
});
