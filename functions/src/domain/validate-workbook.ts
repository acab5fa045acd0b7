// Validation of a whole workbook: every record tab, row by row, then the rules between rows and tabs
// (unique ids and meeting numbers, attendees and agenda naming a known meeting). Never throws for bad
// data: every problem becomes an Issue on its cell, and one bad row never stops the others.

import { isBlank } from "./clean-text.ts";
import { BE_OFFSET } from "./closed-sets.ts";
import { error, type Issue, type Problem, warning } from "./issues.ts";
import { parseMeetingNumber } from "./normalise-meeting.ts";
import type { YearRange } from "./normalise-year.ts";
import { type FieldProblem, ROW_PARSERS } from "./parse-rows.ts";
import { columnLetter, type RawCell, type RawSheet, type RawWorkbook } from "./raw-workbook.ts";
import type { AgendaItem, Attendee, Meeting, Product } from "./records.ts";
import { locateHeader, REQUIRED_COLUMNS, type TabLayout } from "./tab-layout.ts";
import { matchTab, RECORD_TABS, type RecordTab, TAB_SPECS } from "./tabs.ts";

export type { TabLayout };

export interface ValidationContext {
  /** Today's ISO date: the allowed years end one year after it. */
  today: string;
  /** Meeting numbers ("1/2563") known from Firestore, for attendee and agenda references. */
  knownMeetings?: readonly string[];
}

export interface RowResult<T> {
  tab: RecordTab;
  row: number;
  valid: boolean;
  record?: T;
  issues: Issue[];
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
  products: RowResult<Product>[];
  meetings: RowResult<Meeting>[];
  attendees: RowResult<Attendee>[];
  agenda: RowResult<AgendaItem>[];
}

export function currentYearBE(todayIso: string): number {
  return Number(todayIso.slice(0, 4)) + BE_OFFSET;
}

/** Places a problem on its cell. */
function toIssue(tab: RecordTab, row: number, layout: TabLayout | undefined, fp: FieldProblem): Issue {
  const index = layout?.columns[fp.field];
  return {
    tab: TAB_SPECS[tab].th,
    row,
    column: index === undefined ? "" : columnLetter(index),
    field: fp.field,
    severity: fp.problem.severity,
    code: fp.problem.code,
    message_th: fp.problem.th,
    message_en: fp.problem.en,
  };
}

/** Shared by every row without an issue (most rows): replaced before anything is added. */
const NO_ISSUES: Issue[] = Object.freeze([]) as unknown as Issue[];

function addProblem<T>(result: RowResult<T>, layout: TabLayout | undefined, field: string, problem: Problem) {
  if (result.issues === NO_ISSUES) result.issues = [];
  result.issues.push(toIssue(result.tab, result.row, layout, { field, problem }));
  if (problem.severity === "error" && result.valid) {
    result.valid = false;
    delete result.record;
  }
}

function blankRow(cells: readonly RawCell[]): boolean {
  for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i]!)) return false;
  return true;
}

function validateSheet(
  sheet: RawSheet,
  tab: RecordTab,
  range: YearRange,
): { layout?: TabLayout; headerIssues: Issue[]; rows: RowResult<unknown>[]; meetingNumbers: string[] } {
  const { layout, problems } = locateHeader(sheet, tab);
  const headerIssues = problems.map((p) =>
    toIssue(tab, p.row, layout, { field: p.field, problem: p.problem }),
  );
  // Place header issues on the duplicate's own column rather than the first's.
  problems.forEach((p, i) => {
    if (p.column !== undefined) headerIssues[i]!.column = columnLetter(p.column);
  });
  const meetingNumbers: string[] = [];
  if (!layout) return { headerIssues, rows: [], meetingNumbers };
  const missing = new Set(REQUIRED_COLUMNS[tab].filter((f) => !(f in layout.columns)));
  const missingRequired = missing.size > 0;
  const parse = ROW_PARSERS[tab];
  const rows: RowResult<unknown>[] = [];
  for (const raw of sheet.rows) {
    if (raw.row <= layout.headerRow || blankRow(raw.cells)) continue;
    const parsed = parse(raw.cells, layout.columns, range);
    const problems = missingRequired
      ? parsed.problems.filter((fp) => !missing.has(fp.field))
      : parsed.problems;
    const issues =
      problems.length === 0 ? NO_ISSUES : problems.map((fp) => toIssue(tab, raw.row, layout, fp));
    if (tab === "meetings") {
      // A meeting row with errors still names its meeting: its attendees are not orphans.
      const number = parseMeetingNumber(raw.cells[layout.columns.number ?? -1] ?? null, range);
      if (number.ok) meetingNumbers.push(number.value.text);
    }
    // A missing required column is reported once, on the header; its rows cannot be valid.
    const valid = parsed.record !== undefined && !missingRequired;
    rows.push(
      valid
        ? { tab, row: raw.row, valid, record: parsed.record, issues }
        : { tab, row: raw.row, valid, issues },
    );
  }
  return { layout, headerIssues, rows, meetingNumbers };
}

