// A local stand-in of the Google Sheets API v4 (no emulator exists): a node:http server on
// 127.0.0.1 implementing, per the REST reference, exactly what the project uses — spreadsheets.get
// (fields, includeGridData, ranges), values get/batchGet/update/batchUpdate/clear (RAW vs
// USER_ENTERED), and the batchUpdate requests addSheet, deleteSheet, updateCells, repeatCell,
// updateSheetProperties, updateDimensionProperties, autoResizeDimensions, addProtectedRange,
// addChart, updateChartSpec (atomic: one failing request changes nothing). Anything else is a 404
// (unknown endpoint) or a 400 (unknown request). Faults (429 with Retry-After, 503) are injectable
// and every request is logged so tests can count API calls. State is in memory.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface CellData {
  userEnteredValue?: ExtendedValue;
  userEnteredFormat?: Record<string, unknown>;
}
export interface ExtendedValue {
  stringValue?: string;
  numberValue?: number;
  boolValue?: boolean;
  formulaValue?: string;
}
interface GridProperties {
  rowCount: number;
  columnCount: number;
  frozenRowCount?: number;
  frozenColumnCount?: number;
}
interface SheetProperties {
  sheetId: number;
  title: string;
  index: number;
  sheetType: "GRID";
  gridProperties: GridProperties;
}
interface GridRange {
  sheetId?: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}
interface ProtectedRange {
  protectedRangeId: number;
  range: GridRange;
  description?: string;
  warningOnly?: boolean;
  requestingUserCanEdit?: boolean;
  editors?: unknown;
}
interface EmbeddedChart {
  chartId: number;
  spec: Record<string, unknown>;
  position: Record<string, unknown>;
}
interface Sheet {
  properties: SheetProperties;
  cells: Map<string, CellData>;
  columnWidths: Map<number, number>;
  protectedRanges: ProtectedRange[];
  charts: EmbeddedChart[];
}
interface Spreadsheet {
  spreadsheetId: string;
  title: string;
  sheets: Sheet[];
  nextId: number;
}

export interface LoggedRequest {
  method: string;
  /** Path with the range decoded, e.g. /v4/spreadsheets/ID/values/'สรุป'!A1:B2 */
  path: string;
  query: Record<string, string[]>;
  status: number;
  body?: unknown;
}

export interface Fault {
  status: 429 | 500 | 503;
  /** Seconds sent in Retry-After (429 only, when set). */
  retryAfter?: number;
  /** How many requests in a row fail (default 1). */
  times?: number;
}

export interface SheetsApiStandIn {
  /** The `rootUrl` to give the client: http://127.0.0.1:PORT/ */
  rootUrl: string;
  requests: LoggedRequest[];
  /** A new spreadsheet with these tabs; its id is random unless given. */
  createSpreadsheet(title: string, sheetTitles?: string[], id?: string): string;
  /** Makes the next requests fail with `fault.status`. */
  failNext(fault: Fault): void;
  /** A sheet's cells as stored (userEnteredValue / userEnteredFormat), by A1 address. */
  cells(spreadsheetId: string, title: string): Map<string, CellData>;
  sheet(
    spreadsheetId: string,
    title: string,
  ):
    | {
        properties: SheetProperties;
        columnWidths: Map<number, number>;
        protectedRanges: ProtectedRange[];
        charts: EmbeddedChart[];
      }
    | undefined;
  close(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status = code === 404 ? "NOT_FOUND" : code === 400 ? "INVALID_ARGUMENT" : "INTERNAL",
  ) {
    super(message);
  }
}

