// Finding a tab's header row and columns by header text (Thai or English, any order, any spacing, any
// Thai mark order), below any title or form block, and the header-level problems: duplicate and missing
// columns (naming a renamed header that looks like the missing one).
import { cellText } from "./clean-text.ts";
import { error, type Issue, issueAt, warning } from "./issues.ts";
import type { RawCell, RawSheet } from "./raw-workbook.ts";
import { type ColumnSpec, columnMatcher, headerKey, type RecordTab, TAB_SPECS } from "./tabs.ts";

/** Columns without which no row of the tab can be valid. */
export const REQUIRED_COLUMNS: Record<RecordTab, readonly string[]> = {
  products: ["year", "product", "category", "producer", "district"],
  meetings: ["number", "title", "date"],
  attendees: ["meeting", "name", "attendance"],
  agenda: ["meeting", "item", "subject"],
};

export interface TabLayout {
  sheetName: string;
  /** 1-based sheet row of the header. */
  headerRow: number;
  /** field → 0-based column index. */
  columns: Record<string, number>;
}

/** Title and form rows above the header are allowed; the header is within the first rows. */
const HEADER_SEARCH_ROWS = 30;

interface Candidate {
  row: number;
  columns: Record<string, number>;
  issues: Issue[];
  /** Header texts that name no column, by 0-based column. */
  unknown: [number, string][];
}

function readCandidate(cells: readonly RawCell[], row: number, tab: RecordTab): Candidate {
  const match = columnMatcher(tab);
  const columns: Record<string, number> = {};
  const issues: Issue[] = [];
  const unknown: [number, string][] = [];
  cells.forEach((cell, index) => {
    const header = cellText(cell);
    if (header.trim() === "") return;
    const col = match(header);
    if (!col) {
      unknown.push([index, header.trim()]);
      return;
    }
    if (col.field in columns) {
      // A second ผลการตรวจสอบ (an earlier version added one too many) is the system's: it is only unused.
      issues.push(
        issueAt(
          tab,
          row,
          index,
          col.field,
          col.system
            ? warning(
                "DUPLICATE_COLUMN",
                `คอลัมน์ "${col.th}" มีซ้ำ: ระบบเขียนผลลงคอลัมน์แรกเท่านั้น ลบคอลัมน์นี้ได้`,
                `The column "${col.th}" (${col.field}) appears twice: the system writes only to the first; this one can be deleted`,
              )
            : error(
                "DUPLICATE_COLUMN",
                `หัวคอลัมน์ "${col.th}" ซ้ำกัน: ระบบใช้คอลัมน์แรก ลบหรือเปลี่ยนชื่อคอลัมน์ที่ซ้ำ`,
                `The column "${col.th}" (${col.field}) appears twice: the first is used; remove or rename the other`,
              ),
        ),
      );
      return;
    }
    columns[col.field] = index;
  });
  return { row, columns, issues, unknown };
}

/** A header staff renamed that still holds the column's name ("อำเภอที่ตั้ง" for อำเภอ), to name in the message. */
function lookalike(unknown: [number, string][], col: ColumnSpec): string | undefined {
  const names = [col.th, col.field, ...(col.also ?? [])].map(headerKey);
  return unknown.find(([, text]) => {
    const key = headerKey(text);
    return names.some((n) => key.includes(n) || (n.includes(key) && key.length >= 2));
  })?.[1];
}

export function locateHeader(sheet: RawSheet, tab: RecordTab): { layout?: TabLayout; issues: Issue[] } {
  const spec = TAB_SPECS[tab];
  // The row naming the most columns: a form block above the header ("อำเภอ: สันทราย  ปี: 2563") names
  // a few, the header names them all.
  let best: Candidate | undefined;
  let bestCount = 1;
  for (const candidate of sheet.rows.slice(0, HEADER_SEARCH_ROWS)) {
    const read = readCandidate(candidate.cells, candidate.row, tab);
    const count = Object.keys(read.columns).length;
    if (count > bestCount) {
      best = read;
      bestCount = count;
    }
  }
  if (best) {
    const { columns, issues } = best;
    for (const field of REQUIRED_COLUMNS[tab]) {
      if (field in columns) continue;
      const col = spec.columns.find((c) => c.field === field)!;
      const like = lookalike(best.unknown, col);
      issues.push(
        issueAt(
          tab,
          best.row,
          undefined,
          field,
          error(
            "MISSING_COLUMN",
            like
              ? `แท็บ "${spec.th}" ไม่มีคอลัมน์ "${col.th}" ซึ่งจำเป็น: คอลัมน์ "${like}" ใช่หรือไม่? เปลี่ยนหัวคอลัมน์เป็น "${col.th}" ระบบจะไม่บันทึกหรือลบข้อมูลของแท็บนี้จนกว่าจะแก้`
              : `แท็บ "${spec.th}" ไม่มีคอลัมน์ "${col.th}" ซึ่งจำเป็น: เพิ่มหัวคอลัมน์นี้ในแถวหัวตาราง ระบบจะไม่บันทึกหรือลบข้อมูลของแท็บนี้จนกว่าจะแก้`,
            like
              ? `Tab "${spec.th}" (${spec.en}) has no "${col.th}" (${field}) column, which is required: is "${like}" that column? Rename its header to "${col.th}"; nothing of this tab is saved or deleted until then`
              : `Tab "${spec.th}" (${spec.en}) has no "${col.th}" (${field}) column, which is required: add it to the header row; nothing of this tab is saved or deleted until then`,
          ),
        ),
      );
    }
    return { layout: { sheetName: sheet.name, headerRow: best.row, columns }, issues };
  }
  const examples = spec.columns.slice(0, 4);
  const th = examples.map((c) => c.th).join(", ");
  const en = examples.map((c) => `${c.th} (${c.field})`).join(", ");
  const problem = error(
    "HEADER_NOT_FOUND",
    `แท็บ "${sheet.name}" ไม่มีแถวหัวตารางที่รู้จัก: แถวหัวตารางต้องมีหัวคอลัมน์ เช่น ${th} ระบบจะไม่บันทึกหรือลบข้อมูลของแท็บนี้จนกว่าจะแก้`,
    `Tab "${sheet.name}" (${spec.en}) has no recognisable header row: it must hold headers such as ${en}; nothing of this tab is saved or deleted until then`,
  );
  return { issues: [issueAt(tab, sheet.rows[0]?.row ?? 1, undefined, "", problem)] };
}
