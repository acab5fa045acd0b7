// The one exception type of the project: a SCREAMING_SNAKE code for machines, a message for people.
// Only entry points (CLI, HTTP handlers) turn codes into exit codes or HTTP statuses.

export class AppError extends Error {
  readonly code: string;
  readonly details?: unknown;

  constructor(code: string, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
