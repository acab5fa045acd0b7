// The Google Sheets API client (@googleapis/sheets) and how its calls fail: every call goes through
// `callSheets`, which retries 429 and 5xx (and dropped connections) with exponential backoff,
// honouring Retry-After, and maps what is left to AppError codes. The client's own retry is turned
// off so one logical call is never retried twice over.
import { auth, sheets, type sheets_v4 } from "@googleapis/sheets";
import { AppError } from "../../app-error.ts";

export type SheetsApi = sheets_v4.Sheets;

export const SHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets";

export interface SheetsClientOptions {
  /** A google-auth-library client (GoogleAuth, OAuth2Client…); none for the local stand-in. */
  auth?: sheets_v4.Options["auth"];
  /** Where the API lives (default Google's); tests point it at the stand-in on 127.0.0.1. */
  rootUrl?: string;
}

export function createSheetsApi(options: SheetsClientOptions = {}): SheetsApi {
  return sheets({
    version: "v4",
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}),
    retry: false,
  });
}

/** The real API with the runtime's default credentials (the function's service account). */
export function createDefaultSheetsApi(): SheetsApi {
  return createSheetsApi({ auth: new auth.GoogleAuth({ scopes: [SHEETS_SCOPE] }) });
}

export interface RetryPolicy {
  /** Attempts in all, the first included (default 5). */
  attempts?: number;
  /** First backoff delay in ms (default 500), doubled each time, with jitter. */
  baseDelayMs?: number;
  /** Longest single wait, Retry-After included (default 60 s). */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told of each retry (for logs and tests). */
  onRetry?: (info: { attempt: number; status?: number; delayMs: number }) => void;
}

interface HttpFailure {
  status?: number;
  retryAfter?: string | null;
  code?: string;
  message: string;
}

function failureOf(e: unknown): HttpFailure {
  const err = e as {
    status?: number;
    code?: string | number;
    message?: string;
    response?: { status?: number; headers?: Headers | Record<string, string> };
  };
  const status = err.response?.status ?? (typeof err.status === "number" ? err.status : undefined);
  const headers = err.response?.headers;
  const retryAfter =
    headers && typeof (headers as Headers).get === "function"
      ? (headers as Headers).get("retry-after")
      : ((headers as Record<string, string> | undefined)?.["retry-after"] ?? null);
  return {
    status,
    retryAfter,
    code: typeof err.code === "string" ? err.code : undefined,
    message: err.message ?? String(e),
  };
}

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
]);

const isRetryable = (f: HttpFailure) =>
  f.status === 429 ||
  (f.status !== undefined && f.status >= 500) ||
  (f.code !== undefined && NETWORK_CODES.has(f.code));

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function toAppError(f: HttpFailure, what: string, cause: unknown): AppError {
  const code =
    f.status === 404
      ? "SHEETS_NOT_FOUND"
      : f.status === 401 || f.status === 403
        ? "SHEETS_PERMISSION_DENIED"
        : f.status === 429
          ? "SHEETS_QUOTA"
          : f.status === 400
            ? "SHEETS_BAD_REQUEST"
            : "SHEETS_UNAVAILABLE";
  const th =
    code === "SHEETS_NOT_FOUND"
      ? "ไม่พบสเปรดชีต"
      : code === "SHEETS_PERMISSION_DENIED"
        ? "ไม่มีสิทธิ์แก้ไขสเปรดชีต"
        : code === "SHEETS_QUOTA"
          ? "เกินโควตาการใช้งาน Google Sheets"
          : "Google Sheets ไม่ตอบสนอง";
  return new AppError(code, `${th} / ${what} failed (${f.status ?? f.code ?? "network"}): ${f.message}`, {
    cause,
  });
}

/** Runs one Sheets API call with retries; `what` names it in errors. */
export async function callSheets<T>(
  what: string,
  fn: () => Promise<T>,
  policy: RetryPolicy = {},
): Promise<T> {
  const attempts = policy.attempts ?? 5;
  const base = policy.baseDelayMs ?? 500;
  const max = policy.maxDelayMs ?? 60_000;
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const f = failureOf(e);
      if (!isRetryable(f) || attempt >= attempts) throw toAppError(f, what, e);
      const backoff = base * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
      const delayMs = Math.min(max, retryAfterMs(f.retryAfter) ?? backoff);
      policy.onRetry?.({ attempt, status: f.status, delayMs });
      await sleep(delayMs);
    }
  }
}
