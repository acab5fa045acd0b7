// The token verifier on its own, with keys held in memory (no certificate server): every way a token
// can be wrong maps to its code, the token itself never appears in the refusal, and it fails closed.
import { exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type CallerVerifier,
  GOOGLE_ISSUERS,
  idTokenVerifier,
} from "../../../functions/src/handlers/auth.ts";

const AUDIENCE = "1234-apps-script.apps.googleusercontent.com";
const CALLER = "staff@example.org";
type Key = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
let key: Key;
let stranger: Key;
let verify: CallerVerifier;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  key = pair.privateKey;
  stranger = (await generateKeyPair("RS256")).privateKey;
  const certs = { k1: await exportSPKI(pair.publicKey) };
  verify = idTokenVerifier({
    audience: AUDIENCE,
    allowedCallers: ["Staff@Example.org"],
    certs: async () => certs,
  });
});

async function token(claims: JWTPayload & { expiresIn?: number } = {}, signer: Key = key, kid = "k1") {
  const now = Math.floor(Date.now() / 1000);
  const { expiresIn = 3600, ...rest } = claims;
  return new SignJWT({ email: CALLER, email_verified: true, ...rest })
    .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
    .setIssuer((rest.iss as string | undefined) ?? GOOGLE_ISSUERS[1]!)
    .setAudience((rest.aud as string | undefined) ?? AUDIENCE)
    .setIssuedAt(expiresIn < 0 ? now + expiresIn - 3600 : now)
    .setExpirationTime(now + expiresIn)
    .sign(signer);
}

describe("idTokenVerifier", () => {
  it("accepts a good token, the e-mail compared without case", async () => {
    await expect(verify(`Bearer ${await token({ email: "STAFF@example.org" })}`)).resolves.toEqual({
      email: "staff@example.org",
    });
  });

  it.each<[string, () => Promise<string | undefined>, string]>([
    ["no header", async () => undefined, "UNAUTHENTICATED"],
    ["not Bearer", async () => `Basic ${await token()}`, "UNAUTHENTICATED"],
    ["not a JWT", async () => "Bearer not-a-jwt", "INVALID_TOKEN"],
    ["signed by another key", async () => `Bearer ${await token({}, stranger)}`, "INVALID_TOKEN"],
    ["unknown key id", async () => `Bearer ${await token({}, key, "k9")}`, "INVALID_TOKEN"],
    ["expired", async () => `Bearer ${await token({ expiresIn: -600 })}`, "INVALID_TOKEN"],
    ["another audience", async () => `Bearer ${await token({ aud: "someone-else" })}`, "INVALID_TOKEN"],
    ["another issuer", async () => `Bearer ${await token({ iss: "https://evil.example" })}`, "INVALID_TOKEN"],
    [
      "unverified e-mail",
      async () => `Bearer ${await token({ email_verified: false })}`,
      "EMAIL_NOT_VERIFIED",
    ],
    ["no e-mail", async () => `Bearer ${await token({ email: undefined })}`, "EMAIL_NOT_VERIFIED"],
    [
      "a caller not allowed",
      async () => `Bearer ${await token({ email: "x@example.org" })}`,
      "CALLER_NOT_ALLOWED",
    ],
  ])("%s → %s", async (_, header, code) => {
    await expect(verify(await header())).rejects.toMatchObject({ code });
  });

  it("never quotes the refused token in its message", async () => {
    const wrong = await token({ aud: "someone-else" });
    const refusal = await verify(`Bearer ${wrong}`).catch((e: Error) => e);
    expect((refusal as Error).message).not.toContain(wrong.split(".")[2]!);
    expect((refusal as Error).message).not.toContain(wrong.split(".")[1]!);
  });

  it.each([
    ["no audience", { audience: undefined, allowedCallers: [CALLER] }],
    ["no callers", { audience: AUDIENCE, allowedCallers: [] }],
  ])("fails closed with %s configured: AUTH_NOT_CONFIGURED, even for a good token", async (_, options) => {
    const closed = idTokenVerifier({ ...options, certs: async () => ({}) });
    await expect(closed(`Bearer ${await token()}`)).rejects.toMatchObject({ code: "AUTH_NOT_CONFIGURED" });
  });
});
