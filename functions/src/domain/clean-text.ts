// Cleaning of cell text before it is parsed: invisible characters, odd spaces, full-width forms,
// Thai digits and the leading apostrophe spreadsheets use to force text.
// Never NFKC: it would split the Thai vowel ำ (U+0E33) into ํ + า.

import type { RawCell } from "./raw-workbook.ts";

// The zero-width joiner is kept between two pictographs: it builds emoji such as 👩‍👩‍👧, and removing it
// would silently change what staff typed.
const ZERO_WIDTH =
  /[\u200B\u200C\u2060\uFEFF\u00AD]|(?<!\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
// Bidi overrides/isolates and C0/C1 controls except tab and line breaks: they can disguise text.
// Lone surrogate halves too: Firestore would store them as U+FFFD, silently changing the text.
const HIDDEN_CONTROLS =
  /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Most cells are plain printable ASCII and Thai with single spaces: nothing to clean.
const ALREADY_CLEAN = /^[\x21-\x7E\u0E01-\u0E5B](?:[\x20-\x7E\u0E01-\u0E5B]*[\x21-\x7E\u0E01-\u0E5B])?$/;

/** Text of any cell; a Date becomes its ISO date, numbers their shortest form. */
export function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cell;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  return String(cell);
}

export function hasHiddenControls(text: string): boolean {
  if (ALREADY_CLEAN.test(text)) return false;
  HIDDEN_CONTROLS.lastIndex = 0;
  return HIDDEN_CONTROLS.test(text);
}

/**
 * Free text as stored: invisible characters and hidden controls removed, odd spaces made plain,
 * full-width Latin made ASCII, spaces collapsed and trimmed. Line breaks survive when `multiline`.
 */
export function cleanText(text: string, multiline = false): string {
  if (text === "" || (ALREADY_CLEAN.test(text) && !text.includes("  "))) return text;
  let s = text.replace(ZERO_WIDTH, "").replace(HIDDEN_CONTROLS, "").replace(ODD_SPACES, " ");
  s = s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (multiline) {
    return s
      .replace(/\r\n?/g, "\n")
      .split("\n")
      .map((line) => line.replace(/[ \t]+/g, " ").trim())
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  }
  return s.replace(/\s+/g, " ").trim();
}

/** A structured value's text (year, money, phone, date…): cleaned, Arabic digits, no forcing apostrophe. */
export function cleanToken(cell: RawCell): string {
  if (typeof cell === "number") return String(cell);
  const s = toArabicDigits(cleanText(cellText(cell)));
  return s.startsWith("'") ? s.slice(1).trim() : s;
}

const THAI_DIGIT = /[๐-๙]/g;

/** Every Thai digit (๐–๙) replaced with its Arabic digit. */
export const toArabicDigits = (text: string): string =>
  text.search(THAI_DIGIT) === -1 ? text : text.replace(THAI_DIGIT, (d) => String(d.charCodeAt(0) - 0x0e50));

export const isBlank = (cell: RawCell): boolean =>
  cell === null || cell === undefined || (typeof cell === "string" && cleanText(cell) === "");
