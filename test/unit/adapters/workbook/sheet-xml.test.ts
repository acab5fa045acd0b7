// The sheet patcher: only the cells written change, whatever the producer's XML looks like (prefixes,
// rows and cells without references, empty rows, a row's extLst), and the text goes in exactly.
import { describe, expect, it } from "vitest";
import {
  ensureColumnWidth,
  patchSheetCells,
  sheetFacts,
  sheetMerges,
  styleLeftOf,
} from "../../../../functions/src/adapters/workbook/sheet-xml.ts";
import { stringItemText } from "../../../../functions/src/adapters/workbook/xlsx-package.ts";
import { escapeCellText, unescapeCellText } from "../../../../functions/src/adapters/workbook/xml-text.ts";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const sheet = (data: string, before = '<dimension ref="A1:C3"/>', after = "") =>
  `<?xml version="1.0"?>\n<worksheet ${NS}>${before}<sheetData>${data}</sheetData>${after}</worksheet>`;
const inline = (ref: string, text: string, s = "") =>
  `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`;

describe("patchSheetCells", () => {
  const base = sheet(
    '<row r="1" spans="1:3"><c r="A1" s="1" t="s"><v>0</v></c><c r="C1" s="1" t="s"><v>1</v></c></row>' +
      '<row r="3" spans="1:2"><c r="A3"><v>7</v></c><c r="B3" s="4"/></row>',
  );

  it("inserts, replaces and appends cells in column order, widening spans and the dimension", () => {
    const out = patchSheetCells(base, [
      { row: 1, col: 1, text: "B" },
      { row: 3, col: 1, text: "kept style", style: 9 },
      { row: 3, col: 4, text: "E", style: 2 },
    ]);
    expect(out.written).toBe(3);
    expect(out.xml).toBe(
      sheet(
        `<row r="1" spans="1:3"><c r="A1" s="1" t="s"><v>0</v></c>${inline("B1", "B")}<c r="C1" s="1" t="s"><v>1</v></c></row>` +
          `<row r="3" spans="1:5"><c r="A3"><v>7</v></c>${inline("B3", "kept style", ' s="4"')}${inline("E3", "E", ' s="2"')}</row>`,
        '<dimension ref="A1:E3"/>',
      ),
    );
  });

  it("adds missing rows in order, before, between and after the others", () => {
    const out = patchSheetCells(base, [
      { row: 2, col: 0, text: "two" },
      { row: 5, col: 2, text: "five" },
    ]);
    expect(out.xml).toContain(`</row><row r="2">${inline("A2", "two")}</row><row r="3"`);
    expect(out.xml).toContain(`<row r="5">${inline("C5", "five")}</row></sheetData>`);
    expect(out.xml).toContain('<dimension ref="A1:C5"/>');
  });

  it("keeps every byte outside the written cells", () => {
    const out = patchSheetCells(base, [{ row: 3, col: 3, text: "D" }]);
    expect(out.xml).toBe(
      base
        .replace('ref="A1:C3"', 'ref="A1:D3"')
        .replace('<row r="3" spans="1:2">', '<row r="3" spans="1:4">')
        .replace('<c r="B3" s="4"/></row>', `<c r="B3" s="4"/>${inline("D3", "D")}</row>`),
    );
  });

  it("never overwrites a formula (other cells may depend on it) and says so", () => {
    const xml = sheet(
      '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="shared"><f t="shared" ref="B2:B9" si="0">A2</f><v>2</v></c></row>',
    );
    const out = patchSheetCells(xml, [
      { row: 2, col: 0, text: "x" },
      { row: 2, col: 1, text: "y" },
      { row: 2, col: 2, text: "z" },
    ]);
    expect(out.skipped.map((w) => w.col)).toEqual([0, 1]);
    expect(out.written).toBe(1);
    expect(out.xml).toContain("<f>1+1</f><v>2</v></c>");
    expect(out.xml).toContain(inline("C2", "z"));
  });

  it("reads rows and cells without references (r is optional) and keeps a producer's namespace prefix", () => {
    const xml =
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c><x:v>1</x:v></x:c></x:row><x:row><x:c><x:v>2</x:v></x:c></x:row>' +
      "</x:sheetData></x:worksheet>";
    const out = patchSheetCells(xml, [{ row: 2, col: 2, text: "C2" }]);
    expect(out.xml).toContain(
      '<x:row><x:c><x:v>2</x:v></x:c><x:c r="C2" t="inlineStr"><x:is><x:t xml:space="preserve">C2</x:t></x:is></x:c></x:row>',
    );
    expect(sheetFacts(xml).lastUsedColumn).toBe(1);
  });

  it("opens an empty row or an empty sheetData to put cells in, and keeps a row's extLst last", () => {
    expect(patchSheetCells(sheet('<row r="1" spans="1:1"/>'), [{ row: 1, col: 1, text: "b" }]).xml).toContain(
      `<row r="1" spans="1:2">${inline("B1", "b")}</row>`,
    );
    const empty = `<worksheet ${NS}><sheetData/><pageMargins left="0.7"/></worksheet>`;
    expect(patchSheetCells(empty, [{ row: 1, col: 0, text: "a" }]).xml).toBe(
      `<worksheet ${NS}><sheetData><row r="1">${inline("A1", "a")}</row></sheetData><pageMargins left="0.7"/></worksheet>`,
    );
    const ext = sheet('<row r="1"><c r="A1"><v>1</v></c><extLst><ext uri="x"/></extLst></row>');
    expect(patchSheetCells(ext, [{ row: 1, col: 1, text: "b" }]).xml).toContain(
      `<c r="A1"><v>1</v></c>${inline("B1", "b")}<extLst><ext uri="x"/></extLst></row>`,
    );
  });

  it("writes any text exactly: markup, entities, line breaks, Thai, emoji, controls, a literal _x0041_", () => {
    const texts = [
      'ไม่ถูกต้อง ยังไม่บันทึก / invalid\nผิดพลาด (F3): "สันกำแพ" <b>&amp;</b>',
      "น้ำพริกหนุ่ม 😀👩\u200D👩\u200D👧",
      "bell\u0007 and _x0041_ and _x005F_",
      "  spaces kept  ",
    ];
    for (const text of texts) {
      const out = patchSheetCells(sheet(""), [{ row: 1, col: 0, text }]);
      const inner = /<is>([\s\S]*)<\/is>/.exec(out.xml)![1]!;
      expect(stringItemText(inner)).toBe(text);
      expect(unescapeCellText(escapeCellText(text))).toBe(text);
    }
  });
});

