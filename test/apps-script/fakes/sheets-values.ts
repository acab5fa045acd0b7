// How Google Sheets turns what is typed (or written with Range.setValue/setValues) into a cell value,
// and dates into wall clocks of a time zone, for the fakes. The rules our code meets, each with its
// source:
// - Text is "parsed as if the user typed [it] into the UI … strings may be converted to numbers,
//   dates, etc." (Sheets API v4, ValueInputOption USER_ENTERED; the Apps Script editor's
//   Range.setValues behaves the same way).
// - A cell formatted as plain text ("@", NumberFormat type TEXT) keeps the text as typed.
// - A leading apostrophe keeps the rest as text and is not part of the value (ExtendedValue.stringValue:
//   "if the user typed '123 … stringValue of "123"").
// - Numbers lose leading zeros (081… becomes 81…), "1,234" is 1234, "12%" is 0.12, TRUE/FALSE are
//   booleans; dates follow the spreadsheet's locale (th_TH and en_GB: day first; en_US: month first),
//   "1/2563" (month/year) is 1 January 2563, "9:30" is a time of 30 Dec 1899; all in the sheet's zone.
//   Range.getValues returns "Number, Boolean, Date, or String … Empty cells are … an empty string"
//   (reference: spreadsheet/range#getValues()).
// Formulas are not evaluated: writing one throws, as our code never should.

export type CellValue = string | number | boolean | Date;

export const PLAIN_TEXT = "@";

const DAY_FIRST_LOCALES = new Set(["th_TH", "th", "en_GB", "en_AU", "fr_FR", "de_DE"]);

/** Milliseconds east of UTC of `zone` at `instant` (Intl carries the tz database, as Apps Script's Java does). */
export function zoneOffsetMs(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    era: "short",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const era = parts.find((p) => p.type === "era")?.value;
  const year = era === "BC" ? 1 - get("year") : get("year");
  const wall = Date.UTC(2000, get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  const wallDate = new Date(wall);
  wallDate.setUTCFullYear(year);
  return wallDate.getTime() - Math.floor(instant / 1000) * 1000;
}

/** The instant at which `zone`'s clocks show this wall time. */
export function wallClockToDate(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Date {
  const wall = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  wall.setUTCFullYear(year);
  let instant = wall.getTime() - zoneOffsetMs(wall.getTime(), zone);
  instant = wall.getTime() - zoneOffsetMs(instant, zone);
  return new Date(instant);
}

/** The wall clock of `zone` at `date`, as [year, month, day, hour, minute, second]. */
export function wallClockOf(date: Date, zone: string): [number, number, number, number, number, number] {
  const shifted = new Date(date.getTime() + zoneOffsetMs(date.getTime(), zone));
  return [
    shifted.getUTCFullYear(),
    shifted.getUTCMonth() + 1,
    shifted.getUTCDate(),
    shifted.getUTCHours(),
    shifted.getUTCMinutes(),
    shifted.getUTCSeconds(),
  ];
}

const validDate = (y: number, m: number, d: number) =>
  m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The value a cell holds once `input` is typed into it. */
export function typedValue(input: string, numberFormat: string, zone: string, locale: string): CellValue {
  if (numberFormat === PLAIN_TEXT) return input;
  if (input.startsWith("'")) return input.slice(1);
  const text = input.trim();
  if (text === "") return "";
  if (text.startsWith("=")) throw new Error("Range.setValue with a formula is not implemented in the fake");
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  const number = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%?)$/.exec(text);
  if (number) {
    const value = Number(`${number[1]}${number[2]!.replace(/,/g, "")}${number[3] ?? ""}`);
    return number[4] ? value / 100 : value;
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m && validDate(+m[1]!, +m[2]!, +m[3]!)) return wallClockToDate(zone, +m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(text);
  if (m) {
    const [a, b] = [+m[1]!, +m[2]!];
    const [day, month] = DAY_FIRST_LOCALES.has(locale) ? [a, b] : [b, a];
    const year = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
    if (validDate(year, month, day)) return wallClockToDate(zone, year, month, day);
  }
  m = /^(\d{1,2})\/(\d{3,4})$/.exec(text);
  if (m && +m[1]! >= 1 && +m[1]! <= 12) return wallClockToDate(zone, +m[2]!, +m[1]!, 1);
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (m && +m[1]! < 24 && +m[2]! < 60)
    return wallClockToDate(zone, 1899, 12, 30, +m[1]!, +m[2]!, +(m[3] ?? 0));
  return input;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * Utilities.formatDate: "Formats date according to specification described in Java SE
 * SimpleDateFormat class", in the given time zone (reference: utilities/utilities#formatDate(Date,String,String)).
 * The pattern letters our code uses; any other letter throws.
 */
export function formatDateInZone(date: Date, zone: string, pattern: string): string {
  const [y, mo, d, h, mi, s] = wallClockOf(date, zone);
  let out = "";
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      out += end === i + 1 ? "'" : pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    const token = ch.repeat(n);
    const values: Record<string, string> = {
      yyyy: pad(y, 4),
      yy: pad(y % 100),
      MM: pad(mo),
      dd: pad(d),
      HH: pad(h),
      mm: pad(mi),
      ss: pad(s),
    };
    const value = values[token];
    if (value === undefined)
      throw new Error(`Utilities.formatDate pattern "${token}" is not implemented in the fake`);
    out += value;
    i += n;
  }
  return out;
}
