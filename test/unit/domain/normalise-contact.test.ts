import { describe, expect, it } from "vitest";
import { parseEmails } from "../../../functions/src/domain/normalise-emails.ts";
import { parsePhone } from "../../../functions/src/domain/normalise-phone.ts";
import { type Expect, outcome } from "./cases.ts";

describe("parsePhone", () => {
  const cases: [unknown, Expect<string | undefined>][] = [
    ["0812345678", { value: "081-234-5678" }],
    ["081-234-5678", { value: "081-234-5678" }],
    ["081 234 5678", { value: "081-234-5678" }],
    ["'0812345678", { value: "081-234-5678" }],
    ["๐๘๑๒๓๔๕๖๗๘", { value: "081-234-5678" }],
    ["+66 81 234 5678", { value: "081-234-5678" }],
    ["66812345678", { value: "081-234-5678" }],
    ["053-112-233", { value: "053-112-233" }],
    ["(053) 112233", { value: "053-112-233" }],
    ["02-123-4567", { value: "02-123-4567" }],
    ["053-112-233 ต่อ 12", { value: "053-112-233 ต่อ 12" }],
    ["โทร. 0812345678", { value: "081-234-5678" }],
    [812345678, { value: "081-234-5678", warn: "PHONE_LEADING_ZERO_RESTORED" }],
    [53112233, { value: "053-112-233", warn: "PHONE_LEADING_ZERO_RESTORED" }],
    ["", { value: undefined }],
    ["-", { value: undefined }],
    ["12345", { error: "PHONE_INVALID" }],
    ["0112345678", { error: "PHONE_INVALID" }],
    ["08123456789", { error: "PHONE_INVALID" }],
    ["โทรหาผู้ใหญ่บ้าน", { error: "PHONE_INVALID" }],
    [true, { error: "PHONE_INVALID" }],
  ];
  it.each(cases)("%j → %j", (input, expected) => {
    expect(outcome(parsePhone(input as never))).toEqual(expected);
  });
});

describe("parseEmails", () => {
  const cases: [unknown, Expect<string[]>][] = [
    ["a@example.go.th", { value: ["a@example.go.th"] }],
    ["a@example.go.th, b@example.org", { value: ["a@example.go.th", "b@example.org"] }],
    [
      "a@example.go.th;b@example.org\nc@example.org",
      { value: ["a@example.go.th", "b@example.org", "c@example.org"] },
    ],
    ["A@Example.ORG", { value: ["a@example.org"] }],
    ["สมชาย <somchai@example.go.th>", { value: ["somchai@example.go.th"] }],
    ["mailto:a@example.org", { value: ["a@example.org"] }],
    ["a@example.org, a@example.org", { value: ["a@example.org"], warn: "EMAIL_DUPLICATE" }],
    ["", { value: [] }],
    [null, { value: [] }],
    // A bad address never blocks the meeting: it is a warning naming it, the good ones are kept.
    ["a@example", { value: [], warn: "EMAIL_INVALID" }],
    ["a@@example.org", { value: [], warn: "EMAIL_INVALID" }],
    ["a..b@example.org", { value: [], warn: "EMAIL_INVALID" }],
    ["สมชาย", { value: [], warn: "EMAIL_INVALID" }],
    ["a@example.org, ไม่มี", { value: ["a@example.org"], warn: "EMAIL_INVALID" }],
    ["boss@example.org, boss@exmaple", { value: ["boss@example.org"], warn: "EMAIL_INVALID" }],
  ];
  it.each(cases)("%j → %j", (input, expected) => {
    expect(outcome(parseEmails(input as never))).toEqual(expected);
  });

  it("names every bad address in both languages", () => {
    const parsed = parseEmails("boss@example.org, manager@exmaple, สมชาย");
    expect(parsed.ok && parsed.value).toEqual(["boss@example.org"]);
    const w = parsed.ok ? parsed.warnings.find((x) => x.code === "EMAIL_INVALID") : undefined;
    expect(w?.th).toContain("manager@exmaple, สมชาย");
    expect(w?.en).toContain("manager@exmaple, สมชาย");
    expect(w?.th).not.toContain("boss@example.org");
  });
});
