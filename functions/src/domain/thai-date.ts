// Thai calendar vocabulary and formatting: month and weekday names, Buddhist-era years.
// Dates are ISO plain dates ("2020-01-13", Gregorian); Thai text shows them in the Buddhist era.
import { BE_OFFSET } from "./closed-sets.ts";

export const THAI_MONTHS = [
  "มกราคม",
  "กุมภาพันธ์",
  "มีนาคม",
  "เมษายน",
  "พฤษภาคม",
  "มิถุนายน",
  "กรกฎาคม",
  "สิงหาคม",
  "กันยายน",
  "ตุลาคม",
  "พฤศจิกายน",
  "ธันวาคม",
] as const;

export const THAI_MONTHS_SHORT = [
  "ม.ค.",
  "ก.พ.",
  "มี.ค.",
  "เม.ย.",
  "พ.ค.",
  "มิ.ย.",
  "ก.ค.",
  "ส.ค.",
  "ก.ย.",
  "ต.ค.",
  "พ.ย.",
  "ธ.ค.",
] as const;

/** Sunday first, as Date.getUTCDay() counts. */
export const THAI_WEEKDAYS = ["อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์"] as const;

export interface PlainDate {
  year: number; // Gregorian
  month: number; // 1–12
  day: number;
}

export function parseIsoDate(iso: string): PlainDate {
  const [y, m, d] = iso.split("-").map(Number);
  return { year: y!, month: m!, day: d! };
}

export function toIsoDate({ year, month, day }: PlainDate): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function isLeapYear(gregorianYear: number): boolean {
  return (gregorianYear % 4 === 0 && gregorianYear % 100 !== 0) || gregorianYear % 400 === 0;
}

export function daysInMonth(gregorianYear: number, month: number): number {
  return [31, isLeapYear(gregorianYear) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function weekdayOf(iso: string): number {
  const { year, month, day } = parseIsoDate(iso);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export const toBuddhistYear = (gregorianYear: number) => gregorianYear + BE_OFFSET;

/** "13 มกราคม 2563", or with the weekday "วันจันทร์ที่ 13 มกราคม 2563". */
export function thaiLongDate(iso: string, options: { weekday?: boolean } = {}): string {
  const { year, month, day } = parseIsoDate(iso);
  const date = `${day} ${THAI_MONTHS[month - 1]} ${toBuddhistYear(year)}`;
  return options.weekday ? `วัน${THAI_WEEKDAYS[weekdayOf(iso)]}ที่ ${date}` : date;
}

/** "13/01/2563", the form staff type. */
export function thaiShortDate(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${toBuddhistYear(year)}`;
}

/** Thailand keeps UTC+7 all year: no daylight saving to account for. */
const BANGKOK_OFFSET_MS = 7 * 3_600_000;

/** The ISO date an instant falls on in Thailand: "today" for the office, whatever the server's zone. */
export function bangkokDate(instant: Date): string {
  return new Date(instant.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}
