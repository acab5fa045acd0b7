// Validation of a whole workbook: every record tab, row by row, then the rules between rows and tabs
// (unique ids and meeting numbers, attendees and agenda naming a known meeting). Never throws for bad
// data: every problem becomes an Issue on its cell, and one bad row never stops the others.

import { isBlank } from "./clean-text.ts";
import { BE_OFFSET } from "./closed-sets.ts";
import { error, type Issue, issueAt, NO_ISSUES, type Problem, warning } from "./issues.ts";
import type { YearRange } from "./normalise-year.ts";
import { ROW_PARSERS, type ValidatedRow } from "./parse-rows.ts";
import { columnLetter, parseRange, type RawCell, type RawSheet, type RawWorkbook } from "./raw-workbook.ts";
import type { AgendaItem, Attendee, Meeting, Product } from "./records.ts";
import { locateHeader, REQUIRED_COLUMNS, type TabLayout } from "./tab-layout.ts";
import { RECORD_TABS, type RecordTab, recordTabsOf, TAB_SPECS } from "./tabs.ts";
import { canonicalThai, THAI_NEEDS_WORK } from "./thai-marks.ts";

export interface ValidationContext {
  /** Today's ISO date: the allowed years end one year after it. */
  today: string;
  /** Meeting numbers ("1/2563") known from Firestore, for attendee and agenda references. */
  knownMeetings?: readonly string[];
}

export interface TabStats {
  rows: number;
  valid: number;
  invalid: number;
}

export interface WorkbookValidation {
  ok: boolean;
  /** Keyed by the Thai tab name. */
  tabs: Record<string, TabStats>;
  issues: Issue[];
  layouts: Partial<Record<RecordTab, TabLayout>>;
  /**
   * Tabs present but unreadable as a whole (no header row, a required column missing, two tabs of one
   * kind, a merge over the system's column), with the reason: their rows say nothing about which
   * records are gone, so nothing of them may be saved or deleted.
   */
  unreadable: Partial<Record<RecordTab, Issue[]>>;
  /** The issues of tabs as a whole (names, header rows, columns), besides those on rows. */
  tabIssues: Issue[];
  products: ValidatedRow<Product>[];
  meetings: ValidatedRow<Meeting>[];
  attendees: ValidatedRow<Attendee>[];
  agenda: ValidatedRow<AgendaItem>[];
}

function addProblem<T>(
  result: ValidatedRow<T>,
  layout: TabLayout | undefined,
  field: string,
  problem: Problem,
) {
  if (result.issues === NO_ISSUES) result.issues = [];
  result.issues.push(issueAt(result.tab, result.row, layout?.columns[field], field, problem));
  if (problem.severity === "error" && result.valid) {
    result.valid = false;
    delete result.record;
  }
}

