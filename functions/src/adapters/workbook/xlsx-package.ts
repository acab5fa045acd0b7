// An .xlsx as an Open Packaging Conventions package: its parts, the relationships between them, and
// the workbook's sheets by name. Parts are edited as text and only when asked; the others are written
// back byte for byte. See docs/architecture.md, "Workbook files".
import { posix } from "node:path";
import { AppError } from "../../app-error.ts";
import { readZipParts, writeZipParts, type ZipPart } from "./xlsx-zip.ts";
import {
  attribute,
  attributes,
  elementEnd,
  escapeXml,
  findTag,
  tagPattern,
  toTag,
  unescapeCellText,
} from "./xml-text.ts";

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_TYPES = {
  officeDocument: `${REL}/officeDocument`,
  worksheet: `${REL}/worksheet`,
  styles: `${REL}/styles`,
  sharedStrings: `${REL}/sharedStrings`,
  comments: `${REL}/comments`,
} as const;
const WORKSHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

export interface Relationship {
  id: string;
  type: string;
  /** The target part's name in the archive (no leading slash); undefined for external targets. */
  part?: string;
}

export interface SheetEntry {
  name: string;
  /** visible, hidden or veryHidden. */
  state: string;
  sheetId: number;
  /** The worksheet part, e.g. `xl/worksheets/sheet1.xml` (undefined for chart sheets and the like). */
  part?: string;
}

/** `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`. */
const relsPartOf = (part: string) => posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);

/** A relationship target as a part name: relative to the source part's folder, or absolute. */
function resolveTarget(source: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // A malformed escape is taken as written.
  }
  const joined = decoded.startsWith("/") ? decoded : posix.join("/", posix.dirname(source), decoded);
  return posix.normalize(joined).replace(/^\/+/, "");
}

/** A relationship target for `part`, relative to the source part's folder. */
const relativeTarget = (source: string, part: string) => posix.relative(posix.dirname(source), part);

export class XlsxPackage {
  private readonly parts: ZipPart[];
  private readonly byName = new Map<string, ZipPart>();
  private readonly texts = new Map<string, string>();
  private readonly edited = new Set<string>();
  private main?: string;

  readonly path: string;

  private constructor(path: string, parts: ZipPart[]) {
    this.path = path;
    this.parts = parts;
    for (const p of parts) this.byName.set(p.name, p);
  }

  /** The package's parts (only those `wanted` names, when given: enough to read a few facts). */
  static async read(bytes: Buffer, path: string, wanted?: (name: string) => boolean): Promise<XlsxPackage> {
    return new XlsxPackage(path, await readZipParts(bytes, path, wanted));
  }

  /** A package of some of a file's parts (more can be added with `include`): reading a few facts. */
  static of(path: string, parts: ZipPart[]): XlsxPackage {
    return new XlsxPackage(path, parts);
  }

  /** Adds parts read later (a partial package). */
  include(parts: ZipPart[]): void {
    for (const p of parts) {
      if (this.byName.has(p.name)) continue;
      this.parts.push(p);
      this.byName.set(p.name, p);
    }
  }

  /** The workbook part (`xl/workbook.xml` as a rule), named by the package's relationships. */
  get workbookPart(): string {
    if (this.main) return this.main;
    const main = this.relationships("").find((r) => r.type === REL_TYPES.officeDocument)?.part;
    if (!main) throw unreadable(this.path, "no workbook part");
    this.main = main;
    return main;
  }

  has(part: string): boolean {
    return this.byName.has(part);
  }

  /** A part's text (UTF-8; a byte-order mark is kept and given back on write). */
  text(part: string): string {
    const cached = this.texts.get(part);
    if (cached !== undefined) return cached;
    const p = this.byName.get(part);
    if (!p) throw unreadable(this.path, `no part ${part}`);
    const text = p.data.toString("utf8");
    this.texts.set(part, text);
    return text;
  }

