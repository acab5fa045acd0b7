// The JSON-over-HTTP wrapper every function shares: POST only, caller verified first, a per-caller
// rate bound (429 + Retry-After), body size limit (413), JSON parsing (400 BAD_JSON), zod validation
// (400 with per-field issues), and every error answered as JSON `{error: {code, message}}`.

import { randomUUID } from "node:crypto";
import type { HttpFunction, Request, Response } from "@google-cloud/functions-framework";
import type * as z from "zod/mini";
import { firestoreAppError } from "../adapters/firestore/firestore-errors.ts";
import { type Logger, traceFields } from "../adapters/log/logger.ts";
import { AppError, isAppError } from "../app-error.ts";
import { errorText, httpStatusOf } from "../error-codes.ts";
import type { Caller, CallerVerifier } from "./auth.ts";
import type { RateLimiter } from "./rate-limit.ts";

/** A 20,000-row tab (the body schema's limit) of long Thai rows is about 6 MiB of JSON. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface RequestContext {
  caller: Caller;
  /** This request's logger: every entry carries its requestId (and trace, when the platform sent one). */
  log: Logger;
}

export interface JsonHandlerOptions<S extends z.ZodMiniType> {
  schema: S;
  verifyCaller: CallerVerifier;
  maxBodyBytes?: number;
  /** Bound on one caller's request rate (checked once the caller is known). */
  rateLimit?: RateLimiter;
  /** The function's name and base logger, for its structured log entries. */
  name?: string;
  log: Logger;
  /** The project id, to link entries to the request's Cloud Trace. */
  projectId?: string;
}

const SAFE_ID = /^[\w.:-]{8,128}$/;

/** The id a request's log entries share: the body's requestId, else the platform's trace id, else a new one. */
function requestIdOf(req: Request): string {
  const fromBody = (req.body as { requestId?: unknown } | undefined)?.requestId;
  if (typeof fromBody === "string" && SAFE_ID.test(fromBody)) return fromBody;
  const trace = String(req.headers["x-cloud-trace-context"] ?? "").split("/")[0] ?? "";
  return /^[0-9a-f]{16,32}$/i.test(trace) ? trace : randomUUID();
}

function rawBodyOf(req: Request): Buffer | undefined {
  const raw = (req as Request & { rawBody?: Buffer }).rawBody;
  return Buffer.isBuffer(raw) ? raw : undefined;
}

function parseBody(req: Request, maxBytes: number): unknown {
  const raw = rawBodyOf(req);
  const declared = Number(req.headers["content-length"] ?? 0);
  if ((raw?.length ?? 0) > maxBytes || declared > maxBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", `body larger than ${maxBytes} bytes`);
  }
  // The framework already parsed application/json; other content types arrive as text or bytes.
  if (req.body !== undefined && typeof req.body === "object" && !Buffer.isBuffer(req.body)) {
    if (Object.keys(req.body).length > 0 || !raw?.length) return req.body;
  }
  const text = raw?.toString("utf8") ?? (typeof req.body === "string" ? req.body : "");
  if (text.trim() === "") throw new AppError("BAD_JSON", "empty body: expected a JSON object");
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the body: never in the answer or the log.
    throw new AppError("BAD_JSON", "body is not valid JSON");
  }
}

export function sendError(res: Response, status: number, code: string, message: string, details?: unknown) {
  res.status(status).json({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

/** Wraps `fn(body, ctx)` as an HTTP function of the Functions Framework. */
export function jsonHandler<S extends z.ZodMiniType, R>(
  options: JsonHandlerOptions<S>,
  fn: (body: z.infer<S>, ctx: RequestContext) => Promise<R>,
): HttpFunction {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (req: Request, res: Response) => {
    const started = Date.now();
    const log = options.log.child({
      function: options.name,
      requestId: requestIdOf(req),
      ...traceFields(req.headers["x-cloud-trace-context"] as string | undefined, options.projectId),
    });
    try {
      if (req.method !== "POST") throw new AppError("METHOD_NOT_ALLOWED", "use POST with a JSON body");
      const caller = await options.verifyCaller(req.headers.authorization);
      log.info("request received", { caller: caller.email });
      options.rateLimit?.(caller.email);
      const body = parseBody(req, maxBytes);
      const parsed = options.schema.safeParse(body);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        throw new AppError("BAD_REQUEST", "the body does not match the expected shape", { details: issues });
      }
      res.status(200).json(await fn(parsed.data, { caller, log }));
      log.info("request answered", { status: 200, ms: Date.now() - started });
    } catch (caught) {
      // Firestore down (after its retries) is a service we depend on: 503, not our 500.
      const e = firestoreAppError(caught) ?? caught;
      if (isAppError(e)) {
        const retryAfter = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (e.code === "RATE_LIMITED" && retryAfter) res.set("Retry-After", String(retryAfter));
        const status = httpStatusOf(e.code);
        sendError(res, status, e.code, e.message, e.details);
        // The token is never logged: only the refusal's code and message.
        (status >= 500 ? log.error : log.warn)("request refused", { status, code: e.code, error: e.message });
        return;
      }
      log.error("request failed", { status: 500, error: e });
      sendError(res, 500, "INTERNAL", errorText("INTERNAL"));
    }
  };
}
