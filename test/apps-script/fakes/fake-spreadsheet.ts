// A small in-memory stand-in for SpreadsheetApp's spreadsheet, sheets and ranges: values, notes,
// backgrounds, validations, protections and frozen rows, plus the row operations staff do (insert,
// delete, sort) so identity-by-id can be tested. Implements the interfaces of apps-script/src/gas.d.ts.
type Cell = GoogleAppsScript.CellValue;

export class FakeProtection implements GoogleAppsScript.Protection {
  description = "";
  warningOnly = false;
  constructor(readonly target: string) {}
  getDescription() {
    return this.description;
  }
  setDescription(d: string) {
    this.description = d;
    return this;
  }
  setWarningOnly(w: boolean) {
    this.warningOnly = w;
    return this;
  }
}

export interface FakeValidation extends GoogleAppsScript.DataValidation {
  list?: string[];
  range?: string;
  allowInvalid: boolean;
  help: string;
}

export class FakeValidationBuilder implements GoogleAppsScript.DataValidationBuilder {
  private rule: FakeValidation = { allowInvalid: true, help: "" };
  requireValueInList(values: string[]) {
    this.rule.list = [...values];
    return this;
  }
  requireValueInRange(range: GoogleAppsScript.Range) {
    this.rule.range = (range as FakeRange).a1();
    return this;
  }
  setAllowInvalid(allow: boolean) {
    this.rule.allowInvalid = allow;
    return this;
  }
  setHelpText(text: string) {
    this.rule.help = text;
    return this;
  }
  build() {
    return { ...this.rule };
  }
}

export class FakeRange implements GoogleAppsScript.Range {
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows = 1,
    readonly numColumns = 1,
  ) {
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1) throw new Error(`bad range ${this.a1()}`);
  }
  a1() {
    return `${this.sheet.name}!R${this.row}C${this.column}:R${this.row + this.numRows - 1}C${this.column + this.numColumns - 1}`;
  }
  private each<T>(f: (r: number, c: number) => T): T[][] {
    return Array.from({ length: this.numRows }, (_, i) =>
      Array.from({ length: this.numColumns }, (_, j) => f(this.row + i, this.column + j)),
    );
  }
  getRow() {
    return this.row;
  }
  getColumn() {
    return this.column;
  }
  getNumRows() {
    return this.numRows;
  }
  getNumColumns() {
    return this.numColumns;
  }
  getSheet() {
    return this.sheet;
  }
  getValues() {
    return this.each((r, c) => this.sheet.cell(r, c).value);
  }
  getNotes() {
    return this.each((r, c) => this.sheet.cell(r, c).note);
  }
  setValues(values: Cell[][]) {
    if (values.length !== this.numRows || values.some((v) => v.length !== this.numColumns)) {
      throw new Error(`setValues: size mismatch for ${this.a1()}`);
    }
    this.each((r, c) => {
      this.sheet.cell(r, c, true).value = values[r - this.row]![c - this.column]!;
    });
    this.sheet.writes++;
    return this;
  }
  setValue(value: Cell) {
    this.each((r, c) => {
      this.sheet.cell(r, c, true).value = value;
    });
    this.sheet.writes++;
    return this;
  }
  setNote(note: string | null) {
    this.each((r, c) => {
      this.sheet.cell(r, c, true).note = note ?? "";
    });
    return this;
  }
  setBackground(color: string | null) {
    this.each((r, c) => {
      this.sheet.cell(r, c, true).background = color;
    });
    return this;
  }
  setFontWeight(weight: string | null) {
    this.each((r, c) => {
      this.sheet.cell(r, c, true).bold = weight === "bold";
    });
    return this;
  }
  setDataValidation(rule: GoogleAppsScript.DataValidation | null) {
    this.sheet.validations.set(`C${this.column}:R${this.row}+${this.numRows}`, rule as FakeValidation);
    return this;
  }
  protect() {
    const p = new FakeProtection(this.a1());
    this.sheet.rangeProtections.push(p);
    return p;
  }
}

export interface FakeCell {
  value: Cell;
  note: string;
  background: string | null;
  bold: boolean;
}

const blank = (): FakeCell => ({ value: "", note: "", background: null, bold: false });

