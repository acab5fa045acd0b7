import { describe, expect, it } from "vitest";
import { parseMoney } from "../../../functions/src/domain/normalise-money.ts";
import { formatBaht } from "../../../functions/src/domain/thai-format.ts";
import { type Expect, outcome } from "./cases.ts";

describe("parseMoney (integer satang)", () => {
  const cases: [unknown, Expect<number | undefined>][] = [
    [272500, { value: 27_250_000 }],
    ["272,500", { value: 27_250_000 }],
    ["272,500 บาท", { value: 27_250_000 }],
    ["272,500บาท", { value: 27_250_000 }],
    ["๒๗๒,๕๐๐", { value: 27_250_000 }],
    ["๒๗๒,๕๐๐ บาท", { value: 27_250_000 }],
    ["฿1,250.50", { value: 125_050 }],
    ["1250.5", { value: 125_050 }],
    ["1,250.50 THB", { value: 125_050 }],
    ["1,250.-", { value: 125_000 }],
    ["0.10", { value: 10 }],
    ["1.100", { value: 110 }],
    ["'45,000", { value: 4_500_000 }],
    ["45\u00A0000", { value: 4_500_000 }],
    [0.1 + 0.2, { value: 30 }], // a float's drift does not leak into satang
    [1234.56, { value: 123_456 }],
    [0, { value: 0 }],
    ["", { value: undefined }],
    [null, { value: undefined }],
    ["-", { value: undefined }],
    ["-500", { error: "MONEY_NEGATIVE" }],
    ["(500)", { error: "MONEY_NEGATIVE" }],
    [-1, { error: "MONEY_NEGATIVE" }],
    ["1.234", { error: "MONEY_TOO_PRECISE" }],
    [1.234, { error: "MONEY_TOO_PRECISE" }],
    ["12,34", { error: "MONEY_INVALID" }],
    ["หนึ่งพัน", { error: "MONEY_INVALID" }],
    [Number.NaN, { error: "MONEY_INVALID" }],
    [Number.POSITIVE_INFINITY, { error: "MONEY_INVALID" }],
    ["1e5", { error: "MONEY_INVALID" }],
    ["99999999999999", { error: "MONEY_TOO_LARGE" }],
    [true, { error: "MONEY_INVALID" }],
  ];
  it.each(cases)("%j → %j", (input, expected) => {
    expect(outcome(parseMoney(input as never))).toEqual(expected);
  });

  const formats: [number, string][] = [
    [27_250_000, "272,500"],
    [125_050, "1,250.50"],
    [5, "0.05"],
    [0, "0"],
    [100_000_000_000, "1,000,000,000"],
  ];
  it.each(formats)("formatBaht(%d) = %s", (satang, text) => {
    expect(formatBaht(satang)).toBe(text);
  });
});