// ---- A1 notation ----------------------------------------------------------------------------

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
export function columnName(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
const a1 = (row: number, col: number) => `${columnName(col)}${row + 1}`;
const key = (row: number, col: number) => `${row},${col}`;

export interface A1Range {
  title?: string;
  startRow?: number;
  endRow?: number;
  startCol?: number;
  endCol?: number;
}

/** Parses `'Sheet ''x'''!A1:C3`, `Sheet!A:C`, `Sheet!2:5`, `A1`, `Sheet` (bounds 0-based, end exclusive). */
export function parseA1(text: string): A1Range {
  let title: string | undefined;
  let cells = text;
  const quoted = /^'((?:[^']|'')+)'(?:!(.*))?$/.exec(text);
  if (quoted) {
    title = quoted[1]!.replace(/''/g, "'");
    cells = quoted[2] ?? "";
  } else if (text.includes("!")) {
    const i = text.lastIndexOf("!");
    title = text.slice(0, i);
    cells = text.slice(i + 1);
  } else if (!/^[A-Za-z]{0,3}\d*(:[A-Za-z]{0,3}\d*)?$/.test(text) || text === "") {
    return { title: text };
  }
  if (cells === "") return { title };
  const m = /^([A-Za-z]{0,3})(\d*)(?::([A-Za-z]{0,3})(\d*))?$/.exec(cells);
  if (!m || (!m[1] && !m[2])) throw new ApiError(400, `Unable to parse range: ${text}`);
  const [, c1, r1, c2, r2] = m;
  const range: A1Range = { title };
  if (c1) range.startCol = columnIndex(c1);
  if (r1) range.startRow = Number(r1) - 1;
  if (m[3] === undefined && m[4] === undefined) {
    if (c1) range.endCol = range.startCol! + 1;
    if (r1) range.endRow = range.startRow! + 1;
  } else {
    if (c2) range.endCol = columnIndex(c2) + 1;
    if (r2) range.endRow = Number(r2);
  }
  return range;
}

const quoteTitle = (title: string) => `'${title.replace(/'/g, "''")}'`;

// ---- field masks ----------------------------------------------------------------------------

type MaskTree = Map<string, MaskTree | true>;

/** `sheets(properties(sheetId,title),charts)` or `a.b,c` → a tree of selected paths. */
export function parseFieldMask(mask: string): MaskTree {
  const root: MaskTree = new Map();
  let i = 0;
  const parseList = (into: MaskTree, closing: boolean) => {
    while (i < mask.length) {
      let name = "";
      while (i < mask.length && !",()".includes(mask[i]!)) name += mask[i++];
      name = name.trim();
      let node: MaskTree | true = true;
      if (mask[i] === "(") {
        i++;
        const sub: MaskTree = new Map();
        parseList(sub, true);
        node = sub;
      }
      if (name) {
        const parts = name.split(".");
        let at = into;
        for (const part of parts.slice(0, -1)) {
          let next = at.get(part);
          if (next === undefined || next === true) {
            next = new Map();
            at.set(part, next);
          }
          at = next;
        }
        at.set(parts.at(-1)!, node);
      }
      if (mask[i] === ",") i++;
      else if (mask[i] === ")") {
        i++;
        if (closing) return;
      }
    }
  };
  parseList(root, false);
  return root;
}

function applyMask(value: unknown, mask: MaskTree | true): unknown {
  if (mask === true || mask.has("*")) return value;
  if (Array.isArray(value)) return value.map((v) => applyMask(v, mask));
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, sub] of mask) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = applyMask(v, sub);
  }
  return out;
}

/** Copies the masked paths of `source` onto `target` (a path absent from source is cleared). */
function mergeMasked(target: Record<string, unknown>, source: Record<string, unknown>, mask: MaskTree) {
  if (mask.has("*")) {
    for (const k of Object.keys(target)) delete target[k];
    Object.assign(target, structuredClone(source));
    return;
  }
  for (const [k, sub] of mask) {
    const v = source[k];
    if (sub === true || v === undefined || typeof v !== "object" || v === null || Array.isArray(v)) {
      if (sub !== true && v === undefined) {
        const t = target[k];
        if (t && typeof t === "object") mergeMasked(t as Record<string, unknown>, {}, sub);
        continue;
      }
      if (v === undefined) delete target[k];
      else target[k] = structuredClone(v);
      continue;
    }
    if (!target[k] || typeof target[k] !== "object") target[k] = {};
    mergeMasked(target[k] as Record<string, unknown>, v as Record<string, unknown>, sub);
  }
}

