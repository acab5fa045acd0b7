// An in-memory stand-in for SpreadsheetApp's spreadsheet, sheets and ranges, implementing the
// interfaces of @types/google-apps-script: values (typed text coerced as Sheets does, unless the cell
// is plain text), notes, backgrounds, number formats, validations, protections and frozen rows, plus
// the row operations staff do (insert, delete, sort). Every call is checked against the manifest's
// scopes, and Range calls are counted per sheet.
import { unimplemented } from "./not-implemented.ts";
import { Authorisation, manifestScopes } from "./scopes.ts";
import { type CellValue, PLAIN_TEXT, typedValue } from "./sheets-values.ts";

type Cell = CellValue;
type Protection = GoogleAppsScript.Spreadsheet.Protection;
type ProtectionType = GoogleAppsScript.Spreadsheet.ProtectionType;

/** SpreadsheetApp.ProtectionType, whose members @types declares as an ambient enum. */
export const PROTECTION_TYPE = {
  RANGE: "RANGE",
  SHEET: "SHEET",
} as unknown as typeof GoogleAppsScript.Spreadsheet.ProtectionType;

export class FakeProtection extends unimplemented<Protection>("Protection") implements Protection {
  description = "";
  warningOnly = false;
  constructor(
    readonly sheet: FakeSheet,
    readonly target: string,
  ) {
    super();
  }
  override getDescription() {
    this.sheet.spreadsheet.auth.require("Protection.getDescription");
    return this.description;
  }
  override setDescription(d: string) {
    this.sheet.spreadsheet.auth.require("Protection.setDescription");
    this.description = d;
    return this;
  }
  override setWarningOnly(w: boolean) {
    this.sheet.spreadsheet.auth.require("Protection.setWarningOnly");
    this.warningOnly = w;
    return this;
  }
  override isWarningOnly() {
    this.sheet.spreadsheet.auth.require("Protection.isWarningOnly");
    return this.warningOnly;
  }
}

export interface FakeValidation extends GoogleAppsScript.Spreadsheet.DataValidation {
  list?: string[];
  range?: string;
  allowInvalid: boolean;
  help: string;
}

export class FakeValidationBuilder
  extends unimplemented<GoogleAppsScript.Spreadsheet.DataValidationBuilder>("DataValidationBuilder")
  implements GoogleAppsScript.Spreadsheet.DataValidationBuilder
{
  private rule = { allowInvalid: true, help: "" } as FakeValidation;
  override requireValueInList(values: string[]) {
    this.rule.list = [...values];
    return this;
  }
  override requireValueInRange(range: GoogleAppsScript.Spreadsheet.Range) {
    this.rule.range = (range as unknown as FakeRange).a1();
    return this;
  }
  override setAllowInvalid(allow: boolean) {
    this.rule.allowInvalid = allow;
    return this;
  }
  override setHelpText(text: string) {
    this.rule.help = text;
    return this;
  }
  override build() {
    const { list, range, allowInvalid, help } = this.rule;
    return { list, range, allowInvalid, help } as FakeValidation;
  }
}

