// Thai digits (๐–๙) ⇄ Arabic digits.

const THAI_ZERO = 0x0e50;

/** Replaces every Thai digit with its Arabic digit. */
const HAS_THAI_DIGIT = /[๐-๙]/;

export function toArabicDigits(text: string): string {
  if (!HAS_THAI_DIGIT.test(text)) return text;
  return text.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - THAI_ZERO));
}

/** Replaces every Arabic digit with its Thai digit. */
export function toThaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(THAI_ZERO + Number(d)));
}
