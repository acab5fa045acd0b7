// Google-style ID tokens for tests: a local RSA key signs them (jose) and a local HTTP server serves
// its public key in Google's PEM certs format, so google-auth-library verifies them for real.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportSPKI, generateKeyPair, SignJWT } from "jose";

export const GOOGLE_ISSUER = "https://accounts.google.com";

export interface TokenIssuer {
  certsUrl: string;
  sign(claims: {
    email?: string;
    email_verified?: boolean;
    aud?: string;
    iss?: string;
    /** Seconds from now; negative for an expired token. */
    expiresIn?: number;
  }): Promise<string>;
  /** A token signed by a key the certs endpoint does not know. */
  signWithStrangerKey(claims: { email: string; aud: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startTokenIssuer(): Promise<TokenIssuer> {
  const kid = "test-key-1";
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const stranger = await generateKeyPair("RS256");
  const pem = await exportSPKI(publicKey);
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=60" });
    res.end(JSON.stringify({ [kid]: pem }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const build = (c: Parameters<TokenIssuer["sign"]>[0]) => {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = c.expiresIn ?? 3600;
    const payload: Record<string, unknown> = { email_verified: c.email_verified ?? true };
    if (c.email) payload.email = c.email;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
      .setIssuer(c.iss ?? GOOGLE_ISSUER)
      .setAudience(c.aud ?? "")
      .setSubject("1234567890")
      .setIssuedAt(expiresIn < 0 ? now + expiresIn - 3600 : now)
      .setExpirationTime(now + expiresIn);
  };
  return {
    certsUrl: `http://127.0.0.1:${port}/oauth2/v1/certs`,
    sign: (c) => build(c).sign(privateKey),
    signWithStrangerKey: (c) => build(c).sign(stranger.privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
