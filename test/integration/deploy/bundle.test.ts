// The deployed bundle carries google-auth-library and zod inside it (bundle.ts): the verifier built with
// the same esbuild options must still check real signed tokens, and must not reach for node_modules.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLE_OPTIONS, BUNDLED_PACKAGES } from "../../../functions/deploy/bundle.ts";
import type { idTokenVerifier } from "../../../functions/src/handlers/auth.ts";
import { startTokenIssuer, type TokenIssuer } from "../support/id-tokens.ts";

const AUDIENCE = "bundle-test.apps.googleusercontent.com";
let dir: string;
let issuer: TokenIssuer;
let bundled: typeof idTokenVerifier;
let imports: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-bundle-"));
  const { metafile } = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [resolve("functions/src/handlers/auth.ts")],
    outfile: join(dir, "auth.mjs"),
    metafile: true,
  });
  imports = Object.values(metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
  bundled = (await import(pathToFileURL(join(dir, "auth.mjs")).href)).idTokenVerifier;
  issuer = await startTokenIssuer();
});

afterAll(async () => {
  await issuer?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the bundled ID-token verifier", () => {
  it("imports none of the bundled packages from node_modules, only Node's built-ins", () => {
    expect(imports.length).toBeGreaterThan(0);
    for (const name of BUNDLED_PACKAGES) expect(imports).not.toContain(name);
    // `debug` (under google-auth-library's proxy agent) tries supports-color inside a try/catch: optional.
    const outside = imports.filter(
      (p) => !p.startsWith("node:") && !/^[a-z_]+$/.test(p) && p !== "supports-color",
    );
    expect(outside).toEqual([]);
  });

  it("accepts a good token and refuses a wrong audience or an unknown key, as the source does", async () => {
    const verify = bundled({
      audience: AUDIENCE,
      allowedCallers: ["staff@example.org"],
      certsUrl: issuer.certsUrl,
    });
    const good = await issuer.sign({ email: "Staff@example.org", aud: AUDIENCE });
    await expect(verify(`Bearer ${good}`)).resolves.toEqual({ email: "staff@example.org" });
    const other = await issuer.sign({ email: "staff@example.org", aud: "someone-else" });
    await expect(verify(`Bearer ${other}`)).rejects.toMatchObject({ code: "INVALID_TOKEN" });
    const stranger = await issuer.signWithStrangerKey({ email: "staff@example.org", aud: AUDIENCE });
    await expect(verify(`Bearer ${stranger}`)).rejects.toMatchObject({ code: "INVALID_TOKEN" });
  });
});