export class FakeRange
  extends unimplemented<GoogleAppsScript.Spreadsheet.Range>("Range")
  implements GoogleAppsScript.Spreadsheet.Range
{
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows = 1,
    readonly numColumns = 1,
  ) {
    super();
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1) {
      throw new Error(`The coordinates of the range are outside the dimensions of the sheet (${this.a1()}).`);
    }
  }
  a1() {
    return `${this.sheet.name}!R${this.row}C${this.column}:R${this.row + this.numRows - 1}C${this.column + this.numColumns - 1}`;
  }
  /** Every Range method is authorised and counted before it acts. */
  private call(method: string) {
    this.sheet.spreadsheet.auth.require(`Range.${method}`);
    this.sheet.count(`Range.${method}`);
  }
  private each<T>(f: (r: number, c: number) => T): T[][] {
    return Array.from({ length: this.numRows }, (_, i) =>
      Array.from({ length: this.numColumns }, (_, j) => f(this.row + i, this.column + j)),
    );
  }
  private checkSize(grid: unknown[][], method: string) {
    if (grid.length !== this.numRows || grid.some((v) => v.length !== this.numColumns)) {
      throw new Error(
        `The number of rows or columns in the data does not match the range (${method} on ${this.a1()}).`,
      );
    }
  }
  override getRow() {
    return this.row;
  }
  override getColumn() {
    return this.column;
  }
  override getNumRows() {
    return this.numRows;
  }
  override getNumColumns() {
    return this.numColumns;
  }
  override getSheet() {
    return this.sheet;
  }
  override getValues() {
    this.call("getValues");
    return this.each((r, c) => this.sheet.cell(r, c).value);
  }
  override getNotes() {
    this.call("getNotes");
    return this.each((r, c) => this.sheet.cell(r, c).note);
  }
  override getBackgrounds() {
    this.call("getBackgrounds");
    return this.each((r, c) => this.sheet.cell(r, c).background ?? "#ffffff");
  }
  override getNumberFormats() {
    this.call("getNumberFormats");
    return this.each((r, c) => this.sheet.cell(r, c).format);
  }
  override setValues(values: unknown[][]) {
    this.call("setValues");
    this.checkSize(values, "setValues");
    this.each((r, c) => this.sheet.write(r, c, values[r - this.row]![c - this.column]));
    return this;
  }
  override setValue(value: unknown) {
    this.call("setValue");
    this.each((r, c) => this.sheet.write(r, c, value));
    return this;
  }
  override setNotes(notes: unknown[][]) {
    this.call("setNotes");
    this.checkSize(notes, "setNotes");
    this.each((r, c) => {
      this.sheet.cell(r, c, true).note = String(notes[r - this.row]![c - this.column] ?? "");
    });
    return this;
  }
  override setNote(note: string | null) {
    this.call("setNote");
    this.each((r, c) => {
      this.sheet.cell(r, c, true).note = note ?? "";
    });
    return this;
  }
  override setBackgrounds(colors: string[][]) {
    this.call("setBackgrounds");
    this.checkSize(colors, "setBackgrounds");
    this.each((r, c) => {
      this.sheet.cell(r, c, true).background = colors[r - this.row]![c - this.column] ?? null;
    });
    return this;
  }
  override setBackground(color: string | null) {
    this.call("setBackground");
    this.each((r, c) => {
      this.sheet.cell(r, c, true).background = color;
    });
    return this;
  }
  override setNumberFormat(format: string) {
    this.call("setNumberFormat");
    this.each((r, c) => {
      this.sheet.cell(r, c, true).format = format;
    });
    return this;
  }
  override setFontWeight(weight: string | null) {
    this.call("setFontWeight");
    this.each((r, c) => {
      this.sheet.cell(r, c, true).bold = weight === "bold";
    });
    return this;
  }
  override setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null) {
    this.call("setDataValidation");
    this.sheet.validations.set(`C${this.column}:R${this.row}+${this.numRows}`, rule as FakeValidation);
    return this;
  }
  /** Range.protect makes a new protection each time (a sheet may have many range protections). */
  override protect() {
    this.call("protect");
    const p = new FakeProtection(this.sheet, this.a1());
    this.sheet.rangeProtections.push(p);
    return p;
  }
}

export interface FakeCell {
  value: Cell;
  note: string;
  background: string | null;
  bold: boolean;
  /** Number format: "" automatic, "@" plain text. */
  format: string;
}

const blank = (): FakeCell => ({ value: "", note: "", background: null, bold: false, format: "" });

