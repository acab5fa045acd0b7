// Reads and patches a worksheet part's XML as text: only the cells written change, every other byte
// of the part stays as it was. Strings go in as inline strings, so the shared-string table is never
// touched (ECMA-376 Part 1, §18.3.1.4 c, §18.3.1.53 is). See docs/architecture.md, "Workbook files".
import {
  type CellRange,
  type CellRef,
  columnLetter,
  parseCellRef,
  parseRange,
} from "../../domain/raw-workbook.ts";
import {
  attribute,
  elementEnd,
  escapeCellText,
  findTag,
  type Tag,
  tagPattern,
  toTag,
  withAttribute,
} from "./xml-text.ts";

export interface CellWrite {
  /** 1-based sheet row. */
  row: number;
  /** 0-based column. */
  col: number;
  text: string;
  /** Style (index into cellXfs) for a cell created here; an existing cell keeps its own. */
  style?: number;
}

export type { CellRange, CellRef };
export { parseCellRef, parseRange };

export const cellRef = (row: number, col: number): string => `${columnLetter(col)}${row}`;

interface SheetData {
  tag: Tag;
  /** Where the rows start and end (the end tag's position; the tag's end when it is empty). */
  from: number;
  to: number;
}

function sheetData(xml: string): SheetData | undefined {
  const tag = findTag(xml, "sheetData");
  if (!tag) return undefined;
  if (tag.selfClosing) return { tag, from: tag.end, to: tag.end };
  const to = xml.indexOf(`</${tag.prefix}sheetData>`, tag.end);
  return to < 0 ? undefined : { tag, from: tag.end, to };
}

interface RowSpan {
  row: number;
  tag: Tag;
  /** After the row's end tag (or its empty tag). */
  end: number;
}

/** The sheet's rows in document order (their number from `r`, or one after the previous row). */
function* rowsOf(xml: string, data: SheetData): Generator<RowSpan> {
  const re = tagPattern("row");
  let implicit = 0;
  let at = data.from;
  while (at < data.to) {
    re.lastIndex = at;
    const m = re.exec(xml);
    if (!m || m.index >= data.to) return;
    const tag = toTag(m);
    const r = attribute(tag.text, "r");
    const row = r === undefined ? implicit + 1 : Number(r);
    implicit = row;
    const end = elementEnd(xml, tag, "row");
    if (end < 0) return;
    yield { row, tag, end };
    at = end;
  }
}

interface CellSpan {
  col: number;
  tag: Tag;
  end: number;
}

/** The cells of one row in document order (their column from `r`, or one after the previous cell). */
function cellsOf(xml: string, row: RowSpan): CellSpan[] {
  if (row.tag.selfClosing) return [];
  const re = tagPattern("c");
  const cells: CellSpan[] = [];
  let implicit = -1;
  let at = row.tag.end;
  const stop = row.end;
  while (at < stop) {
    re.lastIndex = at;
    const m = re.exec(xml);
    if (!m || m.index >= stop) break;
    const tag = toTag(m);
    const r = attribute(tag.text, "r");
    const col = (r === undefined ? undefined : parseCellRef(r)?.col) ?? implicit + 1;
    implicit = col;
    const end = elementEnd(xml, tag, "c");
    if (end < 0) break;
    cells.push({ col, tag, end });
    at = end;
  }
  return cells;
}

/** Whether a cell holds a formula (looked for inside the cell only: a search on would scan the sheet). */
const hasFormula = (xml: string, cell: CellSpan): boolean =>
  !cell.tag.selfClosing && xml.slice(cell.tag.end, cell.end).includes(`<${cell.tag.prefix}f`);

/** What the patcher needs to know of a sheet before writing into it. */
export interface SheetFacts {
  /** The right-most column (0-based) holding anything, or -1. */
  lastUsedColumn: number;
  /** The merged ranges (`<mergeCell ref>`). */
  merges: CellRange[];
}

export function sheetFacts(xml: string): SheetFacts {
  const data = sheetData(xml);
  let lastUsedColumn = -1;
  if (data) {
    for (const row of rowsOf(xml, data)) {
      for (const cell of cellsOf(xml, row)) {
        // An empty tag is formatting only; anything with content is used.
        if (!cell.tag.selfClosing && cell.col > lastUsedColumn) lastUsedColumn = cell.col;
      }
    }
  }
  return { lastUsedColumn, merges: sheetMerges(xml).map((ref) => parseRange(ref)!) };
}

