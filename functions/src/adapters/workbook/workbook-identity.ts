// Who an .xlsx is: the stable spreadsheet id `kbo sync` keeps inside it (very hidden sheet `_kbo`),
// with where it was last synced, so a copy is told from the same file moved or renamed: a copy is
// a second file while the first still sits where the workbook was last synced, holding the same id.
// See docs/architecture.md, "Workbook files".
import { randomUUID } from "node:crypto";
import { readFile, realpath, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { AppError } from "../../app-error.ts";
import { parseCellRef } from "./sheet-xml.ts";
import { REL_TYPES, stringItemText, XlsxPackage } from "./xlsx-package.ts";
import { openZip } from "./xlsx-zip.ts";
import { attribute, elementEnd, escapeCellText, tagPattern, toTag } from "./xml-text.ts";

/** The sheet holding the workbook's identity; staff never see it. */
export const META_SHEET = "_kbo";

/** What the workbook says about itself. */
export interface WorkbookMeta {
  spreadsheetId?: string;
  /** The file's real path at its last sync. */
  path?: string;
  /** The computer (host name) of its last sync. */
  host?: string;
  /** The workbook this one was found to be a copy of. */
  copiedFrom?: string;
}

export interface Here {
  /** The file's real path now. */
  path: string;
  host: string;
}

export type Identity =
  /** First sync: a new id. */
  | { kind: "new"; spreadsheetId: string }
  /** Synced here before (or before paths were recorded). */
  | { kind: "known"; spreadsheetId: string }
  /** The same workbook, renamed, moved, or synced from another computer. */
  | { kind: "moved"; spreadsheetId: string; from: string }
  /** A copy of a workbook that still exists: a new id, the original's records left alone. */
  | { kind: "copy"; spreadsheetId: string; original: { spreadsheetId: string; path: string } };

/** What is at a path a workbook was last synced at. */
export type Lookup =
  | { exists: false }
  | { exists: true; sameFile: boolean; spreadsheetId?: string; unreadable?: boolean };

export const newSpreadsheetId = (): string => `xlsx-${randomUUID()}`;

/** Where this process is: the file's real path and the computer's name. */
export async function hereOf(path: string): Promise<Here> {
  return { path: await realpath(path), host: hostname() };
}

/** The identity this sync gives the workbook (pure apart from `look`, which reads the recorded path). */
export async function decideIdentity(
  meta: WorkbookMeta,
  here: Here,
  look: (path: string) => Promise<Lookup>,
  newId: () => string = newSpreadsheetId,
): Promise<Identity> {
  const id = meta.spreadsheetId;
  if (!id) return { kind: "new", spreadsheetId: newId() };
  // Recorded before paths were (or by hand): nothing to compare.
  if (!meta.path || !meta.host) return { kind: "known", spreadsheetId: id };
  // Another computer: its files cannot be looked at from here, so the file is taken to have travelled
  // (a new PC, a shared drive). The mirror's mass-deletion guard still stands in front of the records.
  if (meta.host !== here.host) return { kind: "moved", spreadsheetId: id, from: `${meta.host}:${meta.path}` };
  if (meta.path === here.path) return { kind: "known", spreadsheetId: id };
  const there = await look(meta.path);
  if (!there.exists) return { kind: "moved", spreadsheetId: id, from: meta.path };
  if (there.sameFile) return { kind: "known", spreadsheetId: id };
  if (there.unreadable) {
    throw new AppError(
      "WORKBOOK_ORIGINAL_UNREADABLE",
      `ไฟล์นี้เคยซิงค์ไว้ที่ ${meta.path} ซึ่งยังมีไฟล์อยู่แต่อ่านไม่ได้ จึงบอกไม่ได้ว่าไฟล์นี้เป็นสำเนาหรือไม่: ปิดไฟล์นั้นในโปรแกรมอื่นแล้วซิงค์อีกครั้ง / this workbook was last synced as ${meta.path}, which still exists but cannot be read, so whether this file is a copy cannot be told: close that file in other programs and sync again`,
    );
  }
  if (there.spreadsheetId === id) {
    return { kind: "copy", spreadsheetId: newId(), original: { spreadsheetId: id, path: meta.path } };
  }
  // The old place now holds another workbook (or none that kbo knows): this file moved.
  return { kind: "moved", spreadsheetId: id, from: meta.path };
}

/** The metadata a sync records for an identity decided here. */
export function metaFor(identity: Identity, here: Here, before: WorkbookMeta): WorkbookMeta {
  return {
    spreadsheetId: identity.spreadsheetId,
    path: here.path,
    host: here.host,
    copiedFrom: identity.kind === "copy" ? identity.original.spreadsheetId : before.copiedFrom,
  };
}

const sameMeta = (a: WorkbookMeta, b: WorkbookMeta) =>
  a.spreadsheetId === b.spreadsheetId &&
  a.path === b.path &&
  a.host === b.host &&
  a.copiedFrom === b.copiedFrom;
export { sameMeta };

const LABELS = {
  spreadsheetId: "spreadsheetId",
  path: "path",
  host: "host",
  copiedFrom: "copiedFrom",
} as const;

/** The metadata from the `_kbo` sheet's first column (labels) and second (values). */
export function readMeta(pkg: Pick<XlsxPackage, "sheets" | "text" | "sharedString">): WorkbookMeta {
  const sheet = pkg.sheets().find((s) => s.name === META_SHEET);
  if (!sheet?.part) return {};
  const cells = sheetTexts(pkg.text(sheet.part), (i) => pkg.sharedString(i));
  const meta: WorkbookMeta = {};
  for (const [row, values] of cells) {
    const label = values.get(0)?.trim();
    const value = values.get(1)?.trim();
    if (!label || !value) continue;
    // Row 1 is the id whatever its label says: the oldest workbooks wrote only that.
    if (row === 1 || label === LABELS.spreadsheetId) meta.spreadsheetId ??= value;
    else if (label === LABELS.path) meta.path = value;
    else if (label === LABELS.host) meta.host = value;
    else if (label === LABELS.copiedFrom) meta.copiedFrom = value;
  }
  return meta;
}

/** The text of every cell of a small sheet, by row then column (inline, shared and plain values). */
function sheetTexts(
  xml: string,
  shared: (index: number) => string | undefined,
): Map<number, Map<number, string>> {
  const out = new Map<number, Map<number, string>>();
  const re = tagPattern("c");
  re.lastIndex = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const tag = toTag(m);
    const end = elementEnd(xml, tag, "c");
    const ref = parseCellRef(attribute(tag.text, "r") ?? "");
    if (!ref || end < 0) continue;
    const inner = xml.slice(tag.end, Math.max(tag.end, end - `</${tag.prefix}c>`.length));
    const type = attribute(tag.text, "t");
    let text: string;
    if (type === "inlineStr") text = stringItemText(inner);
    else {
      const v = /<(?:[\w.-]+:)?v>([\s\S]*?)<\/(?:[\w.-]+:)?v>/.exec(inner)?.[1] ?? "";
      if (type === "s") text = shared(Number(v)) ?? "";
      else text = stringItemText(`<t>${v}</t>`);
    }
    if (!out.has(ref.row)) out.set(ref.row, new Map());
    out.get(ref.row)!.set(ref.col, text);
    re.lastIndex = Math.max(end, tag.end);
  }
  return out;
}

