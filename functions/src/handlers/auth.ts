// Caller verification of the HTTP functions: a Google ID token (Apps Script's
// ScriptApp.getIdentityToken()) checked by google-auth-library against the configured audience, with
// a verified e-mail on the ALLOWED_CALLERS list. Where the signing keys come from (Google's certs URL,
// another URL, or keys given outright) and the accepted issuers can be set: tests and `kbo serve
// --dev-auth` use their own keys; the checks are the same.
// The OAuth2 client alone: the package index loads every credential type (AWS, impersonation, GDCH…),
// twice the cost at each cold start, and verifying ID tokens needs none of them.
import { OAuth2Client } from "google-auth-library/build/src/auth/oauth2client.js";
import { AppError } from "../app-error.ts";

const JWT_LIKE = /[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g;
/** The issuers of Google ID tokens (google-auth-library's own default). */
export const GOOGLE_ISSUERS = ["accounts.google.com", "https://accounts.google.com"];

export interface Caller {
  email: string;
}

export type CallerVerifier = (authorization: string | undefined) => Promise<Caller>;

export interface IdTokenOptions {
  /** ID_TOKEN_AUDIENCE: the OAuth client id the tokens are issued for. */
  audience?: string;
  /** ALLOWED_CALLERS, lower case. */
  allowedCallers: readonly string[];
  /** PEM certificates endpoint (default: Google's). */
  certsUrl?: string;
  /** Accepted `iss` values (default: Google's). */
  issuers?: string[];
  /** The signing keys (kid → PEM), instead of fetching them from `certsUrl`. */
  certs?: () => Promise<Record<string, string>>;
}

export function idTokenVerifier(options: IdTokenOptions): CallerVerifier {
  const client = new OAuth2Client({
    ...(options.certsUrl ? { endpoints: { oauth2FederatedSignonPemCertsUrl: options.certsUrl } } : {}),
    ...(options.issuers ? { issuers: options.issuers } : {}),
  });
  const allowed = new Set(options.allowedCallers.map((e) => e.toLowerCase()));
  const issuers = options.issuers ?? GOOGLE_ISSUERS;
  return async (authorization) => {
    // Fail closed: a function without an audience or callers configured accepts nobody.
    if (!options.audience || allowed.size === 0) {
      throw new AppError("AUTH_NOT_CONFIGURED", "ID_TOKEN_AUDIENCE and ALLOWED_CALLERS must be set");
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    if (!match) throw new AppError("UNAUTHENTICATED", "missing Authorization: Bearer <Google ID token>");
    let payload: { email?: string; email_verified?: boolean } | undefined;
    try {
      const ticket = options.certs
        ? await client.verifySignedJwtWithCertsAsync(
            match[1]!,
            await options.certs(),
            options.audience,
            issuers,
          )
        : await client.verifyIdToken({ idToken: match[1]!, audience: options.audience });
      payload = ticket.getPayload();
    } catch (e) {
      // google-auth-library quotes the whole token in some messages ("Invalid token signature: eyJ…"):
      // a token for another audience is still a live credential, so it never reaches an answer or a log.
      const reason = ((e as Error).message.split("\n")[0] ?? "").replace(JWT_LIKE, "<token>");
      throw new AppError("INVALID_TOKEN", `the ID token was refused: ${reason}`);
    }
    const email = payload?.email?.toLowerCase();
    if (!email || payload?.email_verified !== true) {
      throw new AppError("EMAIL_NOT_VERIFIED", "the token carries no verified e-mail");
    }
    if (!allowed.has(email)) throw new AppError("CALLER_NOT_ALLOWED", `${email} is not an allowed caller`);
    return { email };
  };
}