/** The style of the right-most cell with content left of `col` in a row (what a new cell there should look like). */
export function styleLeftOf(xml: string, row: number, col: number): number | undefined {
  const data = sheetData(xml);
  if (!data) return undefined;
  for (const r of rowsOf(xml, data)) {
    if (r.row < row) continue;
    if (r.row > row) return undefined;
    const left = cellsOf(xml, r).filter((c) => c.col < col && !c.tag.selfClosing);
    const s = left.length > 0 ? attribute(left[left.length - 1]!.tag.text, "s") : undefined;
    return s === undefined ? undefined : Number(s);
  }
  return undefined;
}

function cellXml(prefix: string, row: number, col: number, text: string, style: string | undefined) {
  const s = style === undefined ? "" : ` s="${style}"`;
  return `<${prefix}c r="${cellRef(row, col)}"${s} t="inlineStr"><${prefix}is><${prefix}t xml:space="preserve">${escapeCellText(text)}</${prefix}t></${prefix}is></${prefix}c>`;
}

/** A row tag whose `spans` hint (if any) covers `maxCol` (0-based). */
function widenSpans(tagText: string, maxCol: number): string {
  const spans = attribute(tagText, "spans");
  if (!spans) return tagText;
  const m = /^(.*?)(\d+):(\d+)$/.exec(spans);
  if (!m || Number(m[3]) >= maxCol + 1) return tagText;
  return withAttribute(tagText, "spans", `${m[1]}${m[2]}:${maxCol + 1}`);
}

function patchRow(
  xml: string,
  row: RowSpan,
  writes: CellWrite[],
  skipped: CellWrite[],
): { text: string; written: number } {
  const p = row.tag.prefix;
  const maxCol = Math.max(...writes.map((w) => w.col));
  let open = widenSpans(row.tag.text, maxCol);
  if (row.tag.selfClosing) open = `${open.slice(0, -2).trimEnd()}>`;
  const cells = cellsOf(xml, row);
  const parts: string[] = [open];
  let at = row.tag.end;
  let written = 0;
  let w = 0;
  for (const cell of cells) {
    while (w < writes.length && writes[w]!.col < cell.col) {
      const x = writes[w++]!;
      parts.push(xml.slice(at, cell.tag.start), cellXml(p, row.row, x.col, x.text, x.style?.toString()));
      at = cell.tag.start;
      written++;
    }
    if (w < writes.length && writes[w]!.col === cell.col) {
      const x = writes[w++]!;
      // A formula cell is the staff's, and other cells may depend on it: never overwritten.
      if (hasFormula(xml, cell)) {
        skipped.push(x);
        continue;
      }
      parts.push(
        xml.slice(at, cell.tag.start),
        cellXml(p, row.row, x.col, x.text, attribute(cell.tag.text, "s")),
      );
      at = cell.end;
      written++;
    }
  }
  // The rest after the last cell (before a row's extLst, if any).
  const tail = cells.length > 0 ? cells[cells.length - 1]!.end : row.tag.end;
  parts.push(xml.slice(at, tail));
  for (; w < writes.length; w++) {
    const x = writes[w]!;
    parts.push(cellXml(p, row.row, x.col, x.text, x.style?.toString()));
    written++;
  }
  if (row.tag.selfClosing) parts.push(`</${p}row>`);
  else parts.push(xml.slice(tail, row.end));
  return { text: parts.join(""), written };
}

const newRow = (prefix: string, row: number, writes: CellWrite[]) =>
  `<${prefix}row r="${row}">${writes.map((x) => cellXml(prefix, row, x.col, x.text, x.style?.toString())).join("")}</${prefix}row>`;

/** The `<dimension ref>` widened to hold every written cell (the hint Excel reads first). */
function widenDimension(xml: string, writes: readonly CellWrite[]): string {
  const tag = findTag(xml, "dimension");
  const range = tag && parseRange(attribute(tag.text, "ref") ?? "");
  if (!tag || !range) return xml;
  const bottom = Math.max(range.bottom, ...writes.map((w) => w.row));
  const right = Math.max(range.right, ...writes.map((w) => w.col));
  if (bottom === range.bottom && right === range.right) return xml;
  const ref = `${cellRef(range.top, range.left)}:${cellRef(bottom, right)}`;
  return xml.slice(0, tag.start) + withAttribute(tag.text, "ref", ref) + xml.slice(tag.end);
}

