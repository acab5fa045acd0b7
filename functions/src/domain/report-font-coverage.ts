// Which characters the report's fonts draw, as fontconfig lists them (`fc-query --format='%{charset}'`,
// hexadecimal code points and ranges), so validation can warn about a cell the PDF would print as an
// empty box. The test beside the font files checks these lists against the files themselves.

/** The report's fonts in the order the page falls back through them (see adapters/pdf/fonts.ts). */
export const REPORT_FONT_CHARSETS = {
  /** TH Sarabun New as Laksaman (Debian's fonts-tlwg-laksaman), regular and bold alike. */
  laksaman:
    "20-7e a0-ff 102-103 106-107 10c-10d 110-111 11e-11f 128-129 130-131 141-142 152-153 15e-161 168-169 " +
    "178 17d-17e 192 1a0-1a1 1af-1b0 2bc 2c6-2c7 2d7-2dd 300-301 303 309 323 331 e00-e3a e3f-e5b " +
    "1ea0-1ef9 200c-200f 2013-2014 2018-201a 201c-201e 2020-2022 2026 2030 2032-2033 2039-203a 2044 20a3 " +
    "20ab-20ac 2113 2122 2126 212e 2153-215e 2202 2206 220f 2211-2212 221a 221e 222b 2248 2260 2264-2265 " +
    "25ca 25cc f700-f720 f880-f882 fb00-fb04",
  /** Google's Sarabun (@expo-google-fonts/sarabun), regular and bold alike: the fallback. */
  sarabun:
    "20-7e a0-17e 18f 192 1a0-1a1 1af-1b0 1cd-1dc 1e6-1e7 1fa-1ff 218-21b 237 251 259 2bb-2bc 2be-2bf " +
    "2c6-2cc 2d8-2dd 300-304 306-30c 31b 323-324 326-328 32e 331 394 3a9 3bc 3c0 e01-e3a e3f-e5b " +
    "1e0c-1e0f 1e20-1e21 1e24-1e25 1e2a-1e2b 1e36-1e3b 1e42-1e49 1e5a-1e63 1e6c-1e6f 1e80-1e85 1e8e-1e8f " +
    "1e92-1e93 1e97 1e9e 1ea0-1ef9 2007 2010 2012-2015 2018-201a 201c-201e 2020-2022 2026 2030 2032-2033 " +
    "2039-203a 2044 2070 2074-2079 207d-2089 208d-208e 20a1 20a4 20a6-20a7 20ab-20ac 20b1-20b2 20b5 " +
    "20b9-20ba 20bd 210a 2113 2117 2120 2122 212e 2153-2154 215b-215e 2190-2193 2202 2206 220f 2211-2212 " +
    "2215 2219-221a 221e 222b 2248 2260 2264-2265 25a0 25b2-25b3 25b6-25b7 25bc-25bd 25c0-25c1 25c6 25ca " +
    "f8ff fb01-fb02",
  /** Noto Emoji (@expo-google-fonts/noto-emoji), black and white: emoji and symbols. */
  notoEmoji:
    "20 23 2a 30-39 a9 ae 200d 203c 2049 20e3 2122 2139 2194-2199 21a9-21aa 231a-231b 2328 23cf 23e9-23f3 " +
    "23f8-23fa 24c2 25aa-25ab 25b6 25c0 25fb-25fe 2600-2604 260e 2611 2614-2615 2618 261d 2620 2622-2623 " +
    "2626 262a 262e-262f 2638-263a 2640 2642 2648-2653 265f-2660 2663 2665-2666 2668 267b 267e-267f " +
    "2692-2697 2699 269b-269c 26a0-26a1 26a7 26aa-26ab 26b0-26b1 26bd-26be 26c4-26c5 26c8 26ce-26cf 26d1 " +
    "26d3-26d4 26e9-26ea 26f0-26f5 26f7-26fa 26fd 2702 2705 2708-270d 270f 2712 2714 2716 271d 2721 2728 " +
    "2733-2734 2744 2747 274c 274e 2753-2755 2757 2763-2764 2795-2797 27a1 27b0 27bf 2934-2935 2b05-2b07 " +
    "2b1b-2b1c 2b50 2b55 3030 303d 3297 3299 fe0e-fe0f 1f004 1f0cf 1f170-1f171 1f17e-1f17f 1f18e " +
    "1f191-1f19a 1f1e6-1f1ff 1f201-1f202 1f21a 1f22f 1f232-1f23a 1f250-1f251 1f300-1f321 1f324-1f393 " +
    "1f396-1f397 1f399-1f39b 1f39e-1f3f0 1f3f3-1f3f5 1f3f7-1f4fd 1f4ff-1f53d 1f549-1f54e 1f550-1f567 " +
    "1f56f-1f570 1f573-1f57a 1f587 1f58a-1f58d 1f590 1f595-1f596 1f5a4-1f5a5 1f5a8 1f5b1-1f5b2 1f5bc " +
    "1f5c2-1f5c4 1f5d1-1f5d3 1f5dc-1f5de 1f5e1 1f5e3 1f5e8 1f5ef 1f5f3 1f5fa-1f64f 1f680-1f6c5 " +
    "1f6cb-1f6d2 1f6d5-1f6d9 1f6dc-1f6e5 1f6e9 1f6eb-1f6ec 1f6f0 1f6f3-1f6fc 1f7e0-1f7eb 1f7f0 " +
    "1f90c-1f93a 1f93c-1f945 1f947-1f9ff 1fa70-1fa7c 1fa80-1fac6 1fac8 1facc-1fadd 1fadf-1faeb " +
    "1faef-1fafa e0030-e0039 e0061-e007a e007f fe4e5-fe4ee fe82c fe82e-fe837",
} as const;
const parseCharset = (charset: string): [number, number][] =>
  charset.split(" ").map((part) => {
    const [from, to = from] = part.split("-");
    return [Number.parseInt(from!, 16), Number.parseInt(to!, 16)];
  });

