// Money in baht, kept exact as integer satang: "272,500", "272,500 บาท", "๒๗๒,๕๐๐", "1,250.50",
// numeric cells. A "-" means no figure, as staff write it.
import { cleanToken } from "./clean-text.ts";
import { error, fail, ok, type Parsed } from "./issues.ts";
import type { RawCell } from "./raw-workbook.ts";

/** 1,000 billion baht: far above any OTOP revenue, still exact in a double. */
const MAX_SATANG = 100_000_000_000_000;

const invalid = (text: string) =>
  error(
    "MONEY_INVALID",
    `"${text}" ไม่ใช่จำนวนเงิน: ใส่เป็นตัวเลข เช่น 272,500 หรือ 272,500 บาท`,
    `"${text}" is not an amount: enter a number, e.g. 272,500 or 272,500 บาท`,
  );
const negative = (text: string) =>
  error(
    "MONEY_NEGATIVE",
    `รายได้ติดลบไม่ได้ ("${text}"): ใส่ 0 หรือมากกว่า`,
    `Revenue cannot be negative ("${text}"): enter 0 or more`,
  );
const tooPrecise = (text: string) =>
  error(
    "MONEY_TOO_PRECISE",
    `"${text}" มีทศนิยมเกิน 2 ตำแหน่ง (สตางค์): ปัดเป็น 2 ตำแหน่ง เช่น 1,250.50`,
    `"${text}" has more than 2 decimals (satang): round to 2, e.g. 1,250.50`,
  );
const tooLarge = (text: string) =>
  error("MONEY_TOO_LARGE", `จำนวนเงิน "${text}" สูงเกินจริง`, `The amount "${text}" is implausibly large`);

const SIMPLE_AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?: ?บาท)?$/;

/** The value of a run of digits, commas skipped. */
function digitsValue(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 44) n = n * 10 + (c - 48);
  }
  return n;
}

/** Parses an amount to integer satang; `undefined` when the cell is blank or "-". */
export function parseMoney(cell: RawCell): Parsed<number | undefined> {
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return fail(invalid(String(cell)));
    if (cell < 0) return fail(negative(String(cell)));
    const satang = Math.round(cell * 100);
    if (Math.abs(cell * 100 - satang) > 1e-6 * Math.max(1, satang)) return fail(tooPrecise(String(cell)));
    if (satang > MAX_SATANG) return fail(tooLarge(String(cell)));
    return ok(satang);
  }
  if (typeof cell === "boolean" || cell instanceof Date) return fail(invalid(cleanToken(cell)));
  const original = cleanToken(cell);
  // The forms staff type most ("272,500", "272500.50", "272,500 บาท"), read without rewriting the text.
  const simple = SIMPLE_AMOUNT.exec(original);
  if (simple) {
    const whole = simple[1]!;
    if (whole.length > 17) return fail(tooLarge(original));
    const satang = digitsValue(whole) * 100 + Number((simple[2] ?? "").padEnd(2, "0"));
    return satang > MAX_SATANG ? fail(tooLarge(original)) : ok(satang);
  }
  const text = original
    .replace(/(บาท|฿|thb|baht)\.?/gi, "")
    .replace(/\s+/g, "")
    .replace(/\.-$/, "");
  if (text === "" || /^[-–—]$/.test(text)) return ok(undefined);
  if (/^[-–(]/.test(text) && /\d/.test(text)) return fail(negative(original));
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return fail(invalid(original));
  const whole = m[1]!.replace(/,/g, "");
  let fraction = m[2] ?? "";
  if (fraction.length > 2) {
    if (/[^0]/.test(fraction.slice(2))) return fail(tooPrecise(original));
    fraction = fraction.slice(0, 2);
  }
  if (whole.length > 13) return fail(tooLarge(original));
  const satang = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (satang > MAX_SATANG) return fail(tooLarge(original));
  return ok(satang);
}
