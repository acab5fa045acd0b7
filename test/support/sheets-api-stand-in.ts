// A local stand-in of the Google Sheets API v4 (no emulator exists), strict by construction: a
// node:http server on 127.0.0.1 that routes by Google's discovery document, validates every query and
// body against it (sheets-api/discovery-validator.ts), enforces the documented rules that need the
// spreadsheet (ids, unique titles, grid ranges, cell limits, quoted A1 titles), counts quotas per
// rolling minute on an injectable clock, answers 403 for a spreadsheet not shared with the caller,
// and renders FORMATTED_VALUE per spreadsheet locale. Every rule cites Google in sheets-api/rules.ts.
// Implemented: spreadsheets.get, batchUpdate (addSheet, deleteSheet, updateCells, repeatCell,
// updateSheetProperties, updateDimensionProperties, autoResizeDimensions, addProtectedRange, addChart,
// updateChartSpec; atomic), values get/batchGet/update/batchUpdate/clear. Anything else is a 404.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  checkBody,
  checkQuery,
  type DiscoveryMethod,
  findMethod,
  type Violation,
} from "./sheets-api/discovery-validator.ts";
import {
  DATE_TYPES,
  type DateType,
  formatSerial,
  LOCALES,
  type Locale,
  parseUserDate,
} from "./sheets-api/locale-format.ts";
import {
  GOOGLE_QUOTA,
  QuotaCounter,
  type QuotaKind,
  type QuotaLimits,
  quotaErrorBody,
} from "./sheets-api/quota.ts";
import type { RuleId } from "./sheets-api/rules.ts";

export type { Locale } from "./sheets-api/locale-format.ts";

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
  locale: Locale;
  /** Whether the caller (the service account) may open it: shared with it as an editor. */
  shared: boolean;
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
  /** The rule that refused the request, when one did. */
  rule?: RuleId;
  /** The clock's time of the request (ms). */
  at: number;
}

export interface Fault {
  /** The status to answer (429 is answered as an exhausted quota: Google's body, no Retry-After). */
  status?: 429 | 500 | 503;
  /** Close the connection without any answer instead. */
  drop?: boolean;
  /** How many requests in a row fail (default 1). */
  times?: number;
  /** Apply the request first, then fail: the answer is lost after the API applied it. */
  afterApply?: boolean;
  /** Only requests whose path ends with this (e.g. ":batchUpdate"); others pass. */
  on?: string;
}

export interface StandInOptions {
  /** The clock the quotas count on, in ms (default Date.now); read once per request. */
  now?: () => number;
  /** Per-minute limits (default Google's: 60 per user and 300 per project, for reads and for writes). */
  quota?: Partial<QuotaLimits>;
}

export interface SpreadsheetOptions {
  /** SpreadsheetProperties.locale (default th_TH, the office's). */
  locale?: Locale;
  /** False: not shared with the service account, so every call answers 403 (default true). */
  shared?: boolean;
}

export interface SheetsApiStandIn {
  /** The `rootUrl` to give the client: http://127.0.0.1:PORT/ */
  rootUrl: string;
  requests: LoggedRequest[];
  /** A new spreadsheet with these tabs; its id is random unless given. */
  createSpreadsheet(title: string, sheetTitles?: string[], id?: string, options?: SpreadsheetOptions): string;
  /** Shares (or unshares) a spreadsheet with the service account. */
  setShared(spreadsheetId: string, shared: boolean): void;
  /** Makes the next requests fail. */
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

const STATUS_OF: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly rule?: RuleId,
    readonly violations: Violation[] = [],
  ) {
    super(message);
  }
  body() {
    return {
      error: {
        code: this.code,
        message: this.message,
        status: STATUS_OF[this.code] ?? "INTERNAL",
        ...(this.violations.length
          ? {
              details: [
                {
                  "@type": "type.googleapis.com/google.rpc.BadRequest",
                  fieldViolations: this.violations.map((v) => ({
                    field: v.field,
                    description: v.description,
                  })),
                },
              ],
            }
          : {}),
      },
    };
  }
}

const invalid = (message: string, rule: RuleId) => new ApiError(400, message, rule);

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
  if (!m || (!m[1] && !m[2])) throw new ApiError(400, `Unable to parse range: ${text}`, "A1_SHEET_EXISTS");
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

