// `kbo serve --dev-auth`: a signing key made for this process alone, a verifier that trusts that key
// and nothing else (the audience and ALLOWED_CALLERS still apply), and the tokens handed out at
// GET /__dev/token?email=E. Command line only: the deployed functions never load this file (the
// deploy bundle's test checks that no such path is in it).
import { createSign, generateKeyPairSync, randomUUID } from "node:crypto";
import { type CallerVerifier, idTokenVerifier } from "../handlers/auth.ts";

export const DEV_TOKEN_PATH = "/__dev/token";
/** The issuer of development tokens: no Google token carries it, and no deployed function accepts it. */
export const DEV_ISSUER = "https://kbo-dev-auth.invalid";
const TOKEN_LIFETIME_S = 3600;

export interface DevAuth {
  verifyCaller: CallerVerifier;
  /** An ID token for `email`, signed with this process's key, for the configured audience. */
  tokenFor(email: string): string;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function createDevAuth(audience: string, allowedCallers: readonly string[]): DevAuth {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = randomUUID();
  const certs = { [kid]: publicKey.export({ type: "spki", format: "pem" }).toString() };
  return {
    verifyCaller: idTokenVerifier({
      audience,
      allowedCallers,
      issuers: [DEV_ISSUER],
      certs: async () => certs,
    }),
    tokenFor(email) {
      const now = Math.floor(Date.now() / 1000);
      const head = base64url({ alg: "RS256", kid, typ: "JWT" });
      const claims = base64url({
        iss: DEV_ISSUER,
        aud: audience,
        sub: `dev:${email}`,
        email,
        email_verified: true,
        iat: now,
        exp: now + TOKEN_LIFETIME_S,
      });
      const signature = createSign("RSA-SHA256")
        .update(`${head}.${claims}`)
        .sign(privateKey)
        .toString("base64url");
      return `${head}.${claims}.${signature}`;
    },
  };
}
