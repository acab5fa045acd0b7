// The five OTOP categories, by Thai name, code or English name. A near-miss spelling (at most two
// characters off) is understood with a warning saying how it was read; anything further is an error.

import { cellText, cleanText } from "./clean-text.ts";
import { CATEGORIES, type CategoryCode } from "./closed-sets.ts";
import { matchKey, nearest } from "./fuzzy-match.ts";
import { error, fail, ok, type Parsed, warning } from "./issues.ts";
import { memoByText } from "./memo.ts";
import type { RawCell } from "./raw-workbook.ts";

export const MAX_NEAR_MISS = 2;

type Category = (typeof CATEGORIES)[number];
const keysOf = (c: Category) => [matchKey(c.th), c.code, matchKey(c.en)];
const EXACT = new Map<string, CategoryCode>();
for (const c of CATEGORIES) for (const k of keysOf(c)) EXACT.set(k, c.code);

const listTh = CATEGORIES.map((c) => c.th).join(" / ");
const listEn = CATEGORIES.map((c) => `${c.code} (${c.th})`).join(", ");

function parseCategoryUncached(cell: RawCell): Parsed<CategoryCode> {
  const text = cleanText(cellText(cell));
  if (text === "") {
    return fail(
      error("REQUIRED", `ต้องระบุประเภทผลิตภัณฑ์: ${listTh}`, `A category is required: one of ${listEn}`),
    );
  }
  const key = matchKey(text.replace(/^ประเภท\s*/, ""));
  const exact = EXACT.get(key);
  if (exact) return ok(exact);
  const best = nearest(key, CATEGORIES, keysOf);
  if (best.distance <= MAX_NEAR_MISS && key.length > MAX_NEAR_MISS * 2) {
    return ok(best.item.code, [
      warning(
        "CATEGORY_NEAR_MISS",
        `อ่าน "${text}" เป็น "${best.item.th}" (สะกดต่างไป ${best.distance} ตัวอักษร); ควรแก้ให้ตรง`,
        `Read "${text}" as "${best.item.th}" (${best.item.code}; ${best.distance} character(s) off); please correct the spelling`,
      ),
    ]);
  }
  return fail(
    error(
      "CATEGORY_UNKNOWN",
      `"${text}" ไม่ใช่ประเภทผลิตภัณฑ์ OTOP: เลือกหนึ่งใน ${listTh}`,
      `"${text}" is not an OTOP category: use one of ${listEn}`,
    ),
  );
}

/** Memoised: a sheet repeats the same few spellings on thousands of rows. */
export const parseCategory = memoByText(parseCategoryUncached);