/** Flags every row whose key repeats an earlier row's, naming the first row in the problem. */
function flagRepeats<T>(
  rows: RowResult<T>[],
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

const checkUniqueIds = (rows: RowResult<{ id?: string }>[], layout: TabLayout | undefined) =>
  flagRepeats(
    rows,
    layout,
    "id",
    (r) => r.id,
    ({ id }, first) =>
      error(
        "ID_DUPLICATE",
        `รหัส ${id} ซ้ำกับแถวที่ ${first}: ลบรหัสของแถวที่คัดลอกมาให้ว่าง ระบบจะกำหนดรหัสใหม่`,
        `The id ${id} repeats row ${first}: clear the copied row's id and the system assigns a new one`,
      ),
  );

const checkMeetings = (meetings: RowResult<Meeting>[], layout: TabLayout | undefined) =>
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

const foldCase = (s: string) => (/[A-Z]/.test(s) ? s.toLowerCase() : s);

function checkProducts(products: RowResult<Product>[], layout: TabLayout | undefined) {
  // year → product name → the first row's index, or producer → index once a name has two producers.
  // Names are nearly all distinct: no map or key string is made per row on sheets of 100,000 rows.
  const seen = new Map<number, Map<string, number | Map<string, number>>>();
  for (let i = 0; i < products.length; i++) {
    const r = products[i]!;
    const p = r.record;
    if (!p) continue;
    let byName = seen.get(p.year);
    if (!byName) {
      byName = new Map();
      seen.set(p.year, byName);
    }
    const name = foldCase(p.product);
    const producer = foldCase(p.producer);
    const entry = byName.get(name);
    let first: number | undefined;
    if (entry === undefined) byName.set(name, i);
    else if (typeof entry === "number") {
      const firstProducer = foldCase(products[entry]!.record!.producer);
      if (firstProducer === producer) first = entry;
      else
        byName.set(
          name,
          new Map([
            [firstProducer, entry],
            [producer, i],
          ]),
        );
    } else {
      first = entry.get(producer);
      if (first === undefined) entry.set(producer, i);
    }
    if (first === undefined) continue;
    const firstRow = products[first]!.row;
    addProblem(
      r,
      layout,
      "product",
      warning(
        "DUPLICATE_PRODUCT",
        `ผลิตภัณฑ์นี้ของกลุ่มผู้ผลิตเดียวกันในปี ${p.year} ซ้ำกับแถวที่ ${firstRow}: ตรวจว่าไม่ได้บันทึกซ้ำ`,
        `The same product of the same producer in ${p.year} is on row ${firstRow} too: check it is not entered twice`,
      ),
    );
  }
}

function checkMeetingReferences(
  rows: RowResult<{ meeting: string }>[],
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

const checkAgenda = (agenda: RowResult<AgendaItem>[], layout: TabLayout | undefined) =>
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

export function validateWorkbook(wb: RawWorkbook, ctx: ValidationContext): WorkbookValidation {
  const range: YearRange = { currentYearBE: currentYearBE(ctx.today) };
  const result: WorkbookValidation = {
    ok: true,
    tabs: {},
    issues: [],
    layouts: {},
    products: [],
    meetings: [],
    attendees: [],
    agenda: [],
  };
  const headerIssues: Issue[] = [];
  const meetingNumbers: string[] = [];
  for (const sheet of wb.sheets) {
    const tab = matchTab(sheet.name);
    if (!tab || result.layouts[tab] || result.tabs[TAB_SPECS[tab].th]) continue;
    const v = validateSheet(sheet, tab, range);
    headerIssues.push(...v.headerIssues);
    meetingNumbers.push(...v.meetingNumbers);
    if (v.layout) result.layouts[tab] = v.layout;
    (result[tab] as RowResult<unknown>[]) = v.rows;
    result.tabs[TAB_SPECS[tab].th] = { rows: 0, valid: 0, invalid: 0 };
  }

  const L = result.layouts;
  checkUniqueIds(result.products, L.products);
  checkUniqueIds(result.meetings, L.meetings);
  checkProducts(result.products, L.products);
  checkMeetings(result.meetings, L.meetings);
  const known = new Set<string>(ctx.knownMeetings ?? []);
  for (const n of meetingNumbers) known.add(n);
  checkMeetingReferences(result.attendees, L.attendees, known);
  checkMeetingReferences(result.agenda, L.agenda, known);
  checkAgenda(result.agenda, L.agenda);

  result.issues.push(...headerIssues);
  for (const tab of RECORD_TABS) {
    const stats = result.tabs[TAB_SPECS[tab].th];
    if (!stats) continue;
    for (const r of result[tab] as RowResult<unknown>[]) {
      stats.rows++;
      if (r.valid) stats.valid++;
      else stats.invalid++;
      for (const issue of r.issues) result.issues.push(issue);
    }
  }
  result.ok = !result.issues.some((i) => i.severity === "error");
  return result;
}

/** The record tabs a workbook holds, by their matched key. */
export function knownTabs(wb: RawWorkbook): RecordTab[] {
  return wb.sheets.map((s) => matchTab(s.name)).filter((t): t is RecordTab => t !== undefined);
}