// ---- value conversion -----------------------------------------------------------------------

/** What values.update stores for one input value. */
export function enteredValue(input: unknown, option: "RAW" | "USER_ENTERED"): ExtendedValue | undefined {
  if (input === null || input === undefined || input === "") return undefined;
  if (typeof input === "number") return { numberValue: input };
  if (typeof input === "boolean") return { boolValue: input };
  const text = String(input);
  // RAW: "The values the user has entered will not be parsed and will be stored as-is."
  if (option === "RAW") return { stringValue: text };
  // USER_ENTERED: "parsed exactly as if the user typed them into the UI".
  if (text.startsWith("'")) return { stringValue: text.slice(1) };
  if (text.startsWith("=")) return { formulaValue: text };
  const number = /^\s*([+-]?)(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*$/.exec(text);
  if (number) return { numberValue: Number(text.replace(/[,\s]/g, "")) };
  if (/^(true|false)$/i.test(text)) return { boolValue: text.toLowerCase() === "true" };
  return { stringValue: text };
}

function formatNumber(n: number, pattern: string | undefined): string {
  if (!pattern) return String(n);
  const decimals = /\.(0+)/.exec(pattern)?.[1]?.length ?? 0;
  const grouping = pattern.includes(",");
  return n.toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: grouping,
  });
}

type RenderOption = "FORMATTED_VALUE" | "UNFORMATTED_VALUE" | "FORMULA";

function renderCell(cell: CellData | undefined, option: RenderOption): string | number | boolean {
  const v = cell?.userEnteredValue;
  if (!v) return "";
  if (v.formulaValue !== undefined) {
    // The stand-in does not evaluate formulas; a formula only shows as itself.
    return option === "FORMULA" ? v.formulaValue : "#STAND-IN-NO-EVAL";
  }
  if (v.numberValue !== undefined) {
    if (option !== "FORMATTED_VALUE") return v.numberValue;
    const fmt = (cell?.userEnteredFormat?.numberFormat as { pattern?: string } | undefined)?.pattern;
    return formatNumber(v.numberValue, fmt);
  }
  if (v.boolValue !== undefined)
    return option === "FORMATTED_VALUE" ? String(v.boolValue).toUpperCase() : v.boolValue;
  return v.stringValue ?? "";
}

// ---- the server -----------------------------------------------------------------------------

function sheetByTitle(book: Spreadsheet, title: string | undefined): Sheet {
  const sheet = title === undefined ? book.sheets[0] : book.sheets.find((s) => s.properties.title === title);
  if (!sheet) throw new ApiError(400, `Unable to parse range: ${title}`);
  return sheet;
}
function sheetById(book: Spreadsheet, id: number | undefined): Sheet {
  const sheet = book.sheets.find((s) => s.properties.sheetId === id);
  if (!sheet) throw new ApiError(400, `Invalid requests: No grid with id: ${id}`);
  return sheet;
}

function boundsOf(sheet: Sheet, r: GridRange) {
  const g = sheet.properties.gridProperties;
  const b = {
    r0: r.startRowIndex ?? 0,
    r1: r.endRowIndex ?? g.rowCount,
    c0: r.startColumnIndex ?? 0,
    c1: r.endColumnIndex ?? g.columnCount,
  };
  if (b.r1 > g.rowCount || b.c1 > g.columnCount) {
    throw new ApiError(
      400,
      `Invalid requests: Range ('${sheet.properties.title}'!${a1(b.r0, b.c0)}:${a1(b.r1 - 1, b.c1 - 1)}) exceeds grid limits. Max rows: ${g.rowCount}, max columns: ${g.columnCount}`,
    );
  }
  return b;
}

function a1Bounds(sheet: Sheet, r: A1Range) {
  return boundsOf(sheet, {
    startRowIndex: r.startRow,
    endRowIndex: r.endRow,
    startColumnIndex: r.startCol,
    endColumnIndex: r.endCol,
  });
}