describe("sheet facts", () => {
  it("finds the right-most cell holding anything (empty styled cells are only formatting) and the merges", () => {
    const xml = sheet(
      '<row r="1"><c r="A1"><v>1</v></c><c r="F1" s="3"/></row><row r="2"><c r="D2" t="s"><v>0</v></c></row>',
      "",
      '<mergeCells count="2"><mergeCell ref="A5:B6"/><mergeCell ref="C1:C3"/></mergeCells>',
    );
    expect(sheetFacts(xml).lastUsedColumn).toBe(3);
    expect(sheetMerges(xml)).toEqual(["A5:B6", "C1:C3"]);
    expect(styleLeftOf(xml, 1, 5)).toBeUndefined();
    expect(
      styleLeftOf(sheet('<row r="1"><c r="A1" s="5" t="s"><v>0</v></c><c r="B1" s="7"/></row>'), 1, 3),
    ).toBe(5);
  });
});

describe("ensureColumnWidth", () => {
  it("adds a <col> in order, creates <cols> when there is none, and leaves a column staff sized alone", () => {
    const withCols = sheet(
      "",
      '<cols><col min="1" max="2" width="9"/><col min="9" max="9" width="5"/></cols>',
    );
    expect(ensureColumnWidth(withCols, 4, 60)).toContain(
      '<col min="1" max="2" width="9"/><col min="5" max="5" width="60" customWidth="1"/><col min="9" max="9" width="5"/>',
    );
    expect(ensureColumnWidth(withCols, 1, 60)).toBe(withCols);
    expect(ensureColumnWidth(sheet(""), 0, 60)).toContain(
      '<cols><col min="1" max="1" width="60" customWidth="1"/></cols><sheetData>',
    );
    const all = sheet("", '<cols><col min="1" max="1024" width="9"/></cols>');
    expect(ensureColumnWidth(all, 11, 60)).toBe(all);
  });
});
