// Chiang Mai's 25 districts: Thai or English name, "อ." / "อำเภอ" prefixes and a trailing province
// accepted. Anything else is an error whose message suggests the nearest district.

import { cellText, cleanText } from "./clean-text.ts";
import { DISTRICTS } from "./closed-sets.ts";
import { matchKey, nearest } from "./fuzzy-match.ts";
import { error, fail, ok, type Parsed } from "./issues.ts";
import { memoByText } from "./memo.ts";
import type { RawCell } from "./raw-workbook.ts";

type District = (typeof DISTRICTS)[number];
const keysOf = (d: District) => [matchKey(d.th), matchKey(d.en)];
const EXACT = new Map<string, string>();
for (const d of DISTRICTS) for (const k of keysOf(d)) EXACT.set(k, d.th);
// "อ.เมือง" is how everyone in the province writes the central district.
EXACT.set(matchKey("เมือง"), "เมืองเชียงใหม่");
EXACT.set(matchKey("mueang"), "เมืองเชียงใหม่");

const PREFIX = /^(กิ่ง\s*)?(อำเภอ|อ\s*\.|amphoe|amphur|district)\s*/i;
const PROVINCE = /\s*(จ\s*\.|จังหวัด)\s*เชียงใหม่$|,?\s*chiang\s*mai(\s*province)?$/i;

function parseDistrictUncached(cell: RawCell): Parsed<string> {
  const text = cleanText(cellText(cell));
  if (text === "") {
    return fail(
      error("REQUIRED", "ต้องระบุอำเภอ เช่น สันกำแพง", "A district is required, e.g. สันกำแพง (San Kamphaeng)"),
    );
  }
  const bare = text.replace(PREFIX, "").replace(PROVINCE, "");
  const key = matchKey(bare);
  const exact = EXACT.get(key) ?? (key === matchKey("chiangmai") ? undefined : EXACT.get(matchKey(text)));
  if (exact) return ok(exact);
  const best = nearest(key, DISTRICTS, keysOf).item;
  return fail(
    error(
      "DISTRICT_UNKNOWN",
      `"${text}" ไม่ใช่อำเภอของจังหวัดเชียงใหม่; หมายถึง "${best.th}" หรือไม่?`,
      `"${text}" is not a district of Chiang Mai; did you mean "${best.th}" (${best.en})?`,
    ),
  );
}

/** Memoised: a sheet repeats the same few spellings on thousands of rows. */
export const parseDistrict = memoByText(parseDistrictUncached);