/** A spreadsheet error value ("#REF!", "#N/A" …): a formula that failed shows one instead of a value. */
const ERROR_VALUE =
  /^\s*(#NULL!|#DIV\/0!|#VALUE!|#REF!|#NAME\?|#NUM!|#N\/A|#GETTING_DATA|#SPILL!|#CALC!|#FIELD!|#BLOCKED!|#CONNECT!|#BUSY!|#UNKNOWN!|#PYTHON!|#ERROR!)\s*$/i;

/** Whether a row may show one: an error value is short and holds "#". */
const mayShowErrorValue = (cells: readonly RawCell[]) =>
  cells.some((c) => typeof c === "string" && c.length <= 20 && c.includes("#"));

/** The error value a cell shows ("#REF!"), if it is one. */
const errorValueOf = (cell: RawCell): string | undefined =>
  typeof cell === "string" && cell.length <= 20 ? ERROR_VALUE.exec(cell)?.[1]?.toUpperCase() : undefined;

/** What the sheet's own structure says about some cells: merges over them, formulas never calculated. */
interface CellFaults {
  /** row → column → the problem of that cell. */
  byRow: Map<number, Map<number, Problem>>;
  /** Merges over the system's check column. */
  systemMerges: string[];
}

function cellFaults(sheet: RawSheet, layout: TabLayout): CellFaults {
  const byRow = new Map<number, Map<number, Problem>>();
  const put = (row: number, col: number, p: Problem) => {
    const cells = byRow.get(row) ?? byRow.set(row, new Map()).get(row)!;
    if (!cells.has(col)) cells.set(col, p);
  };
  const fieldAt = new Map(Object.entries(layout.columns).map(([field, col]) => [col, field]));
  for (const u of sheet.uncalculated ?? []) {
    if (u.row <= layout.headerRow || !fieldAt.has(u.column)) continue;
    const ref = `${columnLetter(u.column)}${u.row}`;
    const problem = error(
      "FORMULA_NOT_CALCULATED",
      `เซลล์ ${ref} มีสูตรที่ยังไม่เคยคำนวณ (ไฟล์นี้สร้างจากโปรแกรมอื่น) จึงไม่รู้ค่า: เปิดไฟล์ใน Excel หรือ Google Sheets แล้วบันทึกอีกครั้ง`,
      `Cell ${ref} holds a formula that was never calculated (the file was written by a program), so its value is unknown: open the file in Excel or Google Sheets and save it again`,
    );
    put(u.row, u.column, problem);
  }
  const systemMerges: string[] = [];
  const { check, id } = layout.columns;
  for (const ref of sheet.merges ?? []) {
    const m = parseRange(ref);
    if (!m || m.bottom <= layout.headerRow || (m.top === m.bottom && m.left === m.right)) continue;
    if (check !== undefined && m.left <= check && check <= m.right) systemMerges.push(ref);
    const topLeft = `${columnLetter(m.left)}${m.top}`;
    for (let row = Math.max(m.top, layout.headerRow + 1); row <= m.bottom; row++) {
      for (let col = m.left; col <= m.right; col++) {
        // One id in a merge would belong to every row it covers: refused on each of them, its own too.
        const own = row === m.top && col === m.left && col !== id;
        if (!fieldAt.has(col) || col === check || own) continue;
        const cell = `${columnLetter(col)}${row}`;
        const problem =
          col === id
            ? error(
                "MERGED_CELL",
                `รหัสอยู่ในช่วงเซลล์ที่ผสานไว้ ${ref}: แต่ละแถวต้องมีรหัสของตัวเอง ยกเลิกการผสานเซลล์ เก็บรหัสไว้เฉพาะแถวที่เป็นเจ้าของ เว้นว่างแถวอื่น ระบบจะกำหนดรหัสใหม่ให้`,
                `The id is in the merged range ${ref}: each row needs its own id; unmerge the cells, keep the id on the row it belongs to and leave the others blank for new ids`,
              )
            : error(
                "MERGED_CELL",
                `เซลล์ ${cell} อยู่ในช่วงเซลล์ที่ผสานไว้ ${ref} ซึ่งมีค่าอยู่ที่เซลล์ ${topLeft} เท่านั้น: ยกเลิกการผสานเซลล์แล้วใส่ค่าให้ครบทุกแถว`,
                `Cell ${cell} is inside the merged range ${ref}, whose value sits in ${topLeft} only: unmerge the cells and fill in every row`,
              );
        put(row, col, problem);
      }
    }
  }
  return { byRow, systemMerges };
}

function validateSheet(
  sheet: RawSheet,
  tab: RecordTab,
  range: YearRange,
): {
  layout?: TabLayout;
  headerIssues: Issue[];
  unreadable: Issue[];
  rows: ValidatedRow<unknown>[];
} {
  const { layout, issues: headerIssues } = locateHeader(sheet, tab);
  const unreadable = headerIssues.filter((i) => i.code === "HEADER_NOT_FOUND" || i.code === "MISSING_COLUMN");
  if (!layout) return { headerIssues, unreadable, rows: [] };
  const faults = cellFaults(sheet, layout);
  if (faults.systemMerges.length > 0) {
    const list = faults.systemMerges.join(", ");
    const problem = error(
      "MERGED_SYSTEM_COLUMN",
      `คอลัมน์ "ผลการตรวจสอบ" มีเซลล์ที่ผสานไว้ (${list}) แต่ระบบเขียนผลแยกทีละแถว: ยกเลิกการผสานเซลล์ ระบบจะไม่บันทึกหรือลบข้อมูลของแท็บนี้จนกว่าจะแก้`,
      `The ผลการตรวจสอบ (check) column has merged cells (${list}), but the system writes one result per row: unmerge them; nothing of this tab is saved or deleted until then`,
    );
    const issue = issueAt(tab, layout.headerRow, layout.columns.check, "check", problem);
    headerIssues.push(issue);
    unreadable.push(issue);
  }
  const missing = new Set(REQUIRED_COLUMNS[tab].filter((f) => !(f in layout.columns)));
  const missingRequired = missing.size > 0;
  const parse = ROW_PARSERS[tab];
  const fieldColumns = Object.entries(layout.columns).filter(([field]) => field !== "check");
  const rows: ValidatedRow<unknown>[] = [];
  for (const raw of sheet.rows) {
    if (raw.row <= layout.headerRow || raw.cells.every(isBlank)) continue;
    const row = parse(raw, layout.columns, range);
    if (missingRequired) row.issues = row.issues.filter((i) => !missing.has(i.field));
    // A cell the sheet cannot give a value for (merged away, never calculated, an error value): its
    // own problem replaces whatever reading it would say.
    let faulty: Issue[] | undefined;
    const rowFaults = faults.byRow.get(raw.row);
    // Most rows have neither: one look at each cell's first character decides.
    const checkCells = rowFaults !== undefined || mayShowErrorValue(raw.cells);
    for (const [field, col] of checkCells ? fieldColumns : []) {
      const fault = rowFaults?.get(col);
      const shown = fault ? undefined : errorValueOf(raw.cells[col] ?? null);
      if (!fault && !shown) continue;
      const ref = `${columnLetter(col)}${raw.row}`;
      faulty ??= [];
      const problem =
        fault ??
        error(
          "CELL_ERROR_VALUE",
          `เซลล์ ${ref} แสดงค่าผิดพลาด ${shown} ของสูตร: แก้สูตรหรือพิมพ์ค่าที่ถูกต้องแทน`,
          `Cell ${ref} shows the error value ${shown} of a formula: correct the formula or type the value instead`,
        );
      faulty.push(issueAt(tab, raw.row, col, field, problem));
    }
    if (faulty) {
      const fields = new Set(faulty.map((f) => f.field));
      row.issues = [...row.issues.filter((i) => !fields.has(i.field)), ...faulty];
    }
    // A missing required column is reported once, on the header; its rows cannot be valid.
    if (row.valid && (missingRequired || faulty?.some((f) => f.severity === "error"))) {
      row.valid = false;
      delete row.record;
    }
    rows.push(row);
  }
  return { layout, headerIssues, unreadable, rows };
}

/** Flags every row whose key repeats an earlier row's, naming the first row in the problem. */
function flagRepeats<T>(
  rows: ValidatedRow<T>[],
  layout: TabLayout | undefined,
  field: string,
  keyOf: (record: T) => string | undefined,
  problemOf: (record: T, firstRow: number) => Problem,
) {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = r.record && keyOf(r.record);
    if (!key) continue;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, r.row);
    else addProblem(r, layout, field, problemOf(r.record!, first));
  }
}

