// The one exception type of the project: a code from the registry (error-codes.ts) for machines, a
// message for people. Only entry points (CLI, HTTP wrapper) turn codes into exit codes or statuses.
import type { ErrorCode } from "./error-codes.ts";

export type { ErrorCode } from "./error-codes.ts";

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  /** `message` says precisely what went wrong (Thai / English); the registry's text is the code's in general. */
  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
