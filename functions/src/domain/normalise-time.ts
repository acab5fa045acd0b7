// Times of day as staff write them: "09.30 น.", "9:30", "13.00", a sheet time value, a day fraction.
// The result is "HH:MM".
import { cleanToken } from "./clean-text.ts";
import { error, fail, ok, type Parsed } from "./issues.ts";
import type { RawCell } from "./raw-workbook.ts";

const invalid = (text: string) =>
  error(
    "TIME_INVALID",
    `"${text}" ไม่ใช่เวลาที่อ่านได้: ใส่เป็น ชั่วโมง.นาที เช่น 09.30 น. หรือ 13:00`,
    `"${text}" is not a time: enter hours.minutes, e.g. 09.30 น. or 13:00`,
  );

const hhmm = (h: number, m: number) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;

function build(h: number, m: number, text: string): Parsed<string> {
  if (!Number.isInteger(h) || !Number.isInteger(m) || h < 0 || h > 23 || m < 0 || m > 59) {
    return fail(invalid(text));
  }
  return ok(hhmm(h, m));
}

/** Parses a time; `undefined` when blank. */
export function parseTime(cell: RawCell): Parsed<string | undefined> {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return fail(invalid("?"));
    return build(cell.getUTCHours(), cell.getUTCMinutes(), cell.toISOString());
  }
  if (typeof cell === "number") {
    if (!Number.isFinite(cell) || cell < 0) return fail(invalid(String(cell)));
    if (cell < 1) {
      // A sheet time value: the fraction of a day.
      const minutes = Math.round(cell * 1440) % 1440;
      return build(Math.floor(minutes / 60), minutes % 60, String(cell));
    }
    // 9.3 is what a sheet keeps of "9.30": the decimals are minutes.
    const [h, frac = ""] = String(cell).split(".");
    return build(Number(h), Number(frac.padEnd(2, "0")), String(cell));
  }
  const original = cleanToken(cell);
  const text = original
    .replace(/\s*(น\.?|นาฬิกา|hrs?\.?|h)$/i, "")
    .replace(/^เวลา\s*/, "")
    .trim();
  if (text === "") return ok(undefined);
  let m = /^(\d{1,2})\s*[.:]\s*(\d{2})(?:[.:]\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?$/i.exec(text);
  if (!m) m = /^(\d{1,2})()\s*(am|pm)?$/i.exec(text);
  if (!m) return fail(invalid(original));
  let h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  const meridiem = m[3]?.toLowerCase().replace(/\./g, "");
  if (meridiem) {
    if (h < 1 || h > 12) return fail(invalid(original));
    h = (h % 12) + (meridiem === "pm" ? 12 : 0);
  }
  return build(h, min, original);
}

/** "09.30 น.", the Thai official form. */
export function formatTime(hhmmText: string): string {
  return `${hhmmText.replace(":", ".")} น.`;
}

export const minutesOf = (hhmmText: string): number => {
  const [h, m] = hhmmText.split(":").map(Number);
  return h! * 60 + m!;
};