/**
 * Refuses every row of an id that several rows carry: which of them the record belongs to is for staff
 * to say (the copy may sit above the original), and until then the stored record stays as it was.
 */
function checkUniqueIds(rows: ValidatedRow<{ id?: string }>[], layout: TabLayout | undefined) {
  const rowsOf = new Map<string, number[]>();
  // The id cell of every row, valid or not: an invalid row carrying the id holds its record too.
  for (const r of rows) {
    if (!r.id) continue;
    const list = rowsOf.get(r.id);
    if (list) list.push(r.row);
    else rowsOf.set(r.id, [r.row]);
  }
  for (const r of rows) {
    const all = r.id === undefined ? undefined : rowsOf.get(r.id);
    if (!all || all.length < 2) continue;
    addProblem(
      r,
      layout,
      "id",
      error(
        "ID_DUPLICATE",
        `รหัส ${r.id} อยู่ที่แถว ${all.join(", ")}: แต่ละแถวต้องมีรหัสของตัวเอง เก็บรหัสไว้ที่แถวเดิมของมัน แล้วลบรหัสของแถวที่คัดลอกมาให้ว่าง (ระบบจะกำหนดรหัสใหม่) ระบบยังไม่บันทึกแถวเหล่านี้จนกว่าจะแก้`,
        `The id ${r.id} is on rows ${all.join(", ")}: each row needs its own; keep it on the row it was given to and clear the copied row's id (the system assigns a new one); these rows are not saved until then`,
      ),
    );
  }
}

