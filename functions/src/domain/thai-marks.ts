// Thai text as compared (never as stored): NFC, ำ typed as ํ + า read as ำ, and the marks around a
// consonant in one order whatever order they were typed in (a tone mark before or after an upper vowel
// looks the same on screen). Pure and free of Node APIs: the Apps Script bundle uses it through tabs.ts.

/** Below vowels, then upper vowels, then tone marks, then the signs drawn above those. */
function rank(c: number): number {
  if (c >= 0x0e38 && c <= 0x0e3a) return 1; // ุ ู ฺ
  if (c === 0x0e31 || (c >= 0x0e34 && c <= 0x0e37) || c === 0x0e47) return 2; // ั ิ ี ึ ื ็
  if (c >= 0x0e48 && c <= 0x0e4b) return 3; // ่ ้ ๊ ๋
  if (c === 0x0e4c || c === 0x0e4e) return 4; // ์ ๎
  return 5; // ํ (the ring of ำ)
}

const MARKS = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]{2,}/g;
/**
 * What can make a text differ from its comparison form (the texts with anything to do): a mark after a
 * tone mark or thanthakhat, the ring ํ (ำ spelled ํ + า), a tone after ำ, an upper vowel before another
 * mark, two lower vowels, or a character beyond ASCII and Thai (NFC may apply). Canonical Thai, most
 * cells, matches none of it: one regular-expression scan (measured faster than a loop over the
 * characters).
 */
export const THAI_NEEDS_WORK =
  /[\u0E48-\u0E4E][\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]|\u0E4D|\u0E33[\u0E48-\u0E4B]|[\u0E31\u0E34-\u0E37\u0E47][\u0E31\u0E34-\u0E3A\u0E47]|[\u0E38-\u0E3A][\u0E38-\u0E3A]|[^\x00-\x7F\u0E00-\u0E7F]/;

/** ASCII and Thai only: NFC has nothing to do that the ordering below does not do. */
const ASCII_OR_THAI = /^[\x00-\x7F\u0E00-\u0E7F]*$/;

function sortMarks(run: string): string {
  const marks = [...run].sort((a, b) => rank(a.charCodeAt(0)) - rank(b.charCodeAt(0)));
  // A mark typed twice is drawn once on top of itself: compared once.
  return marks.filter((m, i) => m !== marks[i - 1]).join("");
}

/** The comparison form of a text: two spellings that look the same on screen give the same string. */
export function canonicalThai(text: string): string {
  // One scan decides for most texts: plain ASCII and Thai in canonical order have nothing to do.
  if (!THAI_NEEDS_WORK.test(text)) return text;
  const s = ASCII_OR_THAI.test(text) ? text : text.normalize("NFC");
  return (
    s
      // ำ as ring + า, a tone typed after ำ moved before it, then every run of marks put in order.
      .replace(/\u0E33/g, "\u0E4D\u0E32")
      .replace(/\u0E4D\u0E32([\u0E48-\u0E4B])/g, "$1\u0E4D\u0E32")
      .replace(MARKS, sortMarks)
      .replace(/\u0E4D\u0E32/g, "\u0E33")
  );
}