/** The `_kbo` sheet's XML for this metadata (a sheet of ours: written whole). */
export function metaSheetXml(meta: WorkbookMeta): string {
  const rows: [string, string][] = [[LABELS.spreadsheetId, meta.spreadsheetId ?? ""]];
  if (meta.path) rows.push([LABELS.path, meta.path]);
  if (meta.host) rows.push([LABELS.host, meta.host]);
  if (meta.copiedFrom) rows.push([LABELS.copiedFrom, meta.copiedFrom]);
  rows.push([
    "",
    "ชีตนี้ระบบ kbo ใช้จำว่าสมุดงานนี้คือใคร ห้ามแก้ไขหรือลบ / kbo keeps this workbook's identity here: do not edit or delete",
  ]);
  const cell = (ref: string, text: string) =>
    text === ""
      ? ""
      : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeCellText(text)}</t></is></c>`;
  const body = rows
    .map(
      ([label, value], i) => `<row r="${i + 1}">${cell(`A${i + 1}`, label)}${cell(`B${i + 1}`, value)}</row>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B${rows.length}"/><sheetData>${body}</sheetData></worksheet>`;
}

/** Looks at the file a workbook was last synced as: is it there, is it this very file, whose is it. */
export async function lookAtPath(path: string, herePath: string): Promise<Lookup> {
  let there: Awaited<ReturnType<typeof stat>>;
  try {
    there = await stat(path);
  } catch {
    return { exists: false };
  }
  if (!there.isFile()) return { exists: false };
  try {
    const here = await stat(herePath);
    if (there.ino !== 0 && there.dev === here.dev && there.ino === here.ino)
      return { exists: true, sameFile: true };
    if ((await realpath(path)) === herePath) return { exists: true, sameFile: true };
  } catch {
    // Compared by content below.
  }
  try {
    const meta = await readMetaOfFile(path);
    return { exists: true, sameFile: false, spreadsheetId: meta.spreadsheetId };
  } catch {
    return { exists: true, sameFile: false, unreadable: true };
  }
}

/** The metadata of another workbook file, inflating only the few small parts that hold it. */
export async function readMetaOfFile(path: string): Promise<WorkbookMeta> {
  return readMetaOfBytes(await readFile(path), path);
}

/** The metadata of a workbook's bytes, inflating only the few small parts that hold it. */
export async function readMetaOfBytes(bytes: Buffer, path: string): Promise<WorkbookMeta> {
  const zip = await openZip(bytes, path);
  try {
    const pkg = XlsxPackage.of(path, await zip.read((n) => n.endsWith(".rels")));
    const workbook = pkg.workbookPart;
    pkg.include(await zip.read((n) => n === workbook));
    const sheet = pkg.sheets().find((s) => s.name === META_SHEET)?.part;
    if (!sheet) return {};
    pkg.include(await zip.read((n) => n === sheet));
    // Shared strings only when the sheet uses them (after a spreadsheet program saved the file).
    const shared = pkg.workbookRelated(REL_TYPES.sharedStrings, false);
    if (shared && /\st="s"/.test(pkg.text(sheet))) pkg.include(await zip.read((n) => n === shared));
    return readMeta(pkg);
  } finally {
    zip.close();
  }
}