type FontName = keyof typeof REPORT_FONT_CHARSETS;

/** Ranges sorted and merged: [from, to, from, to, …]. */
function mergedRanges(fonts: readonly FontName[]): number[] {
  const ranges = fonts.flatMap((f) => parseCharset(REPORT_FONT_CHARSETS[f])).sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [from, to] of ranges) {
    const last = merged.length - 1;
    if (last > 0 && from <= merged[last]! + 1) merged[last] = Math.max(merged[last]!, to);
    else merged.push(from, to);
  }
  return merged;
}

const FONTS = Object.keys(REPORT_FONT_CHARSETS) as FontName[];
/** Every range some font of the report draws, and each font's own. */
const PRINTABLE = mergedRanges(FONTS);
const BY_FONT = new Map(FONTS.map((f) => [f, mergedRanges([f])]));

// Characters that need no glyph of their own: spaces, line breaks, joiners and other invisible ones.
const NEEDS_NO_GLYPH = /[\p{Cc}\p{Z}\p{Default_Ignorable_Code_Point}]/u;
// The common case, ASCII and Thai only, answered without a lookup per character.
const PLAIN = /^[\u0020-\u007e\u0e01-\u0e3a\u0e3f-\u0e5b\s]*$/;

function within(ranges: number[], codePoint: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (codePoint < ranges[2 * mid]!) hi = mid - 1;
    else if (codePoint > ranges[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The characters of `text` that need a glyph and are not in `ranges` (each once, in order of appearance). */
function outside(ranges: number[], text: string): string[] {
  if (PLAIN.test(text)) return [];
  const missing = new Set<string>();
  for (const ch of text) if (!within(ranges, ch.codePointAt(0)!) && !NEEDS_NO_GLYPH.test(ch)) missing.add(ch);
  return [...missing];
}

/** Whether one font draws every character of `text` that needs a glyph (no fallback font needed). */
export const drawsAll = (font: FontName, text: string): boolean =>
  outside(BY_FONT.get(font)!, text).length === 0;

/** The characters of `text` that no font of the report draws (each once, in order of appearance). */
export const charactersWithoutGlyph = (text: string): string[] => outside(PRINTABLE, text);

/** "中" → "U+4E2D", the way a user can look a character up. */
export const codePointLabel = (ch: string): string =>
  `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