function newSheet(book: Spreadsheet, props: Partial<SheetProperties> = {}): Sheet {
  const title = props.title ?? `Sheet${book.sheets.length + 1}`;
  if (book.sheets.some((s) => s.properties.title === title)) {
    throw new ApiError(
      400,
      `Invalid requests[0].addSheet: A sheet with the name "${title}" already exists. Please enter another name.`,
    );
  }
  let sheetId = props.sheetId;
  if (sheetId !== undefined && book.sheets.some((s) => s.properties.sheetId === sheetId)) {
    throw new ApiError(400, `Invalid requests[0].addSheet: Sheet with id ${sheetId} already exists.`);
  }
  sheetId ??= book.nextId++;
  const grid = props.gridProperties;
  return {
    properties: {
      sheetId,
      title,
      index: props.index ?? book.sheets.length,
      sheetType: "GRID",
      gridProperties: {
        rowCount: grid?.rowCount ?? 1000,
        columnCount: grid?.columnCount ?? 26,
        ...(grid?.frozenRowCount ? { frozenRowCount: grid.frozenRowCount } : {}),
        ...(grid?.frozenColumnCount ? { frozenColumnCount: grid.frozenColumnCount } : {}),
      },
    },
    cells: new Map(),
    columnWidths: new Map(),
    protectedRanges: [],
    charts: [],
  };
}

function cloneBook(book: Spreadsheet): Spreadsheet {
  return {
    ...book,
    sheets: book.sheets.map((s) => ({
      properties: structuredClone(s.properties),
      cells: new Map([...s.cells].map(([k, v]) => [k, structuredClone(v)])),
      columnWidths: new Map(s.columnWidths),
      protectedRanges: structuredClone(s.protectedRanges),
      charts: structuredClone(s.charts),
    })),
  };
}

function writeCell(sheet: Sheet, row: number, col: number, data: CellData, mask: MaskTree) {
  const existing = (sheet.cells.get(key(row, col)) ?? {}) as Record<string, unknown>;
  mergeMasked(existing, data as Record<string, unknown>, mask);
  if (Object.keys(existing).length === 0) sheet.cells.delete(key(row, col));
  else sheet.cells.set(key(row, col), existing as CellData);
}

function chartSheetIds(spec: Record<string, unknown>): number[] {
  const ids: number[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.sources)) for (const s of o.sources as GridRange[]) ids.push(s.sheetId ?? 0);
      for (const x of Object.values(o)) walk(x);
    }
  };
  walk(spec);
  return ids;
}

/** Sheets refuses to freeze every row (or column) of a grid. */
function checkFrozen(g: GridProperties, index: number) {
  if ((g.frozenRowCount ?? 0) >= g.rowCount || (g.frozenColumnCount ?? 0) >= g.columnCount) {
    throw new ApiError(400, `Invalid requests[${index}]: You can't freeze all visible rows on the sheet.`);
  }
}

const REQUEST_KINDS = [
  "addSheet",
  "deleteSheet",
  "updateCells",
  "repeatCell",
  "updateSheetProperties",
  "updateDimensionProperties",
  "autoResizeDimensions",
  "addProtectedRange",
  "addChart",
  "updateChartSpec",
] as const;

