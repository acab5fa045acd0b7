import { describe, expect, it } from "vitest";
import {
  cleanText,
  cleanToken,
  hasHiddenControls,
  toArabicDigits,
} from "../../../functions/src/domain/clean-text.ts";
import { toThaiDigits } from "../../../functions/src/domain/thai-format.ts";

describe("cleanText", () => {
  const cases: [string, string, boolean?][] = [
    ["  ผ้าฝ้าย  ทอมือ ", "ผ้าฝ้าย ทอมือ"],
    ["ผ้า\u00A0ฝ้าย", "ผ้า ฝ้าย"],
    ["ผ้า\u200Bฝ้าย", "ผ้าฝ้าย"],
    ["\uFEFFกลุ่ม", "กลุ่ม"],
    ["ＫＢＯ　๒๕๖๓", "KBO ๒๕๖๓"],
    ["น้ำพริกหนุ่ม", "น้ำพริกหนุ่ม"], // ำ must survive (NFKC would split it)
    ["บรรทัด 1\r\nบรรทัด  2", "บรรทัด 1 บรรทัด 2"],
    ["บรรทัด 1\r\nบรรทัด  2", "บรรทัด 1\nบรรทัด 2", true],
    ["abc\u202Edef", "abcdef"],
    ["tab\there", "tab here"],
    ["a\u0007b", "ab"],
    ["ผ้าทอ 👩\u200D👩\u200D👧", "ผ้าทอ 👩\u200D👩\u200D👧"], // emoji joiners survive
    ["👍🏽\u200D👍", "👍🏽\u200D👍"],
    ["ผ้า\u200Dทอ", "ผ้าทอ"], // a joiner between letters is invisible noise
    ["ผ้า\uD800ทอ", "ผ้าทอ"], // a lone surrogate half would reach Firestore as U+FFFD
    ["a\uDC00b", "ab"],
    ["😀", "😀"],
  ];
  it.each(cases)("%j → %j", (input, expected, multiline) => {
    expect(cleanText(input, multiline)).toBe(expected);
  });

  it("keeps ำ as one code point", () => {
    expect([...cleanText("ทำ น้ำ")].filter((c) => c === "\u0E33")).toHaveLength(2);
  });
});

describe("hasHiddenControls", () => {
  it.each([
    ["ผ้า\uD800ทอ", true],
    ["ผ้าทอ 😀", false],
    ["ผ้า\u202Eทอ", true],
  ])("%j → %s", (text, hidden) => {
    expect(hasHiddenControls(text)).toBe(hidden);
  });
});

describe("cleanToken", () => {
  const cases: [unknown, string][] = [
    ["'0812345678", "0812345678"],
    ["๒๕๖๓", "2563"],
    ["๒๗๒,๕๐๐ บาท", "272,500 บาท"],
    [2563, "2563"],
    [null, ""],
    [new Date(Date.UTC(2020, 0, 13)), "2020-01-13"],
    ["２５６３", "2563"],
    ["๒5๖3", "2563"],
  ];
  it.each(cases)("%j → %j", (input, expected) => {
    expect(cleanToken(input as never)).toBe(expected);
  });
});

describe("Thai digits", () => {
  it("converts both ways", () => {
    expect(toArabicDigits("๐๑๒๓๔๕๖๗๘๙")).toBe("0123456789");
    expect(toThaiDigits("ครั้งที่ 1/2563")).toBe("ครั้งที่ ๑/๒๕๖๓");
  });
  it("detects hidden controls", () => {
    expect(hasHiddenControls("ok")).toBe(false);
    expect(hasHiddenControls("x\u202Ey")).toBe(true);
    expect(hasHiddenControls("x\u202Ey")).toBe(true); // no lastIndex state between calls
  });
});
