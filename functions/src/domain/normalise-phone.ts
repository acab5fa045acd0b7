// Thai phone numbers: mobiles (06/08/09 + 8 digits) and landlines (02–07 + 7 digits), written with
// dashes, spaces, +66, or as a number whose leading 0 the spreadsheet dropped.
import { cleanToken } from "./clean-text.ts";
import { error, fail, ok, type Parsed, type Problem, warning } from "./issues.ts";
import type { RawCell } from "./raw-workbook.ts";

const invalid = (text: string) =>
  error(
    "PHONE_INVALID",
    `"${text}" ไม่ใช่เบอร์โทรศัพท์ไทย: มือถือ 10 หลัก เช่น 081-234-5678 หรือโทรศัพท์บ้าน 9 หลัก เช่น 053-112-233`,
    `"${text}" is not a Thai phone number: a 10-digit mobile, e.g. 081-234-5678, or a 9-digit landline, e.g. 053-112-233`,
  );

// The common case, already clean: 0812345678 or 053112233.
const PLAIN_DIGITS = /^0[689]\d{8}$|^0[2-7]\d{7}$/;

/** Parses a phone number to its display form; `undefined` when blank. */
export function parsePhone(cell: RawCell): Parsed<string | undefined> {
  if (typeof cell === "boolean" || cell instanceof Date) return fail(invalid(cleanToken(cell)));
  const original = cleanToken(cell);
  if (original === "" || original === "-") return ok(undefined);
  if (typeof cell === "string" && PLAIN_DIGITS.test(original)) return ok(formatPhone(original));
  let extension = "";
  let text = original.replace(/\s*(ต่อ|ext\.?|x)\s*(\d{1,5})$/i, (_, _w, ext: string) => {
    extension = ext;
    return "";
  });
  text = text.replace(/^(โทร\.?|tel\.?|phone)\s*:?\s*/i, "").replace(/[\s\-().]/g, "");
  if (text.startsWith("+66")) text = `0${text.slice(3)}`;
  else if (/^66\d{8,9}$/.test(text)) text = `0${text.slice(2)}`;
  if (!/^\d+$/.test(text)) return fail(invalid(original));
  let warnings: Problem[] | undefined;
  if (typeof cell === "number" && /^[2-9]\d{7,8}$/.test(text)) {
    text = `0${text}`;
    warnings = [
      warning(
        "PHONE_LEADING_ZERO_RESTORED",
        `เลข 0 นำหน้าหายไปเพราะเซลล์เป็นตัวเลข จึงเติมกลับเป็น ${formatPhone(text)}; ควรตั้งเซลล์เป็นข้อความ`,
        `The leading 0 was lost because the cell is a number; restored as ${formatPhone(text)}; format the cell as text`,
      ),
    ];
  }
  if (!/^0[689]\d{8}$|^0[2-7]\d{7}$/.test(text)) return fail(invalid(original));
  const formatted = formatPhone(text);
  return ok(extension ? `${formatted} ต่อ ${extension}` : formatted, warnings);
}

/** 081-234-5678, 02-123-4567, 053-112-233. */
export function formatPhone(digits: string): string {
  if (digits.length === 10) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  if (digits.startsWith("02")) return `${digits.slice(0, 2)}-${digits.slice(2, 5)}-${digits.slice(5)}`;
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
}