function applyRequest(book: Spreadsheet, request: Record<string, unknown>, index: number): unknown {
  const kinds = Object.keys(request);
  const kind = kinds[0];
  if (kinds.length !== 1 || !REQUEST_KINDS.includes(kind as never)) {
    throw new ApiError(400, `Invalid JSON payload received. Unknown name "${kind}" at 'requests[${index}]'`);
  }
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are JSON of many shapes
  const r = request[kind!] as any;
  switch (kind) {
    case "addSheet": {
      const sheet = newSheet(book, r.properties ?? {});
      checkFrozen(sheet.properties.gridProperties, index);
      book.sheets.splice(sheet.properties.index, 0, sheet);
      book.sheets.forEach((s, i) => {
        s.properties.index = i;
      });
      return { addSheet: { properties: structuredClone(sheet.properties) } };
    }
    case "deleteSheet": {
      const sheet = sheetById(book, r.sheetId);
      if (book.sheets.length === 1)
        throw new ApiError(400, "Invalid requests: You can't remove all the sheets in a document.");
      book.sheets = book.sheets.filter((s) => s !== sheet);
      book.sheets.forEach((s, i) => {
        s.properties.index = i;
      });
      return {};
    }
    case "updateCells": {
      if (!r.fields)
        throw new ApiError(
          400,
          `Invalid requests[${index}].updateCells: At least one field must be updated.`,
        );
      const mask = parseFieldMask(r.fields);
      const rows = (r.rows ?? []) as { values?: CellData[] }[];
      if (r.range) {
        const sheet = sheetById(book, r.range.sheetId);
        const b = boundsOf(sheet, r.range);
        for (let row = b.r0; row < b.r1; row++) {
          for (let col = b.c0; col < b.c1; col++) {
            writeCell(sheet, row, col, rows[row - b.r0]?.values?.[col - b.c0] ?? {}, mask);
          }
        }
      } else {
        const sheet = sheetById(book, r.start?.sheetId);
        const r0 = r.start?.rowIndex ?? 0;
        const c0 = r.start?.columnIndex ?? 0;
        const width = Math.max(0, ...rows.map((x) => x.values?.length ?? 0));
        boundsOf(sheet, {
          startRowIndex: r0,
          endRowIndex: r0 + rows.length,
          startColumnIndex: c0,
          endColumnIndex: c0 + width,
        });
        rows.forEach((x, i) => {
          x.values?.forEach((cell, j) => {
            writeCell(sheet, r0 + i, c0 + j, cell, mask);
          });
        });
      }
      return {};
    }
    case "repeatCell": {
      const sheet = sheetById(book, r.range?.sheetId);
      const b = boundsOf(sheet, r.range);
      const mask = parseFieldMask(r.fields);
      for (let row = b.r0; row < b.r1; row++)
        for (let col = b.c0; col < b.c1; col++) writeCell(sheet, row, col, r.cell ?? {}, mask);
      return {};
    }
    case "updateSheetProperties": {
      const sheet = sheetById(book, r.properties?.sheetId);
      if (!r.fields)
        throw new ApiError(400, `Invalid requests[${index}].updateSheetProperties: fields is required`);
      const props = sheet.properties as unknown as Record<string, unknown>;
      const title = r.properties.title;
      if (title !== undefined && book.sheets.some((s) => s !== sheet && s.properties.title === title)) {
        throw new ApiError(
          400,
          `Invalid requests[${index}]: A sheet with the name "${title}" already exists.`,
        );
      }
      mergeMasked(props, r.properties, parseFieldMask(r.fields));
      const g = sheet.properties.gridProperties;
      checkFrozen(g, index);
      for (const k of [...sheet.cells.keys()]) {
        const [row, col] = k.split(",").map(Number);
        if (row! >= g.rowCount || col! >= g.columnCount) sheet.cells.delete(k);
      }
      return {};
    }
    case "updateDimensionProperties": {
      const range = r.range;
      const sheet = sheetById(book, range?.sheetId);
      if (range.dimension !== "COLUMNS") return {};
      const end = range.endIndex ?? sheet.properties.gridProperties.columnCount;
      if (end > sheet.properties.gridProperties.columnCount)
        throw new ApiError(400, "Invalid requests: exceeds grid limits");
      for (let c = range.startIndex ?? 0; c < end; c++) sheet.columnWidths.set(c, r.properties.pixelSize);
      return {};
    }
    case "autoResizeDimensions": {
      const d = r.dimensions;
      const sheet = sheetById(book, d?.sheetId);
      if (d.dimension !== "COLUMNS") return {};
      for (let c = d.startIndex ?? 0; c < (d.endIndex ?? sheet.properties.gridProperties.columnCount); c++) {
        let longest = 0;
        for (const [k, cell] of sheet.cells) {
          if (Number(k.split(",")[1]) !== c) continue;
          longest = Math.max(longest, String(renderCell(cell, "FORMATTED_VALUE")).length);
        }
        sheet.columnWidths.set(c, Math.max(20, longest * 8 + 10));
      }
      return {};
    }
    case "addProtectedRange": {
      const pr = r.protectedRange ?? {};
      const sheet = sheetById(book, pr.range?.sheetId);
      const protectedRange: ProtectedRange = {
        ...structuredClone(pr),
        protectedRangeId: pr.protectedRangeId ?? book.nextId++,
        requestingUserCanEdit: true,
      };
      sheet.protectedRanges.push(protectedRange);
      return { addProtectedRange: { protectedRange: structuredClone(protectedRange) } };
    }
    case "addChart": {
      const chart = r.chart ?? {};
      const anchor = chart.position?.overlayPosition?.anchorCell;
      const sheet = sheetById(book, anchor?.sheetId);
      if (anchor && (anchor.rowIndex ?? 0) >= sheet.properties.gridProperties.rowCount) {
        throw new ApiError(400, "Invalid requests: the chart's anchor cell is outside the grid");
      }
      for (const id of chartSheetIds(chart.spec ?? {})) sheetById(book, id);
      const chartId = chart.chartId ?? book.nextId++;
      if (book.sheets.some((s) => s.charts.some((c) => c.chartId === chartId))) {
        throw new ApiError(400, `Invalid requests: a chart with id ${chartId} already exists`);
      }
      const stored: EmbeddedChart = {
        chartId,
        spec: structuredClone(chart.spec ?? {}),
        position: structuredClone(chart.position ?? {}),
      };
      sheet.charts.push(stored);
      return { addChart: { chart: structuredClone(stored) } };
    }
    case "updateChartSpec": {
      const chart = book.sheets.flatMap((s) => s.charts).find((c) => c.chartId === r.chartId);
      if (!chart)
        throw new ApiError(400, `Invalid requests[${index}].updateChartSpec: No chart with id: ${r.chartId}`);
      for (const id of chartSheetIds(r.spec ?? {})) sheetById(book, id);
      chart.spec = structuredClone(r.spec ?? {});
      return {};
    }
  }
  return {};
}