export interface PatchResult {
  xml: string;
  /** Cells written. */
  written: number;
  /** Writes refused because the cell holds a formula. */
  skipped: CellWrite[];
}

/** Writes each text into its cell (created when missing, rows too), in one pass over the sheet. */
export function patchSheetCells(xml: string, writes: readonly CellWrite[]): PatchResult {
  if (writes.length === 0) return { xml, written: 0, skipped: [] };
  const data = sheetData(xml);
  if (!data) throw new Error("worksheet without sheetData");
  const byRow = new Map<number, CellWrite[]>();
  for (const w of writes) {
    const list = byRow.get(w.row);
    if (list) list.push(w);
    else byRow.set(w.row, [w]);
  }
  for (const list of byRow.values()) list.sort((a, b) => a.col - b.col);
  const pending = [...byRow.keys()].sort((a, b) => a - b);
  const p = data.tag.prefix;
  const skipped: CellWrite[] = [];
  let written = 0;
  const out: string[] = [xml.slice(0, data.tag.start)];
  out.push(data.tag.selfClosing ? `${data.tag.text.slice(0, -2).trimEnd()}>` : data.tag.text);
  let at = data.from;
  let k = 0;
  for (const row of rowsOf(xml, data)) {
    while (k < pending.length && pending[k]! < row.row) {
      const list = byRow.get(pending[k++]!)!;
      out.push(xml.slice(at, row.tag.start), newRow(p, list[0]!.row, list));
      at = row.tag.start;
      written += list.length;
    }
    if (k < pending.length && pending[k] === row.row) {
      const patched = patchRow(xml, row, byRow.get(pending[k++]!)!, skipped);
      out.push(xml.slice(at, row.tag.start), patched.text);
      at = row.end;
      written += patched.written;
    }
    if (k >= pending.length) break;
  }
  out.push(xml.slice(at, data.to));
  for (; k < pending.length; k++) {
    const list = byRow.get(pending[k]!)!;
    out.push(newRow(p, list[0]!.row, list));
    written += list.length;
  }
  if (data.tag.selfClosing) out.push(`</${p}sheetData>`, xml.slice(data.tag.end));
  else out.push(xml.slice(data.to));
  return { xml: widenDimension(out.join(""), writes), written, skipped };
}

/** Gives column `col` (0-based) a width, unless a `<col>` range already sets that column's format. */
export function ensureColumnWidth(xml: string, col: number, width: number): string {
  const data = sheetData(xml);
  if (!data) return xml;
  const p = data.tag.prefix;
  const n = col + 1;
  const entry = `<${p}col min="${n}" max="${n}" width="${width}" customWidth="1"/>`;
  const cols = findTag(xml, "cols", 0, data.tag.start);
  if (!cols)
    return `${xml.slice(0, data.tag.start)}<${p}cols>${entry}</${p}cols>${xml.slice(data.tag.start)}`;
  if (cols.selfClosing)
    return `${xml.slice(0, cols.start)}<${p}cols>${entry}</${p}cols>${xml.slice(cols.end)}`;
  const end = xml.indexOf(`</${p}cols>`, cols.end);
  const re = tagPattern("col");
  re.lastIndex = cols.end;
  let insertAt = end;
  for (let m = re.exec(xml); m && m.index < end; m = re.exec(xml)) {
    const min = Number(attribute(m[0], "min"));
    const max = Number(attribute(m[0], "max"));
    if (min <= n && n <= max) return xml;
    if (min > n) {
      insertAt = m.index;
      break;
    }
  }
  return xml.slice(0, insertAt) + entry + xml.slice(insertAt);
}

/** The merged ranges a sheet declares, as written ("C2:C3"). */
export function sheetMerges(xml: string): string[] {
  const out: string[] = [];
  const re = tagPattern("mergeCell");
  re.lastIndex = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const ref = attribute(m[0], "ref");
    if (ref && parseRange(ref)) out.push(ref);
  }
  return out;
}
