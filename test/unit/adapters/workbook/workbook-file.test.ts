// The write-back keeps everything it does not own byte for byte: every part of the zip is compared
// before and after (an Excel-style .xlsm with chart, picture, note, macros and defined names, and a
// workbook LibreOffice wrote), each cell of the sheet it writes into too. exceljs, measured on the same
// file, loses the chart, the note, the macros and the printer settings: why the cells are patched instead.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWorkbookFile } from "../../../../functions/src/adapters/workbook/workbook-file.ts";
import { readMetaOfFile } from "../../../../functions/src/adapters/workbook/workbook-identity.ts";
import { CHECK_HEADER, type TabWriteBack } from "../../../../functions/src/adapters/workbook/write-back.ts";
import { readZipParts, type ZipPart } from "../../../../functions/src/adapters/workbook/xlsx-zip.ts";
import { validateWorkbook } from "../../../../functions/src/domain/validate-workbook.ts";
import { officeWorkbook } from "../../../support/office-workbook.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-write-back-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CHECK = 'ถูกต้อง บันทึกแล้ว / valid, saved\nคำเตือน (F): ข้อความ <ทดสอบ> & "อ้างอิง"';

/** The products tab's write-back as a sync would ask for it: an id per row and a check text. */
function writeBackFor(raw: Awaited<ReturnType<typeof openWorkbookFile>>["raw"]): TabWriteBack[] {
  const v = validateWorkbook(raw, { today: "2020-01-20" });
  const layout = v.layouts.products!;
  return [
    {
      sheetName: layout.sheetName,
      headerRow: layout.headerRow,
      columns: layout.columns,
      rows: v.products.map((r, i) => ({
        row: r.row,
        id: `KBO-2563-${String(i + 1).padStart(3, "0")}`,
        check: CHECK,
      })),
    },
  ];
}

/** Every cell of a sheet part as its XML, by reference. */
function cellsOf(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"(?:[^>]*\/>|[^>]*>[\s\S]*?<\/c>)/g)) out.set(m[1]!, m[0]);
  return out;
}

const text = (parts: ZipPart[], name: string) =>
  parts.find((p) => p.name === name)?.data.toString("utf8") ?? "";

async function syncOnce(file: string) {
  const wb = await openWorkbookFile(file, await readFile(file));
  const changed = wb.writeBack(writeBackFor(wb.raw));
  const dirty = wb.dirty;
  if (dirty) await wb.save();
  return { wb, changed, dirty };
}