function sheetResource(sheet: Sheet, gridRanges?: A1Range[]) {
  const out: Record<string, unknown> = { properties: structuredClone(sheet.properties) };
  if (sheet.protectedRanges.length) out.protectedRanges = structuredClone(sheet.protectedRanges);
  if (sheet.charts.length) out.charts = structuredClone(sheet.charts);
  if (gridRanges) {
    out.data = gridRanges.map((r) => {
      const b = a1Bounds(sheet, r);
      const rowData = [];
      for (let row = b.r0; row < b.r1; row++) {
        const values = [];
        for (let col = b.c0; col < b.c1; col++)
          values.push(structuredClone(sheet.cells.get(key(row, col)) ?? {}));
        rowData.push({ values });
      }
      return { startRow: b.r0, startColumn: b.c0, rowData };
    });
  }
  return out;
}

function readValues(book: Spreadsheet, rangeText: string, option: RenderOption) {
  const r = parseA1(rangeText);
  const sheet = sheetByTitle(book, r.title);
  const b = a1Bounds(sheet, r);
  const values: (string | number | boolean)[][] = [];
  for (let row = b.r0; row < b.r1; row++) {
    const line: (string | number | boolean)[] = [];
    for (let col = b.c0; col < b.c1; col++) line.push(renderCell(sheet.cells.get(key(row, col)), option));
    while (line.length && line.at(-1) === "") line.pop();
    values.push(line);
  }
  while (values.length && values.at(-1)!.length === 0) values.pop();
  const range = `${quoteTitle(sheet.properties.title)}!${a1(b.r0, b.c0)}:${a1(b.r1 - 1, b.c1 - 1)}`;
  return { range, majorDimension: "ROWS", ...(values.length ? { values } : {}) };
}

