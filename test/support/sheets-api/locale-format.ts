// Dates and times the way a spreadsheet's locale shows and reads them: a date typed with
// USER_ENTERED becomes a serial number (days since 30 December 1899) with a DATE format, and
// FORMATTED_VALUE prints it per SpreadsheetProperties.locale: en_US M/d/yyyy, th_TH d/M/yyyy in the
// Buddhist era, en_GB dd/MM/yyyy. Only what the project's tests need; other locales are refused.

export const LOCALES = ["en_US", "th_TH", "en_GB"] as const;
export type Locale = (typeof LOCALES)[number];

export const DATE_TYPES = ["DATE", "TIME", "DATE_TIME"] as const;
export type DateType = (typeof DATE_TYPES)[number];

const EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
const BE_OFFSET = 543;

export const serialOf = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - EPOCH_MS) / DAY_MS;

function ymdOf(serial: number) {
  const date = new Date(EPOCH_MS + Math.floor(serial) * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function hmsOf(serial: number) {
  const seconds = Math.round((serial - Math.floor(serial)) * 86_400) % 86_400;
  return { h: Math.floor(seconds / 3600), min: Math.floor(seconds / 60) % 60, s: seconds % 60 };
}

const pad = (n: number) => String(n).padStart(2, "0");

function formatDate(serial: number, locale: Locale): string {
  const { y, m, d } = ymdOf(serial);
  if (locale === "en_US") return `${m}/${d}/${y}`;
  if (locale === "en_GB") return `${pad(d)}/${pad(m)}/${y}`;
  return `${d}/${m}/${y + BE_OFFSET}`;
}

function formatTime(serial: number, locale: Locale): string {
  const { h, min, s } = hmsOf(serial);
  if (locale === "en_US") return `${((h + 11) % 12) + 1}:${pad(min)}:${pad(s)} ${h < 12 ? "AM" : "PM"}`;
  return `${locale === "en_GB" ? pad(h) : h}:${pad(min)}:${pad(s)}`;
}

/** A date, time or date-time serial as the locale prints it by default. */
export function formatSerial(serial: number, type: DateType, locale: Locale): string {
  if (type === "DATE") return formatDate(serial, locale);
  if (type === "TIME") return formatTime(serial, locale);
  return `${formatDate(serial, locale)} ${formatTime(serial, locale)}`;
}

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** What typing `text` with USER_ENTERED makes of it, when the locale reads it as a date or time. */
export function parseUserDate(text: string, locale: Locale): { serial: number; type: DateType } | undefined {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDate(y, mo, d) ? { serial: serialOf(y, mo, d), type: "DATE" } : undefined;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) {
    const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [mo, d] = locale === "en_US" ? [a, b] : [b, a];
    const y = locale === "th_TH" && year > 2400 ? year - BE_OFFSET : year;
    return validDate(y, mo, d) ? { serial: serialOf(y, mo, d), type: "DATE" } : undefined;
  }
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m) {
    const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    if (h > 23 || min > 59 || s > 59) return undefined;
    return { serial: (h * 3600 + min * 60 + s) / 86_400, type: "TIME" };
  }
  return undefined;
}
