// Meeting vocabulary: meeting numbers "N/BE-year" (e.g. 1/2563), agenda item numbers ("1", "4.1")
// and attendance kinds.

import { cellText, cleanText, cleanToken } from "./clean-text.ts";
import { ATTENDANCE_LABELS, type AttendanceKind, FIRST_PROGRAMME_YEAR_BE } from "./closed-sets.ts";
import { matchKey } from "./fuzzy-match.ts";
import { error, fail, ok, type Parsed, type Problem, warning } from "./issues.ts";
import { memoByText } from "./memo.ts";
import type { YearRange } from "./normalise-year.ts";
import type { RawCell } from "./raw-workbook.ts";

export interface MeetingNumber {
  seq: number;
  yearBE: number;
  /** "1/2563" */
  text: string;
}

const numberInvalid = (text: string) =>
  error(
    "MEETING_NUMBER_INVALID",
    `"${text}" ไม่ใช่ครั้งที่ของการประชุม: ใส่เป็น ครั้งที่/ปี พ.ศ. เช่น 1/2563`,
    `"${text}" is not a meeting number: write number/Buddhist-era year, e.g. 1/2563`,
  );

export function parseMeetingNumber(cell: RawCell, range: YearRange): Parsed<MeetingNumber> {
  if (cell instanceof Date) {
    // Sheets turns "1/2563" typed into an unformatted cell into a date.
    return fail(
      error(
        "MEETING_NUMBER_BECAME_DATE",
        "ครั้งที่ถูกแปลงเป็นวันที่โดยสเปรดชีต: ตั้งรูปแบบเซลล์เป็นข้อความ (หรือพิมพ์ ' นำหน้า) แล้วใส่ใหม่ เช่น 1/2563",
        "The spreadsheet turned the meeting number into a date: format the cell as plain text (or type ' first) and enter it again, e.g. 1/2563",
      ),
    );
  }
  const original = cleanToken(cell);
  if (original === "")
    return fail(error("REQUIRED", "ต้องระบุครั้งที่ เช่น 1/2563", "A meeting number is required, e.g. 1/2563"));
  const text = original.replace(/^ครั้งที่\s*/, "").replace(/\s+/g, "");
  const m = /^0*([1-9]\d{0,3})\/(\d{4}|\d{2})$/.exec(text);
  if (!m) return fail(numberInvalid(original));
  const seq = Number(m[1]);
  const warnings: Problem[] = [];
  let yearBE = Number(m[2]);
  if (m[2]!.length === 2) {
    yearBE += 2500;
    warnings.push(
      warning(
        "MEETING_YEAR_SHORT",
        `ปีแบบย่อ อ่านเป็น ${seq}/${yearBE}; ควรใส่ปีเต็ม`,
        `Short year read as ${seq}/${yearBE}; write the full year`,
      ),
    );
  } else if (yearBE < 2300) {
    return fail(
      error(
        "MEETING_NUMBER_GREGORIAN",
        `ปีในครั้งที่ต้องเป็น พ.ศ.: ${seq}/${yearBE + 543} ไม่ใช่ ${seq}/${yearBE}`,
        `The year of a meeting number is Buddhist-era: ${seq}/${yearBE + 543}, not ${seq}/${yearBE}`,
      ),
    );
  }
  if (yearBE < FIRST_PROGRAMME_YEAR_BE || yearBE > range.currentYearBE + 1) {
    return fail(
      error(
        "MEETING_YEAR_OUT_OF_RANGE",
        `ปีของครั้งที่ ${seq}/${yearBE} อยู่นอกช่วง ${FIRST_PROGRAMME_YEAR_BE}–${range.currentYearBE + 1}`,
        `The year of meeting ${seq}/${yearBE} is outside ${FIRST_PROGRAMME_YEAR_BE}–${range.currentYearBE + 1}`,
      ),
    );
  }
  return ok({ seq, yearBE, text: `${seq}/${yearBE}` }, warnings);
}

export function parseAgendaItem(cell: RawCell): Parsed<string> {
  const original = cleanToken(cell);
  if (original === "")
    return fail(
      error("REQUIRED", "ต้องระบุวาระที่ เช่น 1 หรือ 4.1", "An agenda item number is required, e.g. 1 or 4.1"),
    );
  const text = original.replace(/^วาระ(ที่)?\s*/, "").replace(/\s+/g, "");
  if (!/^\d{1,3}(\.\d{1,3}){0,3}$/.test(text)) {
    return fail(
      error(
        "AGENDA_ITEM_INVALID",
        `"${original}" ไม่ใช่เลขวาระ: ใส่ตัวเลข เช่น 1, 3 หรือ 4.1`,
        `"${original}" is not an agenda item number: enter e.g. 1, 3 or 4.1`,
      ),
    );
  }
  // "04.1" is item 4.1: leading zeros dropped.
  return ok(text.replace(/\d+/g, (n) => String(Number(n))));
}

const ATTENDANCE_WORDS: Record<AttendanceKind, string[]> = {
  present: ["มาประชุม", "มา", "present", "ผู้มาประชุม", "เข้าประชุม"],
  absent: ["ไม่มาประชุม", "ไม่มา", "absent", "ผู้ไม่มาประชุม", "ลา", "ลาประชุม"],
  in_attendance: ["ผู้เข้าร่วมประชุม", "เข้าร่วมประชุม", "in attendance", "in_attendance", "attending", "ผู้เข้าร่วม"],
};
const ATTENDANCE_BY_KEY = new Map<string, AttendanceKind>();
for (const [kind, words] of Object.entries(ATTENDANCE_WORDS) as [AttendanceKind, string[]][]) {
  for (const w of words) ATTENDANCE_BY_KEY.set(matchKey(w), kind);
}

function parseAttendanceUncached(cell: RawCell): Parsed<AttendanceKind> {
  const text = cleanText(cellText(cell));
  const labels = Object.values(ATTENDANCE_LABELS);
  if (text === "") {
    return fail(
      error(
        "REQUIRED",
        `ต้องระบุการเข้าประชุม: ${labels.map((l) => l.th).join(" / ")}`,
        `Attendance is required: ${labels.map((l) => `${l.th} (${l.en})`).join(", ")}`,
      ),
    );
  }
  const kind = ATTENDANCE_BY_KEY.get(matchKey(text));
  if (kind) return ok(kind);
  return fail(
    error(
      "ATTENDANCE_UNKNOWN",
      `"${text}" ไม่ใช่การเข้าประชุมที่รู้จัก: เลือก ${labels.map((l) => l.th).join(" / ")}`,
      `"${text}" is not an attendance kind: use ${labels.map((l) => `${l.th} (${l.en})`).join(", ")}`,
    ),
  );
}

export const parseAttendance = memoByText(parseAttendanceUncached);