export class FakeSheet
  extends unimplemented<GoogleAppsScript.Spreadsheet.Sheet>("Sheet")
  implements GoogleAppsScript.Spreadsheet.Sheet
{
  rows: FakeCell[][] = [];
  frozenRows = 0;
  maxRows = 1000;
  maxColumns = 26;
  validations = new Map<string, FakeValidation>();
  rangeProtections: FakeProtection[] = [];
  sheetProtections: FakeProtection[] = [];
  /** Calls per "Class.method" (Sheet.getRange and every Range method), for bounds on API use. */
  readonly calls = new Map<string, number>();
  constructor(
    readonly spreadsheet: FakeSpreadsheet,
    public name: string,
    readonly id: number,
  ) {
    super();
  }

  count(call: string) {
    this.calls.set(call, (this.calls.get(call) ?? 0) + 1);
  }
  /** Sheet.getRange and Range method calls since the last reset. */
  rangeCalls(): number {
    let n = 0;
    for (const [call, count] of this.calls)
      if (call.startsWith("Range.") || call === "Sheet.getRange") n += count;
    return n;
  }
  private call(method: string) {
    this.spreadsheet.auth.require(`Sheet.${method}`);
  }

  cell(row: number, column: number, create = false): FakeCell {
    if (!create) return this.rows[row - 1]?.[column - 1] ?? blank();
    while (this.rows.length < row) this.rows.push([]);
    const r = this.rows[row - 1]!;
    while (r.length < column) r.push(blank());
    return r[column - 1]!;
  }
  /** A value written by a script: text is parsed as if typed, unless the cell is plain text. */
  write(row: number, column: number, value: unknown) {
    const cell = this.cell(row, column, true);
    if (value === null || value === undefined) cell.value = "";
    else if (typeof value === "string")
      cell.value = typedValue(value, cell.format, this.spreadsheet.timeZone, this.spreadsheet.locale);
    else if (typeof value === "number" || typeof value === "boolean") cell.value = value;
    else if (Object.prototype.toString.call(value) === "[object Date]")
      cell.value = new Date((value as Date).getTime());
    else cell.value = String(value);
  }
  /** Staff typing `text` into a cell (no scope check, no count: this is the user, not the script). */
  type(row: number, column: number, text: string) {
    this.write(row, column, text);
  }
  /** Test helper: rows typed from row 1 (null is a blank cell); non-text values are stored as they are. */
  setRows(values: (Cell | null)[][]) {
    this.rows = [];
    values.forEach((row, r) => {
      row.forEach((value, c) => {
        this.write(r + 1, c + 1, value);
      });
    });
  }
  /** Test helper: the columns under these headers (in row `headerRow`) formatted as plain text. */
  formatAsText(headers: readonly string[], headerRow = 1) {
    (this.rows[headerRow - 1] ?? []).forEach((c, i) => {
      if (typeof c.value === "string" && headers.includes(c.value)) {
        for (let r = headerRow + 1; r <= this.getMaxRows(); r++)
          this.cell(r, i + 1, true).format = PLAIN_TEXT;
      }
    });
  }
  values(): Cell[][] {
    const rows = Math.max(this.lastRow(), 1);
    const columns = Math.max(this.lastColumn(), 1);
    return Array.from({ length: rows }, (_, i) =>
      Array.from({ length: columns }, (_, j) => this.cell(i + 1, j + 1).value),
    );
  }
  /** Staff inserting `count` blank rows before `row` (Sheets adds them to the sheet's size). */
  userInsertsRowsBefore(row: number, count = 1) {
    this.rows.splice(row - 1, 0, ...Array.from({ length: count }, () => []));
    this.maxRows += count;
  }
  /** Staff deleting a row (Sheets removes it from the sheet's size). */
  userDeletesRow(row: number) {
    this.rows.splice(row - 1, 1);
    this.maxRows -= 1;
  }
  /** Staff sorting the data rows (below `headerRow`) by a column, as Sheets does: cells move whole. */
  userSortsRows(headerRow: number, column: number, descending = false) {
    const data = this.rows.slice(headerRow);
    data.sort((a, b) => {
      const x = String(a[column - 1]?.value ?? "");
      const y = String(b[column - 1]?.value ?? "");
      return descending ? y.localeCompare(x) : x.localeCompare(y);
    });
    this.rows = [...this.rows.slice(0, headerRow), ...data];
  }
  private lastRow() {
    for (let r = this.rows.length; r > 0; r--) {
      if (this.rows[r - 1]!.some((c) => c.value !== "")) return r;
    }
    return 0;
  }
  private lastColumn() {
    let max = 0;
    for (const row of this.rows) {
      for (let c = row.length; c > max; c--) {
        if (row[c - 1]!.value !== "") {
          max = c;
          break;
        }
      }
    }
    return max;
  }

  override getName() {
    this.call("getName");
    return this.name;
  }
  override getSheetId() {
    this.call("getSheetId");
    return this.id;
  }
  override getLastRow() {
    this.call("getLastRow");
    return this.lastRow();
  }
  override getLastColumn() {
    this.call("getLastColumn");
    return this.lastColumn();
  }
  override getMaxRows() {
    this.call("getMaxRows");
    return Math.max(this.maxRows, this.rows.length);
  }
  override getMaxColumns() {
    this.call("getMaxColumns");
    return Math.max(this.maxColumns, ...this.rows.map((r) => r.length));
  }
  override getRange(row: number | string, column?: number, numRows = 1, numColumns = 1) {
    this.call("getRange");
    this.count("Sheet.getRange");
    if (typeof row !== "number" || column === undefined)
      throw new Error("Sheet.getRange(a1Notation) is not implemented in the fake");
    return new FakeRange(this, row, column, numRows, numColumns);
  }
  override getFrozenRows() {
    this.call("getFrozenRows");
    return this.frozenRows;
  }
  override setFrozenRows(rows: number) {
    this.call("setFrozenRows");
    this.frozenRows = rows;
    return this;
  }
  override getProtections(type: ProtectionType) {
    this.call("getProtections");
    return (
      String(type) === "SHEET" ? [...this.sheetProtections] : [...this.rangeProtections]
    ) as Protection[];
  }
  /** "If the sheet is already protected, this method returns an object representing the existing
   * protection settings" (reference: spreadsheet/sheet#protect()). */
  override protect() {
    this.call("protect");
    const existing = this.sheetProtections[0];
    if (existing) return existing;
    const p = new FakeProtection(this, this.name);
    this.sheetProtections.push(p);
    return p;
  }
}

