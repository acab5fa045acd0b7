// How staff read dates, money and digits in what we print (reports, summaries, e-mails): Buddhist-era
// dates, baht and Thai digits. Reading them back from cells is the normalisers' (normalise-*.ts).
import { BE_OFFSET } from "./closed-sets.ts";
import { THAI_MONTHS } from "./thai-date.ts";

/** Sunday first, as Date.getUTCDay() counts. */
const THAI_WEEKDAYS = ["อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์"] as const;

const partsOf = (iso: string) => iso.split("-").map(Number) as [number, number, number];

/** "13 มกราคม 2563", or with the weekday "วันจันทร์ที่ 13 มกราคม 2563". */
export function thaiLongDate(iso: string, options: { weekday?: boolean } = {}): string {
  const [year, month, day] = partsOf(iso);
  const date = `${day} ${THAI_MONTHS[month - 1]} ${year + BE_OFFSET}`;
  if (!options.weekday) return date;
  return `วัน${THAI_WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]}ที่ ${date}`;
}

/** "13/01/2563", the form staff type. */
export function thaiShortDate(iso: string): string {
  const [year, month, day] = partsOf(iso);
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year + BE_OFFSET}`;
}

const GROUPED = /\B(?=(\d{3})+(?!\d))/g;

/** "272,500" or "1,250.50": Thai-formatted baht, as staff read them. */
export function formatBaht(satang: number): string {
  const whole = Math.floor(satang / 100);
  const rest = satang % 100;
  const grouped = String(whole).replace(GROUPED, ",");
  return rest === 0 ? grouped : `${grouped}.${String(rest).padStart(2, "0")}`;
}

/** Replaces every Arabic digit with its Thai digit (๐–๙). */
export function toThaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
}