/** A sheet name may go unquoted only when it is plain ASCII letters, digits and underscores. */
export function checkA1Quoting(text: string): void {
  if (text.startsWith("'")) return;
  const title = text.includes("!") ? text.slice(0, text.lastIndexOf("!")) : text;
  const cellLike = !text.includes("!") && /^[A-Za-z]{0,3}\d*(:[A-Za-z]{0,3}\d*)?$/.test(text);
  if (cellLike) return;
  if (!/^[A-Za-z0-9_]+$/.test(title)) {
    throw new ApiError(
      400,
      `Unable to parse range: ${text} (a sheet name with spaces or special characters must be in single quotes)`,
      "A1_QUOTED_TITLE",
    );
  }
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

/** What values.update stores for one input value (its number format too, for a typed date). */
export function enteredCell(
  input: unknown,
  option: "RAW" | "USER_ENTERED",
  locale: Locale = "en_US",
): CellData | undefined {
  if (input === null || input === undefined || input === "") return undefined;
  if (typeof input === "number") return { userEnteredValue: { numberValue: input } };
  if (typeof input === "boolean") return { userEnteredValue: { boolValue: input } };
  const text = String(input);
  // RAW: "The values the user has entered will not be parsed and will be stored as-is."
  if (option === "RAW") return { userEnteredValue: { stringValue: text } };
  // USER_ENTERED: "parsed exactly as if the user typed them into the UI".
  if (text.startsWith("'")) return { userEnteredValue: { stringValue: text.slice(1) } };
  if (text.startsWith("=")) return { userEnteredValue: { formulaValue: text } };
  const number = /^\s*([+-]?)(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*$/.exec(text);
  if (number) return { userEnteredValue: { numberValue: Number(text.replace(/[,\s]/g, "")) } };
  if (/^(true|false)$/i.test(text)) return { userEnteredValue: { boolValue: text.toLowerCase() === "true" } };
  const date = parseUserDate(text, locale);
  if (date) {
    return {
      userEnteredValue: { numberValue: date.serial },
      userEnteredFormat: { numberFormat: { type: date.type } },
    };
  }
  return { userEnteredValue: { stringValue: text } };
}

/** The value part of enteredCell. */
export function enteredValue(input: unknown, option: "RAW" | "USER_ENTERED"): ExtendedValue | undefined {
  return enteredCell(input, option)?.userEnteredValue;
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
type DateTimeOption = "SERIAL_NUMBER" | "FORMATTED_STRING";

function renderCell(
  cell: CellData | undefined,
  option: RenderOption,
  dates: DateTimeOption,
  locale: Locale,
): string | number | boolean {
  const v = cell?.userEnteredValue;
  if (!v) return "";
  if (v.formulaValue !== undefined) {
    // The stand-in does not evaluate formulas; a formula only shows as itself.
    return option === "FORMULA" ? v.formulaValue : "#STAND-IN-NO-EVAL";
  }
  if (v.numberValue !== undefined) {
    const format = cell?.userEnteredFormat?.numberFormat as { type?: string; pattern?: string } | undefined;
    const dateType = DATE_TYPES.includes(format?.type as DateType) ? (format!.type as DateType) : undefined;
    // dateTimeRenderOption "is ignored if valueRenderOption is FORMATTED_VALUE".
    if (dateType && (option === "FORMATTED_VALUE" || dates === "FORMATTED_STRING")) {
      return formatSerial(v.numberValue, dateType, locale);
    }
    if (option !== "FORMATTED_VALUE") return v.numberValue;
    return formatNumber(v.numberValue, format?.pattern);
  }
  if (v.boolValue !== undefined)
    return option === "FORMATTED_VALUE" ? String(v.boolValue).toUpperCase() : v.boolValue;
  return v.stringValue ?? "";
}

// ---- state and semantic rules -----------------------------------------------------------------

/** "Up to 10 million cells or 18,278 columns (column ZZZ)". */
export const MAX_CELLS = 10_000_000;
export const MAX_COLUMNS = 18_278;

function sheetByTitle(book: Spreadsheet, title: string | undefined): Sheet {
  const sheet = title === undefined ? book.sheets[0] : book.sheets.find((s) => s.properties.title === title);
  if (!sheet) throw new ApiError(400, `Unable to parse range: ${title}`, "A1_SHEET_EXISTS");
  return sheet;
}
function sheetById(book: Spreadsheet, id: number | undefined, where: string): Sheet {
  const sheet = book.sheets.find((s) => s.properties.sheetId === (id ?? 0));
  if (!sheet) throw invalid(`Invalid ${where}: No grid with id: ${id ?? 0}`, "ID_EXISTS");
  return sheet;
}

function boundsOf(sheet: Sheet, r: GridRange, where: string) {
  const g = sheet.properties.gridProperties;
  const b = {
    r0: r.startRowIndex ?? 0,
    r1: r.endRowIndex ?? g.rowCount,
    c0: r.startColumnIndex ?? 0,
    c1: r.endColumnIndex ?? g.columnCount,
  };
  if (b.r0 < 0 || b.c0 < 0 || b.r0 > b.r1 || b.c0 > b.c1) {
    throw invalid(
      `Invalid ${where}: the start index must be less than or equal to the end index`,
      "RANGE_IN_GRID",
    );
  }
  if (b.r1 > g.rowCount || b.c1 > g.columnCount) {
    throw invalid(
      `Invalid ${where}: Range ('${sheet.properties.title}'!${a1(b.r0, b.c0)}:${a1(b.r1 - 1, b.c1 - 1)}) exceeds grid limits. Max rows: ${g.rowCount}, max columns: ${g.columnCount}`,
      "RANGE_IN_GRID",
    );
  }
  return b;
}

function a1Bounds(sheet: Sheet, r: A1Range) {
  return boundsOf(
    sheet,
    {
      startRowIndex: r.startRow,
      endRowIndex: r.endRow,
      startColumnIndex: r.startCol,
      endColumnIndex: r.endCol,
    },
    "range",
  );
}

function newSheet(book: Spreadsheet, props: Partial<SheetProperties>, where: string): Sheet {
  const title = props.title ?? `Sheet${book.sheets.length + 1}`;
  if (book.sheets.some((s) => s.properties.title === title)) {
    throw invalid(
      `Invalid ${where}: A sheet with the name "${title}" already exists. Please enter another name.`,
      "SHEET_TITLE_UNIQUE",
    );
  }
  let sheetId = props.sheetId;
  if (sheetId !== undefined && sheetId < 0) {
    throw invalid(`Invalid ${where}: sheetId must be non-negative: ${sheetId}`, "SHEET_ID_NON_NEGATIVE");
  }
  if (sheetId !== undefined && book.sheets.some((s) => s.properties.sheetId === sheetId)) {
    throw invalid(`Invalid ${where}: Sheet with id ${sheetId} already exists.`, "ID_NEW");
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

/** Every GridRange a chart spec reads, checked against the sheets it names. */
function checkChartSources(book: Spreadsheet, spec: Record<string, unknown>, where: string) {
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.sources)) {
        for (const s of o.sources as GridRange[]) boundsOf(sheetById(book, s.sheetId, where), s, where);
      }
      for (const x of Object.values(o)) walk(x);
    }
  };
  walk(spec);
}

/** Sheets refuses to freeze every row (or column) of a grid. */
function checkFrozen(g: GridProperties, where: string) {
  if ((g.frozenRowCount ?? 0) >= g.rowCount || (g.frozenColumnCount ?? 0) >= g.columnCount) {
    throw invalid(`Invalid ${where}: You can't freeze all visible rows on the sheet.`, "FROZEN_NOT_ALL");
  }
}

function checkLimits(book: Spreadsheet, where: string) {
  let cells = 0;
  for (const s of book.sheets) {
    const g = s.properties.gridProperties;
    if (g.columnCount > MAX_COLUMNS) {
      throw invalid(
        `Invalid ${where}: This action would increase the number of columns in the workbook above the limit of ${MAX_COLUMNS} columns.`,
        "CELL_LIMIT",
      );
    }
    cells += g.rowCount * g.columnCount;
  }
  if (cells > MAX_CELLS) {
    throw invalid(
      `Invalid ${where}: This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`,
      "CELL_LIMIT",
    );
  }
}

const embeddedIds = (book: Spreadsheet) =>
  new Set(book.sheets.flatMap((s) => s.charts.map((c) => c.chartId)));

// biome-ignore lint/suspicious/noExplicitAny: request bodies are JSON of many shapes, validated before
type Json = any;

function applyRequest(book: Spreadsheet, request: Record<string, Json>, index: number): unknown {
  const kind = Object.keys(request)[0]!;
  const r = request[kind];
  const where = `requests[${index}].${kind}`;
  switch (kind) {
    case "addSheet": {
      const sheet = newSheet(book, r.properties ?? {}, where);
      checkFrozen(sheet.properties.gridProperties, where);
      book.sheets.splice(Math.min(sheet.properties.index, book.sheets.length), 0, sheet);
      book.sheets.forEach((s, i) => {
        s.properties.index = i;
      });
      checkLimits(book, where);
      return { addSheet: { properties: structuredClone(sheet.properties) } };
    }
    case "deleteSheet": {
      const sheet = sheetById(book, r.sheetId, where);
      if (book.sheets.length === 1)
        throw invalid(`Invalid ${where}: You can't remove all the sheets in a document.`, "KEEP_ONE_SHEET");
      book.sheets = book.sheets.filter((s) => s !== sheet);
      book.sheets.forEach((s, i) => {
        s.properties.index = i;
      });
      return {};
    }
    case "updateCells": {
      const mask = parseFieldMask(r.fields);
      const rows = (r.rows ?? []) as { values?: CellData[] }[];
      if (r.range) {
        const sheet = sheetById(book, r.range.sheetId, where);
        const b = boundsOf(sheet, r.range, where);
        for (let row = b.r0; row < b.r1; row++) {
          for (let col = b.c0; col < b.c1; col++) {
            writeCell(sheet, row, col, rows[row - b.r0]?.values?.[col - b.c0] ?? {}, mask);
          }
        }
      } else {
        const sheet = sheetById(book, r.start?.sheetId, where);
        const r0 = r.start?.rowIndex ?? 0;
        const c0 = r.start?.columnIndex ?? 0;
        const width = Math.max(0, ...rows.map((x) => x.values?.length ?? 0));
        boundsOf(
          sheet,
          {
            startRowIndex: r0,
            endRowIndex: r0 + rows.length,
            startColumnIndex: c0,
            endColumnIndex: c0 + width,
          },
          where,
        );
        rows.forEach((x, i) => {
          x.values?.forEach((cell, j) => {
            writeCell(sheet, r0 + i, c0 + j, cell, mask);
          });
        });
      }
      return {};
    }
    case "repeatCell": {
      const sheet = sheetById(book, r.range?.sheetId, where);
      const b = boundsOf(sheet, r.range ?? {}, where);
      const mask = parseFieldMask(r.fields);
      for (let row = b.r0; row < b.r1; row++)
        for (let col = b.c0; col < b.c1; col++) writeCell(sheet, row, col, r.cell ?? {}, mask);
      return {};
    }
    case "updateSheetProperties": {
      const sheet = sheetById(book, r.properties?.sheetId, where);
      const title = r.properties?.title;
      if (title !== undefined && book.sheets.some((s) => s !== sheet && s.properties.title === title)) {
        throw invalid(
          `Invalid ${where}: A sheet with the name "${title}" already exists. Please enter another name.`,
          "SHEET_TITLE_UNIQUE",
        );
      }
      mergeMasked(
        sheet.properties as unknown as Record<string, unknown>,
        r.properties,
        parseFieldMask(r.fields),
      );
      const g = sheet.properties.gridProperties;
      checkFrozen(g, where);
      checkLimits(book, where);
      for (const k of [...sheet.cells.keys()]) {
        const [row, col] = k.split(",").map(Number);
        if (row! >= g.rowCount || col! >= g.columnCount) sheet.cells.delete(k);
      }
      return {};
    }
    case "updateDimensionProperties": {
      const range = r.range ?? {};
      const sheet = sheetById(book, range.sheetId, where);
      const g = sheet.properties.gridProperties;
      const size = range.dimension === "COLUMNS" ? g.columnCount : g.rowCount;
      const start = range.startIndex ?? 0;
      const end = range.endIndex ?? size;
      if (start > end || end > size) {
        throw invalid(
          `Invalid ${where}: the ${range.dimension} ${start}–${end} exceed the grid (${size})`,
          "RANGE_IN_GRID",
        );
      }
      if (range.dimension === "COLUMNS" && r.properties?.pixelSize !== undefined) {
        for (let c = start; c < end; c++) sheet.columnWidths.set(c, r.properties.pixelSize);
      }
      return {};
    }
    case "autoResizeDimensions": {
      const d = r.dimensions ?? {};
      const sheet = sheetById(book, d.sheetId, where);
      if (d.dimension !== "COLUMNS") return {};
      const end = d.endIndex ?? sheet.properties.gridProperties.columnCount;
      if (end > sheet.properties.gridProperties.columnCount)
        throw invalid(`Invalid ${where}: the columns exceed the grid`, "RANGE_IN_GRID");
      for (let c = d.startIndex ?? 0; c < end; c++) {
        let longest = 0;
        for (const [k, cell] of sheet.cells) {
          if (Number(k.split(",")[1]) !== c) continue;
          longest = Math.max(
            longest,
            String(renderCell(cell, "FORMATTED_VALUE", "SERIAL_NUMBER", book.locale)).length,
          );
        }
        sheet.columnWidths.set(c, Math.max(20, longest * 8 + 10));
      }
      return {};
    }
    case "addProtectedRange": {
      const pr = r.protectedRange ?? {};
      const sheet = sheetById(book, pr.range?.sheetId, where);
      boundsOf(sheet, pr.range ?? {}, where);
      const taken = book.sheets.some((s) =>
        s.protectedRanges.some((p) => p.protectedRangeId === pr.protectedRangeId),
      );
      if (pr.protectedRangeId !== undefined && taken) {
        throw invalid(
          `Invalid ${where}: a protected range with id ${pr.protectedRangeId} already exists`,
          "ID_NEW",
        );
      }
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
      const anchor = chart.position?.overlayPosition?.anchorCell ?? {};
      const sheet = sheetById(book, chart.position?.sheetId ?? anchor.sheetId, where);
      const g = sheet.properties.gridProperties;
      if ((anchor.rowIndex ?? 0) >= g.rowCount || (anchor.columnIndex ?? 0) >= g.columnCount) {
        throw invalid(`Invalid ${where}: the chart's anchor cell is outside the grid`, "RANGE_IN_GRID");
      }
      checkChartSources(book, chart.spec ?? {}, where);
      const chartId = chart.chartId ?? book.nextId++;
      if (embeddedIds(book).has(chartId)) {
        throw invalid(`Invalid ${where}: An embedded object with id ${chartId} already exists.`, "ID_NEW");
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
      if (!chart) throw invalid(`Invalid ${where}: No chart with id: ${r.chartId}`, "ID_EXISTS");
      checkChartSources(book, r.spec ?? {}, where);
      chart.spec = structuredClone(r.spec ?? {});
      return {};
    }
  }
  // A kind Google knows but the stand-in does not implement is refused rather than ignored.
  throw new ApiError(400, `Invalid ${where}: the stand-in does not implement this request`);
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

function rangeOf(book: Spreadsheet, text: string): { sheet: Sheet; r: A1Range } {
  checkA1Quoting(text);
  const r = parseA1(text);
  return { sheet: sheetByTitle(book, r.title), r };
}

interface ReadOptions {
  render: RenderOption;
  dates: DateTimeOption;
  columns: boolean;
}

function readValues(book: Spreadsheet, rangeText: string, o: ReadOptions) {
  const { sheet, r } = rangeOf(book, rangeText);
  const b = a1Bounds(sheet, r);
  const grid: (string | number | boolean)[][] = [];
  const outer = o.columns ? [b.c0, b.c1] : [b.r0, b.r1];
  const inner = o.columns ? [b.r0, b.r1] : [b.c0, b.c1];
  for (let i = outer[0]!; i < outer[1]!; i++) {
    const line: (string | number | boolean)[] = [];
    for (let j = inner[0]!; j < inner[1]!; j++) {
      const [row, col] = o.columns ? [j, i] : [i, j];
      line.push(renderCell(sheet.cells.get(key(row, col)), o.render, o.dates, book.locale));
    }
    while (line.length && line.at(-1) === "") line.pop();
    grid.push(line);
  }
  while (grid.length && grid.at(-1)!.length === 0) grid.pop();
  const range = `${quoteTitle(sheet.properties.title)}!${a1(b.r0, b.c0)}:${a1(b.r1 - 1, b.c1 - 1)}`;
  return { range, majorDimension: o.columns ? "COLUMNS" : "ROWS", ...(grid.length ? { values: grid } : {}) };
}

function writeValues(book: Spreadsheet, rangeText: string, values: unknown[][], option: string | undefined) {
  if (option !== "RAW" && option !== "USER_ENTERED") {
    throw invalid("'valueInputOption' is required but not specified", "VALUE_INPUT_OPTION");
  }
  const { sheet, r } = rangeOf(book, rangeText);
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
  const dateMask = parseFieldMask("userEnteredValue,userEnteredFormat.numberFormat");
  let cells = 0;
  values.forEach((line, i) => {
    line.forEach((v, j) => {
      const entered = enteredCell(v, option, book.locale);
      writeCell(sheet, r0 + i, c0 + j, entered ?? {}, entered?.userEnteredFormat ? dateMask : valueMask);
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
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "Invalid JSON payload received.", "FIELD_TYPE");
  }
}

/** Reads are methods that retrieve data (GET); writes change the spreadsheet (the usage limits page). */
const quotaKindOf = (method: DiscoveryMethod): QuotaKind => (method.httpMethod === "GET" ? "read" : "write");

/** Refuses a request the discovery document does not allow, naming every violation. */
function validate(method: DiscoveryMethod, query: URLSearchParams, body: unknown) {
  const violations: Violation[] = [];
  checkQuery(method, query, violations);
  checkBody(method, body, violations);
  if (violations.length) {
    throw new ApiError(400, violations.map((v) => v.description).join("\n"), violations[0]!.rule, violations);
  }
}

export async function startSheetsApiStandIn(options: StandInOptions = {}): Promise<SheetsApiStandIn> {
  const now = options.now ?? Date.now;
  const books = new Map<string, Spreadsheet>();
  const requests: LoggedRequest[] = [];
  const faults: Fault[] = [];
  const quota = new QuotaCounter({ ...GOOGLE_QUOTA, ...options.quota });

  const route = (method: DiscoveryMethod, params: Record<string, string>, q: URLSearchParams, body: Json) => {
    const book = books.get(params.spreadsheetId ?? "");
    if (!book) throw new ApiError(404, "Requested entity was not found.");
    if (!book.shared) throw new ApiError(403, "The caller does not have permission", "PERMISSION_DENIED");
    const read: ReadOptions = {
      render: (q.get("valueRenderOption") ?? "FORMATTED_VALUE") as RenderOption,
      dates: (q.get("dateTimeRenderOption") ?? "SERIAL_NUMBER") as DateTimeOption,
      columns: q.get("majorDimension") === "COLUMNS",
    };
    switch (method.id) {
      case "sheets.spreadsheets.get": {
        const ranges = q.getAll("ranges");
        const grid = q.get("includeGridData") === "true";
        const byTitle = new Map<string, A1Range[]>();
        for (const text of ranges) {
          const { sheet, r } = rangeOf(book, text);
          byTitle.set(sheet.properties.title, [...(byTitle.get(sheet.properties.title) ?? []), r]);
        }
        const sheets = book.sheets
          .filter((s) => ranges.length === 0 || byTitle.has(s.properties.title))
          .map((s) => sheetResource(s, grid ? (byTitle.get(s.properties.title) ?? [{}]) : undefined));
        const resource = {
          spreadsheetId: book.spreadsheetId,
          properties: { title: book.title, locale: book.locale, timeZone: "Asia/Bangkok" },
          sheets,
          spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${book.spreadsheetId}/edit`,
        };
        const fields = q.get("fields");
        return { book, answer: fields ? applyMask(resource, parseFieldMask(fields)) : resource };
      }
      case "sheets.spreadsheets.batchUpdate": {
        const draft = cloneBook(book);
        const replies = ((body?.requests ?? []) as Record<string, Json>[]).map((r, i) =>
          applyRequest(draft, r, i),
        );
        return { book, draft, answer: { spreadsheetId: book.spreadsheetId, replies } };
      }
      case "sheets.spreadsheets.values.batchGet":
        return {
          book,
          answer: {
            spreadsheetId: book.spreadsheetId,
            valueRanges: q.getAll("ranges").map((r) => readValues(book, r, read)),
          },
        };
      case "sheets.spreadsheets.values.get":
        return { book, answer: readValues(book, params.range!, read) };
      case "sheets.spreadsheets.values.batchUpdate": {
        const draft = cloneBook(book);
        const data = (body?.data ?? []) as { range: string; values?: unknown[][] }[];
        const responses = data.map((d) =>
          writeValues(draft, d.range, d.values ?? [], body?.valueInputOption),
        );
        return {
          book,
          draft,
          answer: {
            spreadsheetId: book.spreadsheetId,
            totalUpdatedCells: responses.reduce((n, r) => n + r.updatedCells, 0),
            responses,
          },
        };
      }
      case "sheets.spreadsheets.values.update": {
        const draft = cloneBook(book);
        const answer = writeValues(
          draft,
          params.range!,
          body?.values ?? [],
          q.get("valueInputOption") ?? undefined,
        );
        return { book, draft, answer };
      }
      case "sheets.spreadsheets.values.clear": {
        const draft = cloneBook(book);
        const { sheet, r } = rangeOf(draft, params.range!);
        const b = a1Bounds(sheet, r);
        const mask = parseFieldMask("userEnteredValue");
        for (let row = b.r0; row < b.r1; row++)
          for (let col = b.c0; col < b.c1; col++) writeCell(sheet, row, col, {}, mask);
        return {
          book,
          draft,
          answer: {
            spreadsheetId: book.spreadsheetId,
            clearedRange: readValues(draft, params.range!, read).range,
          },
        };
      }
    }
    throw new ApiError(404, `Not implemented by the stand-in: ${method.id}`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const entry: LoggedRequest = {
      method: req.method ?? "GET",
      path: decodeURIComponent(url.pathname),
      query: {},
      status: 200,
      at: now(),
    };
    for (const [k, v] of url.searchParams) entry.query[k] = [...(entry.query[k] ?? []), v];
    requests.push(entry);
    const send = (status: number, payload: unknown) => {
      entry.status = status;
      res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
      res.end(JSON.stringify(payload));
    };
    const fail = (fault: Fault) => {
      if (fault.drop) {
        entry.status = 0;
        res.destroy();
        return;
      }
      const status = fault.status ?? 503;
      if (status === 429) {
        send(
          429,
          quotaErrorBody({ kind: entry.method === "GET" ? "read" : "write", scope: "user", limit: 60 }),
        );
      } else {
        send(status, {
          error: { code: status, message: `Injected fault ${status}`, status: STATUS_OF[status] },
        });
      }
    };
    const takeFault = () => {
      const fault = faults[0];
      if (!fault || (fault.on && !url.pathname.endsWith(fault.on))) return undefined;
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) faults.shift();
      return fault;
    };
    try {
      const body = await readBody(req);
      entry.body = body;
      const found = findMethod(entry.method, url.pathname);
      if (!found) throw new ApiError(404, `Not found: ${entry.method} ${url.pathname}`);
      const fault = takeFault();
      if (fault && !fault.afterApply) return fail(fault);
      const refused = quota.take(
        quotaKindOf(found.method),
        req.headers.authorization ?? "anonymous",
        entry.at,
      );
      if (refused) {
        entry.rule = "QUOTA_PER_MINUTE";
        // Google sends no Retry-After: clients back off exponentially (the usage limits page).
        return send(429, quotaErrorBody(refused));
      }
      validate(found.method, url.searchParams, body);
      const { book, draft, answer } = route(found.method, found.params, url.searchParams, body);
      // Atomic: the draft replaces the spreadsheet only once every request of the call applied.
      if (draft) books.set(book.spreadsheetId, draft);
      if (fault) return fail(fault);
      send(200, answer);
    } catch (e) {
      if (e instanceof ApiError) {
        entry.rule = e.rule;
        send(e.code, e.body());
      } else send(500, { error: { code: 500, message: String(e), status: "INTERNAL" } });
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
    createSpreadsheet(title, sheetTitles = ["Sheet1"], givenId, o = {}) {
      const locale = o.locale ?? "th_TH";
      if (!LOCALES.includes(locale)) throw new Error(`the stand-in knows the locales ${LOCALES.join(", ")}`);
      const id = givenId ?? `stand-in-${randomUUID()}`;
      const book: Spreadsheet = {
        spreadsheetId: id,
        title,
        locale,
        shared: o.shared ?? true,
        sheets: [],
        nextId: 1_000,
      };
      for (const t of sheetTitles) {
        book.sheets.push(
          newSheet(book, { title: t, sheetId: book.sheets.length ? undefined : 0 }, "createSpreadsheet"),
        );
      }
      books.set(id, book);
      return id;
    },
    setShared(spreadsheetId, shared) {
      books.get(spreadsheetId)!.shared = shared;
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
