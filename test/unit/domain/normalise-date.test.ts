import { describe, expect, it } from "vitest";
import {
  excelSerialToIso,
  isoToExcelSerial,
  parseDate,
} from "../../../functions/src/domain/normalise-date.ts";
import { parseTime } from "../../../functions/src/domain/normalise-time.ts";
import { thaiLongDate, thaiShortDate } from "../../../functions/src/domain/thai-format.ts";
import { type Expect, outcome, RANGE } from "./cases.ts";

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe("parseDate", () => {
  const cases: [unknown, Expect<string>][] = [
    [utc(2020, 1, 13), { value: "2020-01-13" }],
    [utc(2563, 1, 13), { value: "2020-01-13", warn: "DATE_CELL_BE_YEAR" }],
    [43843, { value: "2020-01-13" }], // Excel serial
    [43843.75, { value: "2020-01-13" }], // serial with a time part
    ["13/01/2563", { value: "2020-01-13" }],
    ["13/1/2563", { value: "2020-01-13" }],
    ["๑๓/๐๑/๒๕๖๓", { value: "2020-01-13" }],
    ["13-01-2563", { value: "2020-01-13" }],
    ["13.01.2563", { value: "2020-01-13" }],
    ["13/01/63", { value: "2020-01-13" }],
    ["13 มกราคม 2563", { value: "2020-01-13" }],
    ["13 มกราคม พ.ศ. 2563", { value: "2020-01-13" }],
    ["วันจันทร์ที่ 13 มกราคม 2563", { value: "2020-01-13" }],
    ["13 ม.ค. 63", { value: "2020-01-13" }],
    ["13 ม.ค. 2563", { value: "2020-01-13" }],
    ["13 มค 63", { value: "2020-01-13" }],
    ["๑๓ ม.ค. ๖๓", { value: "2020-01-13" }],
    ["1 ต.ค. 2562", { value: "2019-10-01" }],
    ["31 ธันวาคม 2562", { value: "2019-12-31" }],
    ["2020-01-13", { value: "2020-01-13" }],
    ["2020-01-13T00:00:00.000Z", { value: "2020-01-13" }],
    ["2563-01-13", { value: "2020-01-13" }],
    ["13 Jan 2020", { value: "2020-01-13", warn: "DATE_GREGORIAN_YEAR" }],
    ["13/01/2020", { value: "2020-01-13", warn: "DATE_GREGORIAN_YEAR" }],
    // 29 February counted in BE: 2563 BE = 2020 CE is a leap year, 2562 BE = 2019 CE is not.
    ["29/02/2563", { value: "2020-02-29" }],
    ["29 กุมภาพันธ์ 2567", { value: "2024-02-29" }],
    ["29/02/2562", { error: "DATE_INVALID_DAY" }],
    ["29/02/2566", { error: "DATE_INVALID_DAY" }],
    ["31/04/2563", { error: "DATE_INVALID_DAY" }],
    ["32/01/2563", { error: "DATE_INVALID_DAY" }],
    ["01/13/2563", { error: "DATE_INVALID_MONTH" }],
    ["13/01/2600", { error: "YEAR_OUT_OF_RANGE" }],
    ["13/01/2500", { error: "YEAR_OUT_OF_RANGE" }],
    ["13 มกรา 2563", { error: "DATE_INVALID" }],
    ["พรุ่งนี้", { error: "DATE_INVALID" }],
    ["", { error: "DATE_INVALID" }],
    [-5, { error: "DATE_INVALID" }],
    [Number.NaN, { error: "DATE_INVALID" }],
    [new Date(Number.NaN), { error: "DATE_INVALID" }],
  ];
  it.each(cases)("%j → %j", (input, expected) => {
    expect(outcome(parseDate(input as never, RANGE))).toEqual(expected);
  });

  it("explains a 29 February of a non-leap BE year", () => {
    const r = parseDate("29/02/2562", RANGE);
    expect(!r.ok && r.problem.th).toContain("ไม่ใช่ปีอธิกสุรทิน");
  });

  it("round-trips Excel serials", () => {
    for (const iso of ["2001-01-01", "2020-02-29", "2020-01-13", "2026-12-31"]) {
      expect(excelSerialToIso(isoToExcelSerial(iso))).toBe(iso);
    }
    expect(isoToExcelSerial("2020-01-13")).toBe(43843);
  });
});

describe("Thai date formatting", () => {
  it("gives the weekday and the BE year of meeting 1/2563", () => {
    expect(thaiLongDate("2020-01-13", { weekday: true })).toBe("วันจันทร์ที่ 13 มกราคม 2563");
    expect(thaiLongDate("2024-02-29")).toBe("29 กุมภาพันธ์ 2567");
    expect(thaiShortDate("2020-01-13")).toBe("13/01/2563");
  });
});

describe("parseTime", () => {
  const cases: [unknown, Expect<string | undefined>][] = [
    ["09.30 น.", { value: "09:30" }],
    ["9.30 น.", { value: "09:30" }],
    ["9:30", { value: "09:30" }],
    ["09:30", { value: "09:30" }],
    ["๐๙.๓๐ น.", { value: "09:30" }],
    ["13.00", { value: "13:00" }],
    ["12.00 น", { value: "12:00" }],
    ["เวลา 10.00 นาฬิกา", { value: "10:00" }],
    ["9 น.", { value: "09:00" }],
    ["1:30 pm", { value: "13:30" }],
    ["12:15 am", { value: "00:15" }],
    ["09:30:00", { value: "09:30" }],
    [0.395833333, { value: "09:30" }], // a sheet time value
    [9.3, { value: "09:30" }], // "9.30" kept as a number
    [13.45, { value: "13:45" }],
    [new Date(Date.UTC(1899, 11, 30, 9, 30)), { value: "09:30" }],
    ["", { value: undefined }],
    ["25.00", { error: "TIME_INVALID" }],
    ["9.75", { error: "TIME_INVALID" }],
    ["เช้า", { error: "TIME_INVALID" }],
    [-1, { error: "TIME_INVALID" }],
    ["13 pm", { error: "TIME_INVALID" }],
  ];
  it.each(cases)("%j → %j", (input, expected) => {
    expect(outcome(parseTime(input as never))).toEqual(expected);
  });
});
