// Buddhist-era years: Thai digits, "พ.ศ." prefixes, two-digit short forms, Gregorian years
// converted with a warning, and the programme's range (2544 to next year).

import { cleanToken } from "./clean-text.ts";
import { BE_OFFSET, FIRST_PROGRAMME_YEAR_BE } from "./closed-sets.ts";
import { error, fail, ok, type Parsed, type Problem, warning } from "./issues.ts";
import { memoByText } from "./memo.ts";
import type { RawCell } from "./raw-workbook.ts";

export interface YearRange {
  /** The current Buddhist-era year; the range ends one year after it. */
  currentYearBE: number;
}

export const yearOutOfRange = (be: number, range: YearRange): Problem =>
  error(
    "YEAR_OUT_OF_RANGE",
    `ปี พ.ศ. ${be} อยู่นอกช่วงที่รับได้: ต้องอยู่ระหว่าง ${FIRST_PROGRAMME_YEAR_BE} (ปีเริ่มโครงการ OTOP) ถึง ${range.currentYearBE + 1}`,
    `Year ${be} BE is out of range: it must be between ${FIRST_PROGRAMME_YEAR_BE} (the start of OTOP) and ${range.currentYearBE + 1}`,
  );

const invalid = (text: string) =>
  error(
    "YEAR_INVALID",
    `"${text}" ไม่ใช่ปี พ.ศ.: ใส่เป็นตัวเลข 4 หลัก เช่น 2563`,
    `"${text}" is not a year: enter a Buddhist-era year of 4 digits, e.g. 2563`,
  );

/** Expands a four-digit year (BE or Gregorian) or a two-digit BE short year to BE, with warnings. */
export function yearToBuddhistEra(year: number, digits: number): { be: number; warnings: Problem[] } {
  if (digits <= 2) {
    const be = 2500 + year;
    return {
      be,
      warnings: [
        warning(
          "YEAR_SHORT_EXPANDED",
          `ปีแบบย่อ ${year} อ่านเป็น พ.ศ. ${be}; ควรใส่ปีเต็ม 4 หลัก`,
          `Short year ${year} read as ${be} BE; write the full 4-digit year`,
        ),
      ],
    };
  }
  if (year >= 1900 && year < 2300) {
    const be = year + BE_OFFSET;
    return {
      be,
      warnings: [
        warning(
          "YEAR_GREGORIAN_CONVERTED",
          `${year} เป็นปี ค.ศ. จึงแปลงเป็น พ.ศ. ${be} (บวก 543); ควรใส่ปี พ.ศ. เช่น ${be}`,
          `${year} is a Gregorian year, converted to ${be} BE (+543); enter Buddhist-era years, e.g. ${be}`,
        ),
      ],
    };
  }
  return { be: year, warnings: [] };
}

// A sheet repeats a few years on every row: their results are kept, per current year (the range).
let memo: { yearBE: number; parse: (cell: RawCell) => Parsed<number> } | undefined;

export function parseYear(cell: RawCell, range: YearRange): Parsed<number> {
  if (memo?.yearBE !== range.currentYearBE) {
    memo = { yearBE: range.currentYearBE, parse: memoByText((c: RawCell) => parseYearUncached(c, range)) };
  }
  return memo.parse(cell);
}

function parseYearUncached(cell: RawCell, range: YearRange): Parsed<number> {
  const text = cleanToken(cell)
    .replace(/^(ปี\s*)?(พ\.?\s*ศ\.?|ค\.?\s*ศ\.?|BE|CE|AD)?\s*/i, "")
    .trim();
  if (typeof cell === "number" && !Number.isInteger(cell)) return fail(invalid(String(cell)));
  if (cell instanceof Date || !/^\d{2}$|^\d{4}$/.test(text)) return fail(invalid(cleanToken(cell)));
  const { be, warnings } = yearToBuddhistEra(Number(text), text.length);
  if (be < FIRST_PROGRAMME_YEAR_BE || be > range.currentYearBE + 1) return fail(yearOutOfRange(be, range));
  return ok(be, warnings);
}

export const formatYear = (be: number): string => String(be);
