// Finding a tab's header row and columns by header text (Thai or English, any order, any spacing),
// and the header-level problems: duplicate and missing columns.
import { cellText } from "./clean-text.ts";
import type { Problem } from "./issues.ts";
import { error } from "./issues.ts";
import type { RawSheet } from "./raw-workbook.ts";
import { columnMatcher, type RecordTab, TAB_SPECS } from "./tabs.ts";

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

export interface HeaderProblem {
  row: number;
  column?: number;
  field: string;
  problem: Problem;
}

/** Title rows above the header are allowed; the header is within the first rows. */
const HEADER_SEARCH_ROWS = 10;

export function locateHeader(
  sheet: RawSheet,
  tab: RecordTab,
): { layout?: TabLayout; problems: HeaderProblem[] } {
  const match = columnMatcher(tab);
  const spec = TAB_SPECS[tab];
  for (const candidate of sheet.rows.slice(0, HEADER_SEARCH_ROWS)) {
    const columns: Record<string, number> = {};
    const problems: HeaderProblem[] = [];
    let matched = 0;
    candidate.cells.forEach((cell, index) => {
      const header = cellText(cell);
      if (header.trim() === "") return;
      const col = match(header);
      if (!col) return;
      matched++;
      if (col.field in columns) {
        problems.push({
          row: candidate.row,
          column: index,
          field: col.field,
          problem: error(
            "DUPLICATE_COLUMN",
            `หัวคอลัมน์ "${col.th}" ซ้ำกัน: ระบบใช้คอลัมน์แรก ลบหรือเปลี่ยนชื่อคอลัมน์ที่ซ้ำ`,
            `The column "${col.th}" (${col.field}) appears twice: the first is used; remove or rename the other`,
          ),
        });
        return;
      }
      columns[col.field] = index;
    });
    if (matched < 2) continue;
    for (const field of REQUIRED_COLUMNS[tab]) {
      if (field in columns) continue;
      const col = spec.columns.find((c) => c.field === field)!;
      problems.push({
        row: candidate.row,
        field,
        problem: error(
          "MISSING_COLUMN",
          `แท็บ "${spec.th}" ไม่มีคอลัมน์ "${col.th}" ซึ่งจำเป็น: เพิ่มหัวคอลัมน์นี้ในแถวหัวตาราง`,
          `Tab "${spec.th}" (${spec.en}) has no "${col.th}" (${field}) column, which is required: add it to the header row`,
        ),
      });
    }
    return { layout: { sheetName: sheet.name, headerRow: candidate.row, columns }, problems };
  }
  const first = sheet.rows[0]?.row ?? 1;
  return {
    problems: [
      {
        row: first,
        field: "",
        problem: error(
          "HEADER_NOT_FOUND",
          `แท็บ "${spec.th}" ไม่มีแถวหัวตารางที่รู้จัก: แถวแรกต้องมีหัวคอลัมน์ เช่น ${spec.columns
            .slice(0, 4)
            .map((c) => c.th)
            .join(", ")}`,
          `Tab "${spec.th}" (${spec.en}) has no recognisable header row: the first row must hold headers such as ${spec.columns
            .slice(0, 4)
            .map((c) => `${c.th} (${c.field})`)
            .join(", ")}`,
        ),
      },
    ],
  };
}
