// Free text cells (names, places, details): cleaned, length-bounded, required where the contract says,
// and the system's record ids.
import { cellText, cleanText, hasHiddenControls } from "./clean-text.ts";
import { error, fail, ok, type Parsed, type Problem, warning } from "./issues.ts";
import type { RawCell } from "./raw-workbook.ts";
import { charactersWithoutGlyph, codePointLabel } from "./report-font-coverage.ts";

export interface TextRule {
  required?: boolean;
  multiline?: boolean;
  /** Longest accepted text, in characters. */
  max?: number;
  label: { th: string; en: string };
}

/** At most this many characters are named in one warning. */
const SHOWN_MISSING = 5;

function notPrintable(text: string): Problem | undefined {
  const missing = charactersWithoutGlyph(text);
  if (missing.length === 0) return undefined;
  const shown = missing
    .slice(0, SHOWN_MISSING)
    .map((ch) => `"${ch}" (${codePointLabel(ch)})`)
    .join(", ");
  const more = missing.length > SHOWN_MISSING ? ` …` : "";
  return warning(
    "TEXT_NOT_PRINTABLE",
    `ฟอนต์ของรายงานการประชุมไม่มีอักขระ ${shown}${more}: ใน PDF จะเป็นกล่องว่าง ควรแทนด้วยคำหรืออักขระอื่น`,
    `The meeting report's fonts have no ${shown}${more}: the PDF would print an empty box; write it another way`,
  );
}

const DEFAULT_MAX = 2_000;

/** `printed`: the text is in the meeting report, so characters its fonts cannot draw are warned about. */
export function parseText(cell: RawCell, rule: TextRule, printed = false): Parsed<string | undefined> {
  const raw = cellText(cell);
  const text = cleanText(raw, rule.multiline);
  if (text === "") {
    if (!rule.required) return ok(undefined);
    return fail(error("REQUIRED", `ต้องระบุ${rule.label.th}`, `${rule.label.en} is required`));
  }
  const max = rule.max ?? DEFAULT_MAX;
  if (text.length > max) {
    return fail(
      error(
        "TEXT_TOO_LONG",
        `${rule.label.th}ยาวเกินไป (${text.length.toLocaleString("th-TH")} ตัวอักษร): ไม่เกิน ${max.toLocaleString("th-TH")} ตัวอักษร`,
        `${rule.label.en} is too long (${text.length} characters): at most ${max}`,
      ),
    );
  }
  const unprintable = printed ? notPrintable(text) : undefined;
  const hidden = hasHiddenControls(raw);
  if (!unprintable && !hidden) return ok(text);
  const warnings: Problem[] = unprintable ? [unprintable] : [];
  if (hidden) {
    warnings.push(
      warning(
        "TEXT_HIDDEN_CHARACTERS",
        "ลบอักขระควบคุมที่มองไม่เห็น (เช่น ตัวกลับทิศทางข้อความ) ออกจากข้อความแล้ว",
        "Invisible control characters (such as text-direction overrides) were removed from the text",
      ),
    );
  }
  return ok(text, warnings);
}

export const ID_PREFIX = { products: "KBO", meetings: "MTG" } as const;

const ID_PATTERN = {
  products: new RegExp(`^${ID_PREFIX.products}-\\d{4}-\\d{3,}$`),
  meetings: new RegExp(`^${ID_PREFIX.meetings}-\\d{4}-\\d{3,}$`),
};

/** A record id the system assigned earlier; blank means "assign one". */
export function parseRecordId(cell: RawCell, tab: keyof typeof ID_PREFIX): Parsed<string | undefined> {
  const text = cleanText(cellText(cell)).toUpperCase();
  if (text === "") return ok(undefined);
  const prefix = ID_PREFIX[tab];
  if (!ID_PATTERN[tab].test(text)) {
    return fail(
      error(
        "ID_INVALID",
        `รหัส "${text}" ไม่ได้มาจากระบบ (รูปแบบ ${prefix}-2563-001): ลบให้ว่างแล้วระบบจะกำหนดรหัสให้`,
        `The id "${text}" was not assigned by the system (form ${prefix}-2563-001): clear it and the system assigns one`,
      ),
    );
  }
  return ok(text);
}