function writeValues(book: Spreadsheet, rangeText: string, values: unknown[][], option: string | undefined) {
  if (option !== "RAW" && option !== "USER_ENTERED") {
    throw new ApiError(400, "'valueInputOption' is required but not specified");
  }
  const r = parseA1(rangeText);
  const sheet = sheetByTitle(book, r.title);
  const r0 = r.startRow ?? 0;
  const c0 = r.startCol ?? 0;
  const width = Math.max(0, ...values.map((v) => v.length));
  a1Bounds(sheet, {
    title: r.title,
    startRow: r0,
    endRow: r0 + values.length,
    startCol: c0,
    endCol: c0 + width,
  });
  const valueMask = parseFieldMask("userEnteredValue");
  let cells = 0;
  values.forEach((line, i) => {
    line.forEach((v, j) => {
      const entered = enteredValue(v, option);
      writeCell(sheet, r0 + i, c0 + j, entered ? { userEnteredValue: entered } : {}, valueMask);
      cells++;
    });
  });
  return {
    spreadsheetId: book.spreadsheetId,
    updatedRange: `${quoteTitle(sheet.properties.title)}!${a1(r0, c0)}:${a1(r0 + Math.max(values.length, 1) - 1, c0 + Math.max(width, 1) - 1)}`,
    updatedRows: values.length,
    updatedColumns: width,
    updatedCells: cells,
  };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "Invalid JSON payload received.");
  }
}

