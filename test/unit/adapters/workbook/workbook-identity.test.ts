// A workbook's identity: a copy is told from the same file moved or renamed by whether the place it
// was last synced at still holds a workbook with its id. Real files in a temporary folder.
import { copyFile, link, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hereOf, openWorkbookFile } from "../../../../functions/src/adapters/workbook/workbook-file.ts";
import {
  decideIdentity,
  type Lookup,
  metaSheetXml,
  readMeta,
  readMetaOfFile,
} from "../../../../functions/src/adapters/workbook/workbook-identity.ts";
import { XlsxPackage } from "../../../../functions/src/adapters/workbook/xlsx-package.ts";
import { officeWorkbook } from "../../../support/office-workbook.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-identity-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const here = { path: "/office/2563.xlsx", host: "pc-1" };
const ID = "xlsx-1111";
const look = (answer: Lookup) => async () => answer;

describe("decideIdentity", () => {
  it.each<[string, Parameters<typeof decideIdentity>[0], Lookup, string]>([
    ["no id yet: a new workbook", {}, { exists: false }, "new"],
    [
      "an id without a recorded place (written before places were): the same workbook",
      { spreadsheetId: ID },
      { exists: false },
      "known",
    ],
    [
      "synced at this very path on this computer",
      { spreadsheetId: ID, path: here.path, host: "pc-1" },
      { exists: false },
      "known",
    ],
    [
      "last synced elsewhere, nothing there any more: moved or renamed",
      { spreadsheetId: ID, path: "/office/old.xlsx", host: "pc-1" },
      { exists: false },
      "moved",
    ],
    [
      "last synced elsewhere, another name of this very file (a link)",
      { spreadsheetId: ID, path: "/office/old.xlsx", host: "pc-1" },
      { exists: true, sameFile: true },
      "known",
    ],
    [
      "last synced elsewhere, where a workbook with the same id still is: a copy",
      { spreadsheetId: ID, path: "/office/2562.xlsx", host: "pc-1" },
      { exists: true, sameFile: false, spreadsheetId: ID },
      "copy",
    ],
    [
      "last synced elsewhere, which now holds another workbook: moved",
      { spreadsheetId: ID, path: "/office/2562.xlsx", host: "pc-1" },
      { exists: true, sameFile: false, spreadsheetId: "xlsx-2222" },
      "moved",
    ],
    [
      "last synced on another computer (a new PC, a shared drive): the same workbook, moved",
      { spreadsheetId: ID, path: here.path, host: "pc-2" },
      { exists: true, sameFile: false, spreadsheetId: ID },
      "moved",
    ],
  ])("%s", async (_, meta, lookup, kind) => {
    const identity = await decideIdentity(meta, here, look(lookup), () => "xlsx-new");
    expect(identity.kind).toBe(kind);
    expect(identity.spreadsheetId).toBe(kind === "new" || kind === "copy" ? "xlsx-new" : ID);
    if (identity.kind === "copy")
      expect(identity.original).toEqual({ spreadsheetId: ID, path: "/office/2562.xlsx" });
  });

  it("refuses to guess when the old place holds a file it cannot read", async () => {
    await expect(
      decideIdentity(
        { spreadsheetId: ID, path: "/office/2562.xlsx", host: "pc-1" },
        here,
        look({ exists: true, sameFile: false, unreadable: true }),
      ),
    ).rejects.toMatchObject({
      code: "WORKBOOK_ORIGINAL_UNREADABLE",
      message: expect.stringMatching(/2562\.xlsx/),
    });
  });
});

describe("the identity sheet", () => {
  it("round-trips, and is read whether its cells are inline or shared strings (after Excel saved it)", async () => {
    const meta = {
      spreadsheetId: ID,
      path: "/office/ไฟล์ & <ปี> 2563.xlsx",
      host: "pc-1",
      copiedFrom: "xlsx-0",
    };
    const xml = metaSheetXml(meta);
    const fake = (sheetXml: string, shared: string[] = []) => ({
      sheets: () => [{ name: "_kbo", state: "veryHidden", sheetId: 3, part: "s.xml" }],
      text: () => sheetXml,
      sharedString: (i: number) => shared[i],
    });
    expect(readMeta(fake(xml))).toEqual(meta);
    const excel = `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>`;
    expect(readMeta(fake(excel, ["spreadsheetId", ID]))).toEqual({ spreadsheetId: ID });
  });
});

