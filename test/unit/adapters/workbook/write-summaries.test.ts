// The summary tabs go into the workbook as whole sheets of the system's own; the staff's parts (chart,
// note, macros, defined names) stay byte for byte, a rebuild replaces the tabs in place, and exceljs
// reads them back as Excel would show them: bold frozen header, number formats, text kept as text.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { writeSummarySheets } from "../../../../functions/src/adapters/workbook/write-summaries.ts";
import { XlsxPackage } from "../../../../functions/src/adapters/workbook/xlsx-package.ts";
import { readZipParts } from "../../../../functions/src/adapters/workbook/xlsx-zip.ts";
import { summarise } from "../../../../functions/src/domain/summaries.ts";
import { buildSummaryTables } from "../../../../functions/src/domain/summaries-tables.ts";
import { officeWorkbook } from "../../../support/office-workbook.ts";

const tables = (revenue: number) =>
  buildSummaryTables(
    summarise(
      [
        {
          id: "KBO-2563-001",
          year: 2563,
          product: "=1+1",
          category: "textile",
          producer: "กลุ่ม",
          district: "สันกำแพง",
          revenueSatang: revenue * 100,
        },
        {
          id: "KBO-2563-002",
          year: 2563,
          product: "ผ้า",
          category: "food",
          producer: "กลุ่ม",
          district: "สันทราย",
          revenueSatang: 100_000,
        },
      ] as never,
      [],
    ),
  );

describe("writeSummarySheets", () => {
  it("adds the summary tabs and keeps every other part byte for byte; a rebuild replaces them in place", async () => {
    const { bytes } = await officeWorkbook({ macros: true });
    const pkg = await XlsxPackage.read(bytes, "office.xlsm");
    writeSummarySheets(pkg, tables(272_500));
    const once = await pkg.toBuffer();
    const before = await readZipParts(bytes, "before");
    const after = await readZipParts(once, "after");
    const changed = before
      .filter((p) => !after.find((a) => a.name === p.name)!.data.equals(p.data))
      .map((p) => p.name);
    expect(changed.sort()).toEqual([
      "[Content_Types].xml",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/workbook.xml",
    ]);
    const added = after.slice(before.length).map((p) => p.name);
    expect(added).toHaveLength(3);

    const again = await XlsxPackage.read(once, "once.xlsm");
    writeSummarySheets(again, tables(300_000));
    const twice = await readZipParts(await again.toBuffer(), "twice");
    expect(twice.map((p) => p.name)).toEqual(after.map((p) => p.name));
    const moved = twice
      .filter((p) => !after.find((a) => a.name === p.name)!.data.equals(p.data))
      .map((p) => p.name);
    // Only the summary that holds revenue changed (the styles it needs were there already).
    expect(moved.every((n) => added.includes(n))).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await again.toBuffer()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("สรุปตามประเภท")!;
    expect(ws.getCell("A1").value).toBe("ปี พ.ศ.");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(ws.getCell("A3").value).toBe(2563);
    const revenue = ws.getRow(3).values as unknown[];
    expect(revenue).toContain(300_000);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "ผลิตภัณฑ์",
      "ข้อมูลอื่น",
      "สรุปตามประเภท",
      "สรุปตามอำเภอ",
      "สรุปการประชุม",
    ]);
    // Nothing became a formula.
    let formulas = 0;
    for (const w of wb.worksheets) w.eachRow((r) => r.eachCell((c) => void (c.formula && formulas++)));
    expect(formulas).toBe(1);
  });
});
