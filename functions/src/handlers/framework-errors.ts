// What the Functions Framework's own layers refuse (its body parsers: a body that is not JSON, a body
// too large) answered as our JSON `{error: {code, message}}`, never Express's HTML page with a stack
// trace and the server's paths, and logged without the body (see docs/architecture.md, "Errors").

import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { Logger } from "../adapters/log/logger.ts";
import { type ErrorCode, errorText, httpStatusOf } from "../error-codes.ts";

interface FrameworkAnswer {
  code: ErrorCode;
  message: string;
}

/** body-parser's error types (its README, "Errors") → our code. Anything else is ours: INTERNAL. */
export function frameworkAnswerOf(err: unknown): FrameworkAnswer {
  const type = (err as { type?: unknown } | null)?.type;
  switch (type) {
    case "entity.parse.failed":
      return { code: "BAD_JSON", message: "body is not valid JSON" };
    case "entity.too.large":
      return { code: "PAYLOAD_TOO_LARGE", message: "body too large" };
    case "encoding.unsupported":
    case "charset.unsupported":
      return { code: "BAD_REQUEST", message: "unsupported content encoding or charset: send UTF-8 JSON" };
    case "request.aborted":
    case "request.size.invalid":
      return { code: "BAD_REQUEST", message: "the body was cut short" };
    default: {
      // Another refusal of the request by a parser (a body whose gzip is broken, say): the caller's.
      const status = Number((err as { status?: unknown } | null)?.status);
      if (status === 413) return { code: "PAYLOAD_TOO_LARGE", message: "body too large" };
      if (status >= 400 && status < 500)
        return { code: "BAD_REQUEST", message: "the body could not be read" };
      return { code: "INTERNAL", message: errorText("INTERNAL") };
    }
  }
}

type Handle = (req: IncomingMessage, res: ServerResponse, callback?: (err?: unknown) => void) => void;

let installedLog: Logger | undefined;
let maxBytes = Number.POSITIVE_INFINITY;

function answer(res: ServerResponse, code: ErrorCode, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, message } });
  res.statusCode = httpStatusOf(code);
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", Buffer.byteLength(body));
  res.end(body);
}

/**
 * Puts our answers in front of and behind the Framework's Express app, for every app made after this
 * call in this process (the Framework makes its app when it starts serving, after the functions are
 * registered): a body declared larger than `maxBodyBytes` is answered 413 before it is read, and an
 * error a layer passes on (a body parser's) is answered as JSON and logged by its type only.
 */
export function answerFrameworkErrorsAsJson(log: Logger, maxBodyBytes: number): void {
  installedLog = log;
  maxBytes = maxBodyBytes;
  // The Framework's own Express (its dependency, wherever npm put it).
  const require = createRequire(import.meta.url);
  const express = createRequire(require.resolve("@google-cloud/functions-framework"))("express") as {
    application: { handle: Handle & { kboJsonErrors?: true } };
  };
  const app = express.application;
  if (app.handle.kboJsonErrors) return;
  const original = app.handle;
  const handle: Handle & { kboJsonErrors?: true } = function (this: unknown, req, res, callback) {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) {
      installedLog?.warn("request refused", { status: 413, code: "PAYLOAD_TOO_LARGE", bytes: declared });
      // The rest of the body is read and dropped by Node once the answer is sent; close afterwards.
      res.setHeader("connection", "close");
      answer(res, "PAYLOAD_TOO_LARGE", `body larger than ${maxBytes} bytes`);
      return;
    }
    const done =
      callback ??
      ((err?: unknown) => {
        if (err === undefined || err === null) {
          answer(res, "NOT_FOUND", "not found");
          return;
        }
        const { code, message } = frameworkAnswerOf(err);
        const status = httpStatusOf(code);
        // The error's type and status only: body-parser's error carries the whole body (`err.body`).
        (status >= 500 ? installedLog?.error : installedLog?.warn)?.("request refused", {
          status,
          code,
          type: String((err as { type?: unknown }).type ?? (err as Error).name ?? "unknown"),
        });
        answer(res, code, message);
      });
    original.call(this, req, res, done);
  };
  handle.kboJsonErrors = true;
  app.handle = handle;
}
