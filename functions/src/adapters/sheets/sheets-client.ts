// The Google Sheets API client (@googleapis/sheets) and how its calls fail: every call goes through
// `callSheets`, which retries 429, 5xx and dropped connections with the project's retry helper in
// Google's truncated exponential backoff (waits of about 1, 2, 4 … s with jitter, never more than
// 64 s), and maps what is left to AppError codes whose messages say, in Thai and English, what staff
// can do. The client's own retry is off, so one logical call is never retried twice over.
import { auth, sheets, type sheets_v4 } from "@googleapis/sheets";
import { AppError } from "../../app-error.ts";
import { type RetryPolicy, type RetryRule, withRetry } from "../retry.ts";

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

/**
 * The API at SHEETS_API_ROOT_URL without credentials (a local stand-in), else Google's with the
 * Application Default Credentials (the function's service account, or `gcloud auth
 * application-default login` for the `kbo` command).
 */
export function sheetsApiFor(config: { sheetsApiRootUrl?: string }): SheetsApi {
  if (config.sheetsApiRootUrl) return createSheetsApi({ rootUrl: config.sheetsApiRootUrl });
  return createSheetsApi({ auth: new auth.GoogleAuth({ scopes: [SHEETS_SCOPE] }) });
}

/**
 * Fails with SHEETS_NO_CREDENTIALS, saying what to set, when Google's API would be called without
 * Application Default Credentials (a `kbo` command on a machine never logged in): google-auth's own
 * error surfaces only at the first call, as a network failure. Nothing to check for a local stand-in.
 */
export async function assertSheetsCredentials(config: { sheetsApiRootUrl?: string }): Promise<void> {
  if (config.sheetsApiRootUrl) return;
  try {
    await new auth.GoogleAuth({ scopes: [SHEETS_SCOPE] }).getClient();
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split("\n")[0];
    throw new AppError(
      "SHEETS_NO_CREDENTIALS",
      "ไม่พบข้อมูลรับรองของ Google สำหรับเรียก Google Sheets: รัน gcloud auth application-default login " +
        "ด้วยบัญชีที่สเปรดชีตแชร์ให้ หรือตั้ง GOOGLE_APPLICATION_CREDENTIALS เป็นไฟล์กุญแจของบัญชีบริการ " +
        "(หรือ SHEETS_API_ROOT_URL สำหรับเซิร์ฟเวอร์ทดสอบในเครื่อง) / " +
        "no Google credentials to call the Sheets API: run gcloud auth application-default login with an " +
        "account the spreadsheet is shared with, or set GOOGLE_APPLICATION_CREDENTIALS to a service account " +
        `key file (or SHEETS_API_ROOT_URL for a local stand-in) (${reason})`,
      { cause: e },
    );
  }
}

/**
 * The e-mail staff must share their spreadsheet with: KBO_SERVICE_ACCOUNT when set, else the
 * Application Default Credentials' own (never asked of a local stand-in).
 */
export async function serviceAccountEmail(config: {
  serviceAccount?: string;
  sheetsApiRootUrl?: string;
}): Promise<string | undefined> {
  if (config.serviceAccount || config.sheetsApiRootUrl) return config.serviceAccount;
  try {
    return (await new auth.GoogleAuth({ scopes: [SHEETS_SCOPE] }).getCredentials()).client_email ?? undefined;
  } catch {
    return undefined;
  }
}

export type { RetryPolicy } from "../retry.ts";

/** Google's maximum_backoff ("typically 32 or 64 seconds"): a per-minute quota refills within it. */
export const MAX_BACKOFF_MS = 64_000;

/** Sheets calls: 8 attempts, waits from 1 s doubling to 64 s (about two minutes in all). */
export const SHEETS_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 1_000, maxDelayMs: MAX_BACKOFF_MS };

interface HttpFailure {
  status?: number;
  code?: string;
  message: string;
}