describe("copies and moves of real files", () => {
  it("tells a copy (the original still where it was synced) from a move, and keeps a link the same file", async () => {
    const original = join(dir, "2562.xlsx");
    await writeFile(original, (await officeWorkbook()).bytes);
    const first = await openWorkbookFile(original, await readFile(original));
    expect(first.identity.kind).toBe("new");
    await first.save();
    const id = first.identity.spreadsheetId;

    const copy = join(dir, "2563.xlsx");
    await copyFile(original, copy);
    const copied = await openWorkbookFile(copy, await readFile(copy));
    expect(copied.identity).toMatchObject({
      kind: "copy",
      original: { spreadsheetId: id, path: await hereOf(original).then((h) => h.path) },
    });
    expect(copied.identity.spreadsheetId).not.toBe(id);
    await copied.save();
    expect(await readMetaOfFile(copy)).toMatchObject({
      spreadsheetId: copied.identity.spreadsheetId,
      copiedFrom: id,
      host: hostname(),
    });
    // The original is still itself.
    expect((await openWorkbookFile(original, await readFile(original))).identity).toEqual({
      kind: "known",
      spreadsheetId: id,
    });

    const linked = join(dir, "link.xlsx");
    await link(original, linked);
    expect((await openWorkbookFile(linked, await readFile(linked))).identity.kind).toBe("known");
    await rm(linked);

    const moved = join(dir, "moved", "2562.xlsx");
    await rm(join(dir, "moved"), { recursive: true, force: true });
    await (await import("node:fs/promises")).mkdir(join(dir, "moved"));
    await rename(original, moved);
    const after = await openWorkbookFile(moved, await readFile(moved));
    expect(after.identity).toMatchObject({ kind: "moved", spreadsheetId: id });
    await after.save();
    expect((await readMetaOfFile(moved)).path).toBe((await hereOf(moved)).path);
  });

  it("reads the identity of a workbook exceljs or an older kbo wrote (the id alone in B1)", async () => {
    const pkg = await XlsxPackage.read((await officeWorkbook()).bytes, "x");
    pkg.addWorksheet("_kbo", metaSheetXml({ spreadsheetId: ID }), "veryHidden");
    const path = join(dir, "old.xlsx");
    await writeFile(path, await pkg.toBuffer());
    const wb = await openWorkbookFile(path, await readFile(path));
    expect(wb.identity).toEqual({ kind: "known", spreadsheetId: ID });
    // Known, but its place is recorded on the next save.
    expect(wb.dirty).toBe(true);
  });
});

describe("shared strings by index", () => {
  it("finds one string among many, rich text joined, phonetic runs left out, empty items counted", async () => {
    const { XlsxPackage: Pkg } = await import("../../../../functions/src/adapters/workbook/xlsx-package.ts");
    for (const empty of [false, true]) {
      const items = Array.from({ length: 500 }, (_, i) =>
        empty && i === 3 ? "<si/>" : `<si><t>s${i}</t></si>`,
      );
      items[400] =
        '<si><r><t>ผ้า</t></r><r><rPr><b/></rPr><t xml:space="preserve">ทอ </t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>';
      const pkg = Pkg.of("x", [
        {
          name: "_rels/.rels",
          data: Buffer.from(
            '<Relationships><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
          ),
          compressed: true,
          mtime: new Date(),
        },
        { name: "xl/workbook.xml", data: Buffer.from("<workbook/>"), compressed: true, mtime: new Date() },
        {
          name: "xl/_rels/workbook.xml.rels",
          data: Buffer.from(
            '<Relationships><Relationship Id="s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
          ),
          compressed: true,
          mtime: new Date(),
        },
        {
          name: "xl/sharedStrings.xml",
          data: Buffer.from(`<sst>${items.join("")}</sst>`),
          compressed: true,
          mtime: new Date(),
        },
      ]);
      expect(pkg.sharedString(0)).toBe("s0");
      expect(pkg.sharedString(400)).toBe("ผ้าทอ ");
      expect(pkg.sharedString(499)).toBe("s499");
      expect(pkg.sharedString(500)).toBeUndefined();
    }
  });
});
