// Dates as staff enter them: sheet date values, Excel serials, "13/01/2563", "13 มกราคม 2563",
// "13 ม.ค. 63", ISO "2020-01-13". The result is an ISO plain date (Gregorian).

import { cleanToken } from "./clean-text.ts";
import { BE_OFFSET } from "./closed-sets.ts";
import { error, fail, ok, type Parsed, type Problem, warning } from "./issues.ts";
import { type YearRange, yearOutOfRange } from "./normalise-year.ts";
import type { RawCell } from "./raw-workbook.ts";
import { daysInMonth, THAI_MONTHS, THAI_MONTHS_SHORT, toIsoDate } from "./thai-date.ts";

const EN_MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

const monthKey = (s: string) => s.replace(/[.\s]/g, "").toLowerCase();
const MONTH_BY_NAME = new Map<string, number>();
// Thai and English month names, long and short (English "jan" … "dec": the first three letters).
for (const names of [THAI_MONTHS, THAI_MONTHS_SHORT, EN_MONTHS, EN_MONTHS.map((m) => m.slice(0, 3))]) {
  for (const [i, name] of names.entries()) MONTH_BY_NAME.set(monthKey(name), i + 1);
}

const invalid = (text: string) =>
  error(
    "DATE_INVALID",
    `"${text}" ไม่ใช่วันที่ที่อ่านได้: ใส่เป็น วัน/เดือน/ปี พ.ศ. เช่น 13/01/2563 หรือ 13 มกราคม 2563`,
    `"${text}" is not a date: enter day/month/Buddhist-era year, e.g. 13/01/2563 or 13 มกราคม 2563`,
  );

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug makes day 60 a phantom 29 Feb 1900). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function excelSerialToIso(serial: number): string {
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
  return d.toISOString().slice(0, 10);
}

export function isoToExcelSerial(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - EXCEL_EPOCH_MS) / DAY_MS);
}

function build(
  day: number,
  month: number,
  yearBE: number,
  text: string,
  warnings: Problem[],
  range: YearRange,
): Parsed<string> {
  if (month < 1 || month > 12) {
    return fail(
      error(
        "DATE_INVALID_MONTH",
        `"${text}": ไม่มีเดือนที่ ${month}; ใส่เป็น วัน/เดือน/ปี (วันก่อนเดือน) เช่น 13/01/2563`,
        `"${text}": there is no month ${month}; write day/month/year (day first), e.g. 13/01/2563`,
      ),
    );
  }
  const gregorian = yearBE - BE_OFFSET;
  const max = daysInMonth(gregorian, month);
  if (day < 1 || day > max) {
    const leapNote =
      month === 2 && day === 29
        ? { th: ` (ปี พ.ศ. ${yearBE} ไม่ใช่ปีอธิกสุรทิน)`, en: ` (${yearBE} BE is not a leap year)` }
        : { th: "", en: "" };
    return fail(
      error(
        "DATE_INVALID_DAY",
        `"${text}": เดือน${THAI_MONTHS[month - 1]} ${yearBE} มีเพียง ${max} วัน${leapNote.th}`,
        `"${text}": month ${month} of ${yearBE} BE has only ${max} days${leapNote.en}`,
      ),
    );
  }
  if (yearBE > range.currentYearBE + 1 || yearBE < 2544) return fail(yearOutOfRange(yearBE, range));
  return ok(toIsoDate({ year: gregorian, month, day }), warnings);
}

/** A year written in a date: 4-digit BE, 4-digit Gregorian (warned), or 2-digit BE short form. */
function dateYearToBE(yearText: string, text: string): { be: number; warnings: Problem[] } {
  const y = Number(yearText);
  if (yearText.length <= 2) return { be: 2500 + y, warnings: [] };
  if (y >= 2300) return { be: y, warnings: [] };
  return {
    be: y + BE_OFFSET,
    warnings: [
      warning(
        "DATE_GREGORIAN_YEAR",
        `"${text}" ใช้ปี ค.ศ. ${y} จึงอ่านเป็น พ.ศ. ${y + BE_OFFSET}; ควรใส่ปี พ.ศ.`,
        `"${text}" uses the Gregorian year ${y}, read as ${y + BE_OFFSET} BE; enter Buddhist-era years`,
      ),
    ],
  };
}

export function parseDate(cell: RawCell, range: YearRange): Parsed<string> {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return fail(invalid("?"));
    const y = cell.getUTCFullYear();
    const warnings: Problem[] = [];
    let be = y + BE_OFFSET;
    if (y >= 2300) {
      // A BE year typed into a Gregorian date cell: the sheet thinks it is 2563 CE.
      be = y;
      warnings.push(
        warning(
          "DATE_CELL_BE_YEAR",
          `เซลล์วันที่เก็บปี ${y} เป็น ค.ศ. จึงอ่านเป็น พ.ศ. ${y}; ตรวจรูปแบบวันที่ของเซลล์`,
          `The date cell holds ${y} as a Gregorian year; read as ${y} BE; check the cell's date format`,
        ),
      );
    }
    const iso = cell.toISOString().slice(0, 10);
    return build(cell.getUTCDate(), cell.getUTCMonth() + 1, be, iso, warnings, range);
  }
  if (typeof cell === "number") {
    if (!Number.isFinite(cell) || cell < 1 || cell > 2_958_465) return fail(invalid(String(cell)));
    const iso = excelSerialToIso(cell);
    const [y, m, d] = iso.split("-").map(Number);
    return build(d!, m!, y! + BE_OFFSET, String(cell), [], range);
  }
  const original = cleanToken(cell);
  const text = original
    .replace(/^(วัน)?(อาทิตย์|จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์)?\s*(ที่)?\s*/, "")
    .replace(/(พ\.\s*ศ\.|พ\.ศ)\s*/g, "")
    .trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    return build(Number(m[3]), Number(m[2]), y >= 2300 ? y : y + BE_OFFSET, original, [], range);
  }
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})$/.exec(text);
  if (m) {
    const { be, warnings } = dateYearToBE(m[3]!, original);
    return build(Number(m[1]), Number(m[2]), be, original, warnings, range);
  }
  m = /^(\d{1,2})\s*([^\d\s].*?)\s*(\d{4}|\d{2})$/.exec(text);
  if (m) {
    const month = MONTH_BY_NAME.get(monthKey(m[2]!.replace(/[,-]/g, "")));
    if (month) {
      const { be, warnings } = dateYearToBE(m[3]!, original);
      return build(Number(m[1]), month, be, original, warnings, range);
    }
  }
  return fail(invalid(original));
}