export async function startSheetsApiStandIn(): Promise<SheetsApiStandIn> {
  const books = new Map<string, Spreadsheet>();
  const requests: LoggedRequest[] = [];
  const faults: Fault[] = [];

  const route = async (req: IncomingMessage, url: URL, body: unknown): Promise<unknown> => {
    const m = /^\/v4\/spreadsheets\/([^/:]+)(.*)$/.exec(url.pathname);
    if (!m) throw new ApiError(404, `Not found: ${url.pathname}`);
    const book = books.get(decodeURIComponent(m[1]!));
    const rest = m[2]!;
    const method = req.method ?? "GET";
    const q = url.searchParams;
    const need = () => {
      if (!book) throw new ApiError(404, "Requested entity was not found.");
      return book;
    };
    if (rest === "" && method === "GET") {
      const b = need();
      const ranges = q.getAll("ranges");
      const grid = q.get("includeGridData") === "true";
      const byTitle = new Map<string, A1Range[]>();
      for (const text of ranges) {
        const r = parseA1(text);
        const sheet = sheetByTitle(b, r.title);
        byTitle.set(sheet.properties.title, [...(byTitle.get(sheet.properties.title) ?? []), r]);
      }
      const sheets = b.sheets
        .filter((s) => ranges.length === 0 || byTitle.has(s.properties.title))
        .map((s) => sheetResource(s, grid ? (byTitle.get(s.properties.title) ?? [{}]) : undefined));
      const resource = {
        spreadsheetId: b.spreadsheetId,
        properties: { title: b.title, locale: "th_TH", timeZone: "Asia/Bangkok" },
        sheets,
        spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${b.spreadsheetId}/edit`,
      };
      const fields = q.get("fields");
      return fields ? applyMask(resource, parseFieldMask(fields)) : resource;
    }
    if (rest === ":batchUpdate" && method === "POST") {
      const b = need();
      const reqs = ((body as { requests?: unknown[] }).requests ?? []) as Record<string, unknown>[];
      const draft = cloneBook(b);
      const replies = reqs.map((r, i) => applyRequest(draft, r, i));
      books.set(b.spreadsheetId, draft);
      return { spreadsheetId: b.spreadsheetId, replies };
    }
    const option = (q.get("valueRenderOption") ?? "FORMATTED_VALUE") as RenderOption;
    if (rest === "/values:batchGet" && method === "GET") {
      const b = need();
      return {
        spreadsheetId: b.spreadsheetId,
        valueRanges: q.getAll("ranges").map((r) => readValues(b, r, option)),
      };
    }
    if (rest === "/values:batchUpdate" && method === "POST") {
      const b = need();
      const { valueInputOption, data = [] } = body as {
        valueInputOption?: string;
        data?: { range: string; values: unknown[][] }[];
      };
      const draft = cloneBook(b);
      const responses = data.map((d) => writeValues(draft, d.range, d.values ?? [], valueInputOption));
      books.set(b.spreadsheetId, draft);
      return {
        spreadsheetId: b.spreadsheetId,
        totalUpdatedCells: responses.reduce((n, r) => n + r.updatedCells, 0),
        responses,
      };
    }
    const values = /^\/values\/([^:]+)(:clear)?$/.exec(rest);
    if (values) {
      const b = need();
      const range = decodeURIComponent(values[1]!);
      if (values[2] && method === "POST") {
        const r = parseA1(range);
        const sheet = sheetByTitle(b, r.title);
        const bounds = a1Bounds(sheet, r);
        const mask = parseFieldMask("userEnteredValue");
        for (let row = bounds.r0; row < bounds.r1; row++)
          for (let col = bounds.c0; col < bounds.c1; col++) writeCell(sheet, row, col, {}, mask);
        return { spreadsheetId: b.spreadsheetId, clearedRange: readValues(b, range, option).range };
      }
      if (!values[2] && method === "GET") return readValues(b, range, option);
      if (!values[2] && method === "PUT") {
        const draft = cloneBook(b);
        const result = writeValues(
          draft,
          range,
          (body as { values?: unknown[][] }).values ?? [],
          q.get("valueInputOption") ?? undefined,
        );
        books.set(b.spreadsheetId, draft);
        return result;
      }
    }
    throw new ApiError(404, `Not found: ${method} ${url.pathname}`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const entry: LoggedRequest = {
      method: req.method ?? "GET",
      path: decodeURIComponent(url.pathname),
      query: {},
      status: 200,
    };
    for (const [k, v] of url.searchParams) entry.query[k] = [...(entry.query[k] ?? []), v];
    requests.push(entry);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      res.writeHead(status, { "content-type": "application/json; charset=UTF-8", ...headers });
      res.end(JSON.stringify(payload));
    };
    try {
      const body = await readBody(req);
      entry.body = body;
      const fault = faults[0];
      if (fault) {
        fault.times = (fault.times ?? 1) - 1;
        if (fault.times <= 0) faults.shift();
        const status =
          fault.status === 429 ? "RESOURCE_EXHAUSTED" : fault.status === 503 ? "UNAVAILABLE" : "INTERNAL";
        send(
          fault.status,
          { error: { code: fault.status, message: `Injected fault ${fault.status}`, status } },
          fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {},
        );
        return;
      }
      send(200, await route(req, url, body));
    } catch (e) {
      if (e instanceof ApiError)
        send(e.code, { error: { code: e.code, message: e.message, status: e.status } });
      else send(500, { error: { code: 500, message: String(e), status: "INTERNAL" } });
    }
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    rootUrl: `http://127.0.0.1:${port}/`,
    requests,
    createSpreadsheet(title, sheetTitles = ["Sheet1"], givenId) {
      const id = givenId ?? `stand-in-${randomUUID()}`;
      const book: Spreadsheet = { spreadsheetId: id, title, sheets: [], nextId: 1_000 };
      for (const t of sheetTitles)
        book.sheets.push(newSheet(book, { title: t, sheetId: book.sheets.length ? undefined : 0 }));
      books.set(id, book);
      return id;
    },
    failNext(fault) {
      faults.push({ ...fault });
    },
    cells(spreadsheetId, title) {
      const sheet = sheetByTitle(books.get(spreadsheetId)!, title);
      return new Map(
        [...sheet.cells].map(([k, v]) => {
          const [row, col] = k.split(",").map(Number);
          return [a1(row!, col!), structuredClone(v)];
        }),
      );
    },
    sheet(spreadsheetId, title) {
      const s = books.get(spreadsheetId)?.sheets.find((x) => x.properties.title === title);
      return (
        s &&
        structuredClone({
          properties: s.properties,
          columnWidths: s.columnWidths,
          protectedRanges: s.protectedRanges,
          charts: s.charts,
        })
      );
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
