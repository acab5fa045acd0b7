// Firestore's failures that are not ours, as codes: a server that cannot be reached (after the
// retries of adapters/retry.ts) or that is not Firestore at all is FIRESTORE_UNAVAILABLE (HTTP 503,
// `kbo` exit 2), never an internal error with a gRPC stack. No SDK import: entry points load it.
import { AppError } from "../../app-error.ts";

const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;
const UNIMPLEMENTED = 12;

interface GrpcError {
  code: number;
  details: string;
}

const isGrpcError = (e: unknown): e is GrpcError =>
  e instanceof Error &&
  typeof (e as { code?: unknown }).code === "number" &&
  typeof (e as { details?: unknown }).details === "string" &&
  "metadata" in e;

/** The AppError a Firestore failure stands for, or undefined when it is not one we can name. */
export function firestoreAppError(e: unknown, host?: string): AppError | undefined {
  if (!isGrpcError(e)) return undefined;
  const at = host ? `ที่ ${host}` : "";
  const atEn = host ? ` at ${host}` : "";
  if (e.code === UNAVAILABLE || e.code === DEADLINE_EXCEEDED)
    return new AppError(
      "FIRESTORE_UNAVAILABLE",
      `ติดต่อ Firestore${at ? ` ${at}` : ""} ไม่ได้ / Firestore unavailable${atEn}: ${e.details.slice(0, 200)}`,
      { cause: e },
    );
  // An HTTP server that is not Firestore's (a wrong port) answers gRPC with a plain HTTP status.
  if (e.code === UNIMPLEMENTED && /HTTP status code/.test(e.details))
    return new AppError(
      "FIRESTORE_UNAVAILABLE",
      `เซิร์ฟเวอร์${at} ไม่ใช่ Firestore / Firestore unavailable${atEn}: the server there is not Firestore (${e.details})`,
      { cause: e },
    );
  return undefined;
}
