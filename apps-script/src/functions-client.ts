// Calls to the HTTP functions: JSON POSTs carrying the user's Google ID token, answers read without
// throwing (muteHttpExceptions) so a failed call becomes a result the caller can keep queued.
import { AppError } from "../../functions/src/app-error.ts";
import { isErrorCode } from "../../functions/src/error-codes.ts";
import type { FetchRequest, Services } from "./services.ts";
import { type FunctionName, functionUrl, PROPERTY_KEYS } from "./settings.ts";

export type CallResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; code: string; message: string; details?: unknown };

export function baseUrlOf(services: Services): string {
  const base = services.PropertiesService.getScriptProperties().getProperty(PROPERTY_KEYS.functionBaseUrl);
  if (!base) {
    throw new AppError(
      "NOT_CONFIGURED",
      "ยังไม่ได้ตั้งค่า URL ของฟังก์ชัน: เลือกเมนู ตั้งค่าระบบ / the function URL is not set: run ตั้งค่าระบบ",
    );
  }
  return base;
}

/**
 * The caller's Google ID token. ScriptApp.getIdentityToken returns null when Google has none to
 * give (no openid scope granted, or none issued): that is a clear error here, never "Bearer null".
 */
export function identityToken(services: Services): string {
  const token: string | null = services.ScriptApp.getIdentityToken();
  if (typeof token !== "string" || token === "") {
    throw new AppError(
      "NO_IDENTITY_TOKEN",
      "Google ไม่ได้ให้โทเค็นยืนยันตัวตน: ตรวจว่า appsscript.json มีขอบเขต openid แล้วอนุญาตสิทธิ์อีกครั้ง (เมนู ตั้งค่าระบบ) / " +
        "Google gave no identity token: check that the manifest has the openid scope, then authorise again (ตั้งค่าระบบ)",
    );
  }
  return token;
}

export function buildRequest(base: string, name: FunctionName, body: unknown, idToken: string): FetchRequest {
  return {
    url: functionUrl(base, name),
    method: "post",
    contentType: "application/json",
    payload: JSON.stringify(body),
    headers: { Authorization: `Bearer ${idToken}` },
    muteHttpExceptions: true,
  };
}

export function readResponse<T>(response: GoogleAppsScript.URL_Fetch.HTTPResponse): CallResult<T> {
  const status = response.getResponseCode();
  const text = response.getContentText();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (status >= 200 && status < 300 && json !== undefined) return { ok: true, status, body: json as T };
  const error = (json as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
    ?.error;
  return {
    ok: false,
    status,
    code: error?.code ?? (status === 0 ? "NETWORK" : `HTTP_${status}`),
    message: error?.message ?? text.slice(0, 200),
    ...(error?.details === undefined ? {} : { details: error.details }),
  };
}

/** Sends requests together; a request that could not be made at all is a failed result, not a throw. */
export function fetchAllResults<T>(services: Services, requests: FetchRequest[]): CallResult<T>[] {
  try {
    return services.UrlFetchApp.fetchAll(requests).map((r) => readResponse<T>(r));
  } catch (e) {
    const message = String((e as Error)?.message ?? e);
    return requests.map(() => ({ ok: false as const, status: 0, code: "NETWORK", message }));
  }
}

/** One call; throws AppError when it fails (menu actions show it to staff). */
export function callFunction<T>(services: Services, name: FunctionName, body: unknown): T {
  const request = buildRequest(baseUrlOf(services), name, body, identityToken(services));
  const [result] = fetchAllResults<T>(services, [request]);
  if (!result?.ok) {
    const failed = result as Extract<CallResult<T>, { ok: false }>;
    // The server's own code when it is one of ours; a network or proxy failure is FUNCTION_FAILED.
    const code = isErrorCode(failed.code) ? failed.code : "FUNCTION_FAILED";
    throw new AppError(code, `${name}: ${failed.message} (${failed.code}, HTTP ${failed.status})`);
  }
  return result.body;
}