describe.each([
  {
    name: "an Excel-style .xlsm",
    file: "office.xlsm",
    bytes: async () => (await officeWorkbook({ macros: true })).bytes,
  },
  {
    name: "a workbook LibreOffice wrote",
    file: "libreoffice.xlsx",
    bytes: () => readFile("test/fixtures/workbooks/libreoffice-chart-note.xlsx"),
  },
])("the write-back into $name", ({ file, bytes }) => {
  it("changes only the cells it owns; every other part and cell stays byte for byte", async () => {
    const path = join(dir, file);
    const original = await bytes();
    await writeFile(path, original);
    const first = await syncOnce(path);
    expect(first.wb.identity.kind).toBe("new");
    // Three ids, three checks, one header.
    expect(first.changed).toBe(7);
    const before = await readZipParts(original, "before");
    const after = await readZipParts(await readFile(path), "after");

    // The parts: the same ones in the same order, the identity sheet added last.
    expect(after.map((p) => p.name).slice(0, before.length)).toEqual(before.map((p) => p.name));
    const added = after.slice(before.length).map((p) => p.name);
    expect(added).toHaveLength(1);
    const meta = text(after, added[0]!);
    expect(meta).toContain(first.wb.identity.spreadsheetId);

    const products = "xl/worksheets/sheet1.xml";
    const changed = before
      .filter((p) => !p.data.equals(after.find((a) => a.name === p.name)!.data))
      .map((p) => p.name);
    expect(changed.sort()).toEqual(
      [
        "[Content_Types].xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/workbook.xml",
        products,
      ].sort(),
    );
    // Charts, drawings, pictures, notes, macros, printer settings, shared strings: untouched.
    for (const kept of [
      "xl/charts/chart1.xml",
      "xl/drawings/drawing1.xml",
      "xl/comments1.xml",
      "xl/sharedStrings.xml",
    ]) {
      expect(changed).not.toContain(kept);
    }

    // Each structural part changed by exactly one inserted element, and nothing else.
    const insertion = (name: string, pattern: RegExp) => {
      const was = text(before, name);
      const now = text(after, name);
      const m = pattern.exec(now);
      expect(m, name).not.toBeNull();
      expect(now.slice(0, m!.index) + now.slice(m!.index + m![0].length), name).toBe(was);
    };
    insertion(
      "[Content_Types].xml",
      /<Override PartName="\/xl\/worksheets\/sheet3\.xml" ContentType="[^"]+"\/>/,
    );
    insertion(
      "xl/_rels/workbook.xml.rels",
      /<Relationship Id="rId\d+" Type="[^"]+\/worksheet" Target="worksheets\/sheet3\.xml"\/>/,
    );
    insertion("xl/workbook.xml", /<sheet name="_kbo" sheetId="3" state="veryHidden" r:id="rId\d+"\/>/);
    // The defined names (print area, a named range) are still there, unchanged.
    expect(text(after, "xl/workbook.xml")).toContain(
      /<definedNames>[\s\S]*<\/definedNames>/.exec(text(before, "xl/workbook.xml"))![0],
    );

    // styles.xml: one wrapping style appended for the new check cells, the count raised by one.
    const stylesBefore = text(before, "xl/styles.xml");
    const stylesAfter = text(after, "xl/styles.xml");
    const xf =
      /<xf [^>]*applyAlignment="1"><alignment vertical="top" wrapText="1"\/><\/xf>(?=<\/cellXfs>)/.exec(
        stylesAfter,
      )!;
    const count = (s: string) => Number(/<cellXfs count="(\d+)"/.exec(s)![1]);
    expect(count(stylesAfter)).toBe(count(stylesBefore) + 1);
    expect(
      (stylesAfter.slice(0, xf.index) + stylesAfter.slice(xf.index + xf[0].length)).replace(
        /<cellXfs count="\d+"/,
        `<cellXfs count="${count(stylesBefore)}"`,
      ),
    ).toBe(stylesBefore);

    // The products sheet: every cell as it was, but the ids, the checks and the new header.
    const was = cellsOf(text(before, products));
    const now = cellsOf(text(after, products));
    const owned = new Set(["N1", "A2", "A3", "A4", "N2", "N3", "N4"]);
    for (const [ref, xml] of was) if (!owned.has(ref)) expect(now.get(ref), ref).toBe(xml);
    expect([...now.keys()].filter((ref) => !was.has(ref) || owned.has(ref)).sort()).toEqual(
      [...owned].sort(),
    );
    // The note typed right of the table (L2) and the comment's cell (M3) are left alone: checks go in N.
    expect(now.get("L2")).toBe(was.get("L2"));
    expect(now.get("N1")).toContain(CHECK_HEADER);

    // The same workbook read back: the cells hold exactly what was written.
    const reread = await openWorkbookFile(path, await readFile(path));
    const rows = reread.raw.sheets.find((s) => s.name === "ผลิตภัณฑ์")!.rows;
    expect(rows[0]!.cells[13]).toBe(CHECK_HEADER);
    expect(rows.slice(1).map((r) => [r.cells[0], r.cells[11] ?? null, r.cells[13]])).toEqual([
      ["KBO-2563-001", "โทรตามอีกครั้ง", CHECK],
      ["KBO-2563-002", null, CHECK],
      ["KBO-2563-003", null, CHECK],
    ]);
    expect(reread.identity).toEqual({ kind: "known", spreadsheetId: first.wb.identity.spreadsheetId });
    expect((await readMetaOfFile(path)).spreadsheetId).toBe(first.wb.identity.spreadsheetId);
  });

  it("survives any number of syncs: the next ones change nothing and leave the file alone", async () => {
    const path = join(dir, `again-${file}`);
    await writeFile(path, await bytes());
    await syncOnce(path);
    const once = await readFile(path);
    for (let i = 0; i < 3; i++) {
      const next = await syncOnce(path);
      expect(next).toMatchObject({ changed: 0, dirty: false });
      expect(next.wb.identity.kind).toBe("known");
    }
    expect((await readFile(path)).equals(once)).toBe(true);
  });
});

describe("exceljs on the same workbook (why the write-back patches cells instead)", () => {
  it("drops the chart, the note, the macros and the printer settings, and rewrites the print area, when it saves", async () => {
    const { bytes } = await officeWorkbook({ macros: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    wb.getWorksheet("ผลิตภัณฑ์")!.getCell("A2").value = "KBO-2563-001";
    const rewritten = Buffer.from(await wb.xlsx.writeBuffer());
    const names = new Set((await readZipParts(rewritten, "exceljs")).map((p) => p.name));
    const lost = (await readZipParts(bytes, "original")).map((p) => p.name).filter((n) => !names.has(n));
    expect(lost.sort()).toEqual(
      [
        "xl/calcChain.xml",
        "xl/charts/chart1.xml",
        "xl/comments1.xml",
        "xl/drawings/vmlDrawing1.vml",
        "xl/printerSettings/printerSettings1.bin",
        "xl/vbaProject.bin",
      ].sort(),
    );
    const workbook = (await readZipParts(rewritten, "exceljs")).find((p) => p.name === "xl/workbook.xml")!;
    expect(workbook.data.toString("utf8")).not.toContain("'ผลิตภัณฑ์'!$A$1:$J$4");
  });
});
