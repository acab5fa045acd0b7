// The error-code registry: every code speaks Thai and English, has a status entry points can answer
// with, and only our own faults answer 500 or exit 3.
import { describe, expect, it } from "vitest";
import { AppError } from "../../functions/src/app-error.ts";
import {
  ERROR_CODES,
  type ErrorCode,
  EXIT,
  errorText,
  exitCodeOf,
  httpStatusOf,
  isErrorCode,
} from "../../functions/src/error-codes.ts";

const codes = Object.keys(ERROR_CODES) as ErrorCode[];

describe("error codes", () => {
  it.each(codes)("%s: SCREAMING_SNAKE, an HTTP status, Thai and English text", (code) => {
    expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
    const spec = ERROR_CODES[code];
    expect([400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 502, 503]).toContain(spec.status);
    expect(spec.th).toMatch(/[\u0E00-\u0E7F]/);
    expect(spec.en).toMatch(/[a-z]/);
  });

  it.each<[ErrorCode, number, number]>([
    ["BAD_REQUEST", 400, EXIT.unusableInput],
    ["MAIL_NO_RECIPIENTS", 422, EXIT.unusableInput],
    ["DELETES_NEED_CONFIRMATION", 409, EXIT.unusableInput],
    ["SHEETS_UNAVAILABLE", 503, EXIT.unusableInput],
    ["FIRESTORE_UNAVAILABLE", 503, EXIT.unusableInput],
    ["CONFIG_INVALID", 500, EXIT.unusableInput],
    ["INTERNAL", 500, EXIT.internal],
    ["PDF_RENDER_FAILED", 500, EXIT.internal],
  ])("%s → HTTP %i, exit %i", (code, status, exit) => {
    expect(httpStatusOf(code)).toBe(status);
    expect(exitCodeOf(code)).toBe(exit);
  });

  it("a 500 is only ever a fault of ours, never the caller's data", () => {
    const callerData = ["MAIL_NO_RECIPIENTS", "UNSUPPORTED_TAB", "BAD_REQUEST", "MEETING_NOT_FOUND"] as const;
    for (const code of callerData) expect(httpStatusOf(code)).toBeLessThan(500);
  });

  it("a code's text is Thai / English; an AppError carries its own message and its code", () => {
    expect(errorText("RATE_LIMITED")).toBe("ส่งคำขอถี่เกินไป / too many requests");
    const e = new AppError("RATE_LIMITED", "retry after 3 s");
    expect([e.message, e.code]).toEqual(["retry after 3 s", "RATE_LIMITED"]);
    expect(isErrorCode("RATE_LIMITED")).toBe(true);
    expect(isErrorCode("HTTP_500")).toBe(false);
    expect(isErrorCode("toString")).toBe(false);
  });
});
