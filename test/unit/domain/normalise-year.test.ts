import { describe, expect, it } from "vitest";
import { parseYear } from "../../../functions/src/domain/normalise-year.ts";
import { type Expect, outcome, RANGE } from "./cases.ts";

describe("parseYear", () => {
  const cases: [unknown, Expect<number>][] = [
    [2563, { value: 2563 }],
    ["2563", { value: 2563 }],
    ["๒๕๖๓", { value: 2563 }],
    ["พ.ศ. 2563", { value: 2563 }],
    ["ปี 2562", { value: 2562 }],
    ["'2563", { value: 2563 }],
    [" 2563 ", { value: 2563 }],
    ["２５６３", { value: 2563 }],
    [2544, { value: 2544 }],
    [2570, { value: 2570 }], // next year
    [2571, { error: "YEAR_OUT_OF_RANGE" }],
    [2543, { error: "YEAR_OUT_OF_RANGE" }],
    [2020, { value: 2563, warn: "YEAR_GREGORIAN_CONVERTED" }],
    ["2019", { value: 2562, warn: "YEAR_GREGORIAN_CONVERTED" }],
    ["ค.ศ. 2020", { value: 2563, warn: "YEAR_GREGORIAN_CONVERTED" }],
    [1999, { error: "YEAR_OUT_OF_RANGE" }], // 2542 BE, before OTOP
    ["63", { value: 2563, warn: "YEAR_SHORT_EXPANDED" }],
    [2563.5, { error: "YEAR_INVALID" }],
    ["สองพันห้าร้อย", { error: "YEAR_INVALID" }],
    ["25630", { error: "YEAR_INVALID" }],
    ["", { error: "YEAR_INVALID" }],
    [null, { error: "YEAR_INVALID" }],
    [new Date(), { error: "YEAR_INVALID" }],
    [true, { error: "YEAR_INVALID" }],
  ];
  it.each(cases)("%j → %j", (input, expected) => {
    expect(outcome(parseYear(input as never, RANGE))).toEqual(expected);
  });

  it("says in Thai that the year must be Buddhist-era, with an example", () => {
    const r = parseYear("abc", RANGE);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.th).toContain("พ.ศ.");
      expect(r.problem.th).toMatch(/เช่น 2563/);
      expect(r.problem.en).toMatch(/Buddhist-era/);
    }
  });
});