  setText(part: string, text: string): void {
    if (this.text(part) === text) return;
    this.texts.set(part, text);
    this.byName.get(part)!.data = Buffer.from(text, "utf8");
    this.edited.add(part);
  }

  /** Parts changed since the package was read. */
  editedParts(): string[] {
    return [...this.edited];
  }

  private addPart(name: string, text: string): void {
    const part: ZipPart = { name, data: Buffer.from(text, "utf8"), compressed: true, mtime: new Date() };
    this.parts.push(part);
    this.byName.set(name, part);
    this.texts.set(name, text);
    this.edited.add(name);
  }

  /** The relationships of a part ("" for the package's own). */
  relationships(source: string): Relationship[] {
    const relsPart = source === "" ? "_rels/.rels" : relsPartOf(source);
    if (!this.has(relsPart)) return [];
    const xml = this.text(relsPart);
    const out: Relationship[] = [];
    const re = tagPattern("Relationship");
    re.lastIndex = 0;
    for (let m = re.exec(xml); m; m = re.exec(xml)) {
      const a = attributes(m[0]);
      if (!a.Id || !a.Type) continue;
      const external = a.TargetMode === "External";
      out.push({
        id: a.Id,
        type: a.Type,
        part: external || !a.Target ? undefined : resolveTarget(source, a.Target),
      });
    }
    return out;
  }

  /** The workbook's sheets in tab order. */
  sheets(): SheetEntry[] {
    const xml = this.text(this.workbookPart);
    const rels = new Map(this.relationships(this.workbookPart).map((r) => [r.id, r]));
    const out: SheetEntry[] = [];
    const re = tagPattern("sheet");
    re.lastIndex = 0;
    for (let m = re.exec(xml); m; m = re.exec(xml)) {
      const a = attributes(m[0]);
      const relId = Object.entries(a).find(([k]) => k === "r:id" || k.endsWith(":id"))?.[1];
      const rel = relId === undefined ? undefined : rels.get(relId);
      out.push({
        name: a.name ?? "",
        state: a.state ?? "visible",
        sheetId: Number(a.sheetId ?? 0),
        part: rel?.type === REL_TYPES.worksheet ? rel.part : undefined,
      });
    }
    return out;
  }

  /** The part the workbook relates to with this type (styles, sharedStrings), if the package has it. */
  workbookRelated(type: string, present = true): string | undefined {
    const part = this.relationships(this.workbookPart).find((r) => r.type === type)?.part;
    return part && (!present || this.has(part)) ? part : undefined;
  }

  /** Cells that carry a note (legacy comment) on a worksheet, as A1 references. */
  commentRefs(sheetPart: string): string[] {
    const refs: string[] = [];
    for (const rel of this.relationships(sheetPart)) {
      if (rel.type !== REL_TYPES.comments || !rel.part || !this.has(rel.part)) continue;
      const xml = this.text(rel.part);
      const re = tagPattern("comment");
      re.lastIndex = 0;
      for (let m = re.exec(xml); m; m = re.exec(xml)) {
        const ref = attribute(m[0], "ref");
        if (ref) refs.push(ref);
      }
    }
    return refs;
  }