const checkMeetings = (meetings: ValidatedRow<Meeting>[], layout: TabLayout | undefined) =>
  flagRepeats(
    meetings,
    layout,
    "number",
    (m) => m.number,
    ({ number }, first) =>
      error(
        "MEETING_NUMBER_DUPLICATE",
        `ครั้งที่ ${number} ซ้ำกับแถวที่ ${first}: ครั้งที่ต้องไม่ซ้ำกันในปีเดียวกัน`,
        `Meeting ${number} repeats row ${first}: numbers are unique within a year`,
      ),
  );

/** Names as compared for duplicates: case folded, Thai marks in one order (ำ = ํ + า). */
const FOLD = new RegExp(`[A-Z]|${THAI_NEEDS_WORK.source}`);
// One scan for most names (no capitals, canonical Thai): compared as they are.
const foldCase = (s: string) => (FOLD.test(s) ? canonicalThai(s.toLowerCase()) : s);

// A product repeats when its year, name and producer (as compared) do; stored text holds no NUL.
const checkProducts = (products: ValidatedRow<Product>[], layout: TabLayout | undefined) =>
  flagRepeats(
    products,
    layout,
    "product",
    (p) => `${p.year}\u0000${foldCase(p.product)}\u0000${foldCase(p.producer)}`,
    ({ year }, firstRow) =>
      warning(
        "DUPLICATE_PRODUCT",
        `ผลิตภัณฑ์นี้ของกลุ่มผู้ผลิตเดียวกันในปี ${year} ซ้ำกับแถวที่ ${firstRow}: ตรวจว่าไม่ได้บันทึกซ้ำ`,
        `The same product of the same producer in ${year} is on row ${firstRow} too: check it is not entered twice`,
      ),
  );

function checkMeetingReferences(
  rows: ValidatedRow<{ meeting: string }>[],
  layout: TabLayout | undefined,
  known: Set<string>,
) {
  for (const r of rows) {
    const meeting = r.record?.meeting;
    if (!meeting || known.has(meeting)) continue;
    addProblem(
      r,
      layout,
      "meeting",
      error(
        "MEETING_NOT_FOUND",
        `ไม่พบการประชุมครั้งที่ ${meeting} ในแท็บ "การประชุม": เพิ่มการประชุมนั้นก่อน หรือแก้ครั้งที่ให้ตรง`,
        `No meeting ${meeting} in the "การประชุม" (meetings) tab: add that meeting first or correct the number`,
      ),
    );
  }
}

const checkAgenda = (agenda: ValidatedRow<AgendaItem>[], layout: TabLayout | undefined) =>
  flagRepeats(
    agenda,
    layout,
    "item",
    (a) => `${a.meeting} ${a.item}`,
    (a, first) =>
      warning(
        "AGENDA_ITEM_DUPLICATE",
        `วาระที่ ${a.item} ของการประชุม ${a.meeting} ซ้ำกับแถวที่ ${first}`,
        `Agenda item ${a.item} of meeting ${a.meeting} repeats row ${first}`,
      ),
  );

/**
 * Which sheet each record tab is read from, the problems of tab names, and the kinds held back
 * unread (two sheets of one kind) with the reason.
 */
