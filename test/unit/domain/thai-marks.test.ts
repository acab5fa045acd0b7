// Thai spellings that look the same on screen compare the same: ำ = ํ + า, marks in any typed order,
// a mark typed twice; text that differs on screen still differs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalThai } from "../../../functions/src/domain/thai-marks.ts";

const SARA_AM = "\u0E33";
const NIKHAHIT_AA = "\u0E4D\u0E32";
const MAI_THO = "\u0E49";
const MAI_EK = "\u0E48";
const SARA_II = "\u0E35";
const SARA_U = "\u0E38";

describe("canonicalThai", () => {
  it.each([
    ["ำ typed as ํ + า", `น${MAI_THO}${NIKHAHIT_AA}`, "น้ำ"],
    ["ํ typed before the tone", `น\u0E4D${MAI_THO}\u0E32`, "น้ำ"],
    ["the tone typed after ำ", `น${SARA_AM}${MAI_THO}`, "น้ำ"],
    ["tone before the upper vowel", `ท${MAI_EK}${SARA_II}`, "ที่"],
    ["tone before the lower vowel", `ป${MAI_EK}${SARA_U}`, "ปุ่"],
    ["thanthakhat before the vowel", "สิทธ\u0E4C\u0E34", "สิทธิ์"],
    ["a tone typed twice", `ผ${MAI_THO}${MAI_THO}า`, "ผ้า"],
    ["decomposed Latin (NFC)", "Cafe\u0301 ผ้า", "Café ผ้า"],
    ["อำเภอ with its ำ spelled out", `อ${NIKHAHIT_AA}เภอ`, "อำเภอ"],
  ])("%s", (_, typed, canonical) => {
    expect(canonicalThai(typed)).toBe(canonical);
    expect(canonicalThai(canonical)).toBe(canonical);
  });

  it("leaves different words different", () => {
    expect(canonicalThai("ไก่")).not.toBe(canonicalThai("ไข่"));
    expect(canonicalThai("นำ")).not.toBe(canonicalThai("น้ำ"));
    expect(canonicalThai("สันกำแพ")).not.toBe(canonicalThai("สันกำแพง"));
  });

  it("gives one form for every order the marks above and below one consonant can be typed in", () => {
    const marks = fc.subarray(["\u0E38", "\u0E34", "\u0E48", "\u0E4C"], { minLength: 1 });
    fc.assert(
      fc.property(marks, fc.integer({ min: 0, max: 23 }), (chosen, seed) => {
        const shuffled = [...chosen].sort(
          (a, b) => ((a.charCodeAt(0) * (seed + 7)) % 13) - ((b.charCodeAt(0) * (seed + 7)) % 13),
        );
        expect(canonicalThai(`ก${shuffled.join("")}า`)).toBe(canonicalThai(`ก${chosen.join("")}า`));
      }),
    );
  });
});