export interface SheetOptions {
  /** Headers (in row 1) whose columns are plain text before the rows are typed, as after setup. */
  plainText?: readonly string[];
}

export class FakeSpreadsheet
  extends unimplemented<GoogleAppsScript.Spreadsheet.Spreadsheet>("Spreadsheet")
  implements GoogleAppsScript.Spreadsheet.Spreadsheet
{
  sheets: FakeSheet[] = [];
  active?: { sheet: FakeSheet; row: number };
  toasts: { message: string; title: string | undefined }[] = [];
  /** The scopes this spreadsheet's script is authorised for (the world shares its own). */
  auth = new Authorisation(manifestScopes());
  private nextId = 1;
  constructor(
    readonly id = "fake-spreadsheet-1",
    readonly timeZone = "Asia/Bangkok",
    readonly locale = "th_TH",
  ) {
    super();
  }
  private call(method: string) {
    this.auth.require(`Spreadsheet.${method}`);
  }
  /** Test helper: a sheet whose rows are typed in (see SheetOptions for plain-text columns). */
  addSheet(name: string, rows: (Cell | null)[][] = [], options: SheetOptions = {}) {
    const sheet = new FakeSheet(this, name, this.nextId++);
    this.sheets.push(sheet);
    if (options.plainText && rows[0]) {
      sheet.setRows([rows[0]]);
      sheet.formatAsText(options.plainText);
      rows.slice(1).forEach((row, r) => {
        row.forEach((value, c) => {
          sheet.write(r + 2, c + 1, value);
        });
      });
    } else sheet.setRows(rows);
    return sheet;
  }
  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }
  override getId() {
    this.call("getId");
    return this.id;
  }
  override getSpreadsheetTimeZone() {
    this.call("getSpreadsheetTimeZone");
    return this.timeZone;
  }
  override getSpreadsheetLocale() {
    this.call("getSpreadsheetLocale");
    return this.locale;
  }
  override getSheets() {
    this.call("getSheets");
    return [...this.sheets];
  }
  override getSheetByName(name: string) {
    this.call("getSheetByName");
    return this.sheets.find((s) => s.name === name) ?? null;
  }
  override insertSheet(name?: unknown) {
    this.call("insertSheet");
    if (typeof name !== "string")
      throw new Error("Spreadsheet.insertSheet() without a name is not implemented in the fake");
    if (this.sheets.some((s) => s.name === name)) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    return this.addSheet(name);
  }
  override getActiveSheet() {
    this.call("getActiveSheet");
    return this.active?.sheet ?? this.sheets[0]!;
  }
  override getActiveRange() {
    this.call("getActiveRange");
    return this.active ? new FakeRange(this.active.sheet, this.active.row, 1) : null;
  }
  override toast(message: string, title?: string) {
    this.call("toast");
    this.toasts.push({ message, title });
  }
}