export class FakeSheet implements GoogleAppsScript.Sheet {
  rows: FakeCell[][] = [];
  frozenRows = 0;
  maxRows = 1000;
  validations = new Map<string, FakeValidation>();
  rangeProtections: FakeProtection[] = [];
  sheetProtections: FakeProtection[] = [];
  /** setValues/setValue calls, to check that unchanged cells are not rewritten. */
  writes = 0;
  constructor(
    public name: string,
    readonly id: number,
  ) {}

  cell(row: number, column: number, create = false): FakeCell {
    if (!create) return this.rows[row - 1]?.[column - 1] ?? blank();
    while (this.rows.length < row) this.rows.push([]);
    const r = this.rows[row - 1]!;
    while (r.length < column) r.push(blank());
    return r[column - 1]!;
  }
  /** Test helper: rows of plain values from row 1 (null is a blank cell, read back as "" like Sheets). */
  setRows(values: Cell[][]) {
    this.rows = values.map((row) => row.map((value) => ({ ...blank(), value: value ?? "" })));
  }
  values(): Cell[][] {
    return this.getRange(1, 1, Math.max(this.getLastRow(), 1), Math.max(this.getLastColumn(), 1)).getValues();
  }
  /** Staff inserting `count` blank rows before `row`. */
  insertRowsBefore(row: number, count = 1) {
    this.rows.splice(row - 1, 0, ...Array.from({ length: count }, () => []));
  }
  deleteRow(row: number) {
    this.rows.splice(row - 1, 1);
  }
  /** Staff sorting the data rows (below `headerRow`) by a column, as Sheets does: cells move whole. */
  sortRows(headerRow: number, column: number, descending = false) {
    const data = this.rows.slice(headerRow);
    data.sort((a, b) => {
      const x = String(a[column - 1]?.value ?? "");
      const y = String(b[column - 1]?.value ?? "");
      return descending ? y.localeCompare(x) : x.localeCompare(y);
    });
    this.rows = [...this.rows.slice(0, headerRow), ...data];
  }

  getName() {
    return this.name;
  }
  getSheetId() {
    return this.id;
  }
  getLastRow() {
    for (let r = this.rows.length; r > 0; r--) {
      if (this.rows[r - 1]!.some((c) => c.value !== "" && c.value !== null)) return r;
    }
    return 0;
  }
  getLastColumn() {
    let max = 0;
    for (const row of this.rows) {
      for (let c = row.length; c > max; c--) {
        if (row[c - 1]!.value !== "" && row[c - 1]!.value !== null) {
          max = c;
          break;
        }
      }
    }
    return max;
  }
  getMaxRows() {
    return Math.max(this.maxRows, this.rows.length);
  }
  getRange(row: number, column: number, numRows = 1, numColumns = 1) {
    return new FakeRange(this, row, column, numRows, numColumns);
  }
  getFrozenRows() {
    return this.frozenRows;
  }
  setFrozenRows(rows: number) {
    this.frozenRows = rows;
  }
  getProtections(type: GoogleAppsScript.ProtectionType) {
    return type === "SHEET" ? [...this.sheetProtections] : [...this.rangeProtections];
  }
  protect() {
    const p = new FakeProtection(this.name);
    this.sheetProtections.push(p);
    return p;
  }
}

export class FakeSpreadsheet implements GoogleAppsScript.Spreadsheet {
  sheets: FakeSheet[] = [];
  active?: { sheet: FakeSheet; row: number };
  toasts: string[] = [];
  private nextId = 1;
  constructor(
    readonly id = "fake-spreadsheet-1",
    readonly timeZone = "Asia/Bangkok",
  ) {}
  addSheet(name: string, rows: Cell[][] = []) {
    const sheet = new FakeSheet(name, this.nextId++);
    sheet.setRows(rows);
    this.sheets.push(sheet);
    return sheet;
  }
  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }
  getId() {
    return this.id;
  }
  getSpreadsheetTimeZone() {
    return this.timeZone;
  }
  getSheets() {
    return [...this.sheets];
  }
  getSheetByName(name: string) {
    return this.sheets.find((s) => s.name === name) ?? null;
  }
  insertSheet(name: string) {
    if (this.getSheetByName(name)) throw new Error(`sheet ${name} exists`);
    return this.addSheet(name);
  }
  getActiveSheet() {
    return this.active?.sheet ?? this.sheets[0]!;
  }
  getActiveRange() {
    return this.active ? this.active.sheet.getRange(this.active.row, 1) : null;
  }
  toast(message: string) {
    this.toasts.push(message);
  }
}