  /**
   * One string of the shared-string table, by index (rich-text runs joined, phonetic runs left out).
   * Only the table's item boundaries are scanned up to it: the identity sheet needs two or three of
   * the tens of thousands of strings a large workbook holds.
   */
  sharedString(index: number): string | undefined {
    const part = this.workbookRelated(REL_TYPES.sharedStrings);
    if (!part) return undefined;
    const xml = this.text(part);
    const si = tagPattern("si");
    si.lastIndex = 0;
    const first = si.exec(xml);
    if (!first) return undefined;
    const close = `</${first[1] ?? ""}si>`;
    let at = first.index;
    if (/<(?:[\w.-]+:)?si\s*\/>/.test(xml)) {
      // An empty item (<si/>) has no end tag: items are counted one by one.
      for (let i = 0; i < index; i++) {
        si.lastIndex = at;
        const m = si.exec(xml);
        if (!m) return undefined;
        at = elementEnd(xml, toTag(m), "si");
        if (at < 0) return undefined;
      }
    } else {
      // Skipped by their end tags: one native search per item.
      for (let i = 0; i < index; i++) {
        const end = xml.indexOf(close, at);
        if (end < 0) return undefined;
        at = end + close.length;
      }
    }
    si.lastIndex = at;
    const m = si.exec(xml);
    if (!m) return undefined;
    const tag = toTag(m);
    const end = elementEnd(xml, tag, "si");
    return end < 0 ? "" : stringItemText(xml.slice(tag.end, end));
  }

  /**
   * Adds a worksheet at the end of the workbook (so no defined name's sheet index moves): its part,
   * its relationship from the workbook, its content type and its `<sheet>` entry.
   */
  addWorksheet(name: string, xml: string, state: "visible" | "hidden" | "veryHidden"): string {
    let n = 1;
    while (this.has(`xl/worksheets/sheet${n}.xml`)) n++;
    const part = posix.join(posix.dirname(this.workbookPart), "worksheets", `sheet${n}.xml`);
    this.addPart(part, xml);

    const relsPart = relsPartOf(this.workbookPart);
    const rels = this.text(relsPart);
    const ids = new Set(this.relationships(this.workbookPart).map((r) => r.id));
    let k = ids.size + 1;
    while (ids.has(`rId${k}`)) k++;
    const relId = `rId${k}`;
    const rel = `<Relationship Id="${relId}" Type="${REL_TYPES.worksheet}" Target="${escapeXml(relativeTarget(this.workbookPart, part), true)}"/>`;
    this.setText(relsPart, insertBefore(rels, "</Relationships>", rel, this.path));

    const types = this.text("[Content_Types].xml");
    const override = `<Override PartName="/${part}" ContentType="${WORKSHEET_CONTENT_TYPE}"/>`;
    this.setText("[Content_Types].xml", insertBefore(types, "</Types>", override, this.path));

    const wb = this.text(this.workbookPart);
    const root = findTag(wb, "workbook");
    const rPrefix = /xmlns:([\w.-]+)="[^"]*\/relationships"/.exec(root?.text ?? "")?.[1] ?? "r";
    const p = root?.prefix ?? "";
    const sheetId = Math.max(0, ...this.sheets().map((s) => s.sheetId)) + 1;
    const entry = `<${p}sheet name="${escapeXml(name, true)}" sheetId="${sheetId}" state="${state}" ${rPrefix}:id="${relId}"/>`;
    this.setText(this.workbookPart, insertBefore(wb, `</${p}sheets>`, entry, this.path));
    return part;
  }

  async toBuffer(): Promise<Buffer> {
    return writeZipParts(this.parts);
  }
}

function insertBefore(xml: string, closing: string, text: string, path: string): string {
  const at = xml.lastIndexOf(closing);
  if (at < 0) throw unreadable(path, `no ${closing}`);
  return xml.slice(0, at) + text + xml.slice(at);
}

/** The text of a string item (`<si>` or `<is>` content): its `<t>` elements outside phonetic runs. */
export function stringItemText(inner: string): string {
  const withoutPhonetic = inner.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, "");
  let text = "";
  const re = /<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g;
  for (let m = re.exec(withoutPhonetic); m; m = re.exec(withoutPhonetic)) text += unescapeCellText(m[1]!);
  return text;
}

function unreadable(path: string, why: string): AppError {
  return new AppError(
    "WORKBOOK_UNREADABLE",
    `อ่านไฟล์ไม่ได้ ไม่ใช่ไฟล์ .xlsx ที่สมบูรณ์ / not a readable .xlsx workbook: ${path} (${why})`,
  );
}