function assignTabs(wb: RawWorkbook): {
  sheets: Map<RecordTab, RawSheet>;
  issues: Issue[];
  unreadable: Partial<Record<RecordTab, Issue[]>>;
} {
  const named = recordTabsOf(wb.sheets.map((s) => s.name));
  const sheets = new Map<RecordTab, RawSheet>();
  const issues: Issue[] = [];
  const unreadable: Partial<Record<RecordTab, Issue[]>> = {};
  for (const tab of RECORD_TABS) {
    const { th, en } = TAB_SPECS[tab];
    const onTab = (p: Problem) => issueAt(tab, 1, undefined, "", p);
    const duplicates = named.duplicates[tab]?.map((n) => `"${n}"`);
    if (duplicates) {
      const issue = onTab(
        error(
          "TAB_DUPLICATE",
          `มีแท็บ${th}มากกว่าหนึ่งแท็บ: ${duplicates.join(" และ ")} ระบบไม่รู้ว่าจะอ่านแท็บไหน จึงไม่บันทึกหรือลบข้อมูลของแท็บเหล่านี้: เปลี่ยนชื่อหรือลบแท็บที่ไม่ใช้ (แท็บเก็บข้อมูลเก่าต้องไม่มีคำว่า "${th}" ในชื่อ)`,
          `More than one ${en} tab: ${duplicates.join(" and ")}; which to read cannot be told, so nothing of them is saved or deleted: rename or delete the one not in use (an archive tab's name must not contain "${th}" or "${en}")`,
        ),
      );
      issues.push(issue);
      unreadable[tab] = [issue];
      continue;
    }
    const sheet = wb.sheets.find((s) => s.name === named.sheets[tab]);
    if (!sheet) continue;
    sheets.set(tab, sheet);
    if (named.inexact.includes(sheet.name)) {
      issues.push(
        onTab(
          warning(
            "TAB_NAME_NOT_EXACT",
            `อ่านแท็บ "${sheet.name}" เป็นแท็บ${th} (ชื่อมีคำอื่นเพิ่ม): ควรเปลี่ยนชื่อแท็บเป็น "${th}"`,
            `Read the tab "${sheet.name}" as the ${en} tab (its name holds other words): renaming it "${th}" is advised`,
          ),
        ),
      );
    }
  }
  return { sheets, issues, unreadable };
}

export function validateWorkbook(wb: RawWorkbook, ctx: ValidationContext): WorkbookValidation {
  const range: YearRange = { currentYearBE: Number(ctx.today.slice(0, 4)) + BE_OFFSET };
  const { sheets, issues: tabIssues, unreadable } = assignTabs(wb);
  const result: WorkbookValidation = {
    ok: true,
    tabs: {},
    issues: [],
    layouts: {},
    unreadable,
    tabIssues,
    products: [],
    meetings: [],
    attendees: [],
    agenda: [],
  };
  for (const tab of [...Object.keys(unreadable), ...sheets.keys()] as RecordTab[]) {
    result.tabs[TAB_SPECS[tab].th] = { rows: 0, valid: 0, invalid: 0 };
  }
  for (const [tab, sheet] of sheets) {
    const v = validateSheet(sheet, tab, range);
    tabIssues.push(...v.headerIssues);
    if (v.layout) result.layouts[tab] = v.layout;
    if (v.unreadable.length > 0) unreadable[tab] = v.unreadable;
    (result[tab] as ValidatedRow<unknown>[]) = v.rows;
  }

  const L = result.layouts;
  checkUniqueIds(result.products, L.products);
  checkUniqueIds(result.meetings, L.meetings);
  checkProducts(result.products, L.products);
  checkMeetings(result.meetings, L.meetings);
  // A meeting row with errors still names its meeting: its attendees are not orphans.
  const known = new Set<string>(ctx.knownMeetings);
  for (const m of result.meetings) if (m.meeting) known.add(m.meeting);
  checkMeetingReferences(result.attendees, L.attendees, known);
  checkMeetingReferences(result.agenda, L.agenda, known);
  checkAgenda(result.agenda, L.agenda);

  result.issues.push(...tabIssues);
  for (const tab of RECORD_TABS) {
    const stats = result.tabs[TAB_SPECS[tab].th];
    if (!stats) continue;
    for (const r of result[tab] as ValidatedRow<unknown>[]) {
      stats.rows++;
      if (r.valid) stats.valid++;
      else stats.invalid++;
      for (const issue of r.issues) result.issues.push(issue);
    }
  }
  result.ok = !result.issues.some((i) => i.severity === "error");
  return result;
}

/** The record tabs a workbook holds (two sheets of one kind count: they are held back, unread). */
export function knownTabs(wb: RawWorkbook): RecordTab[] {
  const named = recordTabsOf(wb.sheets.map((s) => s.name));
  return RECORD_TABS.filter((t) => named.sheets[t] !== undefined || named.duplicates[t] !== undefined);
}
