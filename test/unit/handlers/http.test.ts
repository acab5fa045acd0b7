// The JSON wrapper's answers when the function fails: an AppError with its code's status and its own
// message; anything else 500 INTERNAL with the registry's Thai / English text, and the error logged.
import type { Request, Response } from "@google-cloud/functions-framework";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { createLogger } from "../../../functions/src/adapters/log/logger.ts";
import { AppError } from "../../../functions/src/app-error.ts";
import { jsonHandler } from "../../../functions/src/handlers/http.ts";

async function answerOf(fail: () => never) {
  const lines: { severity: string; message: string }[] = [];
  const handler = jsonHandler(
    {
      schema: z.object({ requestId: z.string() }),
      verifyCaller: async () => ({ email: "staff@example.org" }),
      log: createLogger({ sink: (line) => lines.push(JSON.parse(line)) }),
    },
    async () => fail(),
  );
  const answer: { status?: number; body?: unknown } = {};
  const res = {
    status(code: number) {
      answer.status = code;
      return res;
    },
    json(body: unknown) {
      answer.body = body;
      return res;
    },
    set: () => res,
  };
  const req = { method: "POST", headers: {}, body: { requestId: "test-request-1" } };
  await handler(req as unknown as Request, res as unknown as Response);
  return { ...answer, logged: lines.map((l) => `${l.severity} ${l.message}`) };
}

describe("jsonHandler, when the function fails", () => {
  it("answers an AppError with its code's status and its own message", async () => {
    const got = await answerOf(() => {
      throw new AppError("MEETING_NOT_FOUND", "ไม่พบการประชุม 9/2568 / meeting 9/2568 not found");
    });
    expect(got.status).toBe(404);
    expect(got.body).toEqual({
      error: { code: "MEETING_NOT_FOUND", message: "ไม่พบการประชุม 9/2568 / meeting 9/2568 not found" },
    });
    expect(got.logged).toContain("WARNING request refused");
  });

  it("answers any other error 500 INTERNAL in Thai and English, never its message, and logs it", async () => {
    const got = await answerOf(() => {
      throw new Error("secret detail of a bug");
    });
    expect(got.status).toBe(500);
    expect(got.body).toEqual({ error: { code: "INTERNAL", message: "ระบบขัดข้อง / internal error" } });
    expect(got.logged).toContain("ERROR request failed");
  });
});