function failureOf(e: unknown): HttpFailure {
  const err = e as {
    status?: number;
    code?: string | number;
    message?: string;
    response?: { status?: number };
  };
  const status = err.response?.status ?? (typeof err.status === "number" ? err.status : undefined);
  return {
    status,
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
  (f.status === undefined && f.code !== undefined && NETWORK_CODES.has(f.code));

/** Quota (429), Google's own faults (5xx) and dropped connections pass; Google sends no Retry-After. */
export const sheetsRule: RetryRule = { isRetryable: (error) => isRetryable(failureOf(error)) };

export const SHEETS_ERROR_CODES = [
  "SHEETS_NOT_FOUND",
  "SHEETS_PERMISSION_DENIED",
  "SHEETS_QUOTA",
  "SHEETS_BAD_REQUEST",
  "SHEETS_UNAVAILABLE",
] as const;
export type SheetsErrorCode = (typeof SHEETS_ERROR_CODES)[number];

export interface SheetsCallContext {
  /** The spreadsheet, named in messages. */
  spreadsheetId?: string;
  /** The service account's e-mail, named in the message staff get when it was not shared. */
  serviceAccount?: string;
}

function sheetsErrorCode(f: HttpFailure): SheetsErrorCode {
  if (f.status === 404) return "SHEETS_NOT_FOUND";
  if (f.status === 401 || f.status === 403) return "SHEETS_PERMISSION_DENIED";
  if (f.status === 429) return "SHEETS_QUOTA";
  if (f.status === 400) return "SHEETS_BAD_REQUEST";
  return "SHEETS_UNAVAILABLE";
}

/** What staff read: Thai first, English beside it, then what failed. */
function explain(code: SheetsErrorCode, context: SheetsCallContext): string {
  const sheet = context.spreadsheetId ? ` ${context.spreadsheetId}` : "";
  const account = context.serviceAccount;
  switch (code) {
    case "SHEETS_PERMISSION_DENIED":
      return account
        ? `ระบบไม่มีสิทธิ์เปิดสเปรดชีต${sheet}: แชร์สเปรดชีตให้ ${account} เป็นผู้แก้ไข / the spreadsheet${sheet} is not shared with the system: share it with ${account} as an editor`
        : `ระบบไม่มีสิทธิ์เปิดสเปรดชีต${sheet}: แชร์สเปรดชีตให้บัญชีบริการ (service account) ของระบบเป็นผู้แก้ไข / the spreadsheet${sheet} is not shared with the system: share it with the functions' service account as an editor`;
    case "SHEETS_NOT_FOUND":
      return `ไม่พบสเปรดชีต${sheet}: ตรวจรหัสสเปรดชีต / no spreadsheet${sheet}: check its id`;
    case "SHEETS_QUOTA":
      return "Google Sheets จำกัดจำนวนคำขอต่อนาที ลองใหม่ภายหลัง / the Google Sheets per-minute quota is used up: try again later";
    case "SHEETS_BAD_REQUEST":
      return "Google Sheets ปฏิเสธคำขอ (ข้อผิดพลาดของระบบ) / Google Sheets refused the request (a bug in this system)";
    case "SHEETS_UNAVAILABLE":
      return "Google Sheets ไม่ตอบสนอง ลองใหม่ภายหลัง / Google Sheets is not answering: try again later";
  }
}

function toAppError(f: HttpFailure, what: string, cause: unknown, context: SheetsCallContext): AppError {
  const code = sheetsErrorCode(f);
  return new AppError(
    code,
    `${explain(code, context)} (${what}: ${f.status ?? f.code ?? "network"} ${f.message})`,
    {
      cause,
    },
  );
}

/** Runs one Sheets API call (or one read-then-write unit) with retries; `what` names it in errors. */
export async function callSheets<T>(
  what: string,
  fn: () => Promise<T>,
  policy: RetryPolicy = {},
  context: SheetsCallContext = {},
): Promise<T> {
  try {
    return await withRetry(fn, sheetsRule, { ...SHEETS_RETRY, ...policy });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw toAppError(failureOf(e), what, e, context);
  }
}
