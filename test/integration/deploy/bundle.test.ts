// The deployed bundle carries google-auth-library and zod inside it (bundle.ts): the verifier built with
// the same esbuild options must still check real signed tokens, and must not reach for node_modules.
// It also carries what the report needs in the cloud: TH Sarabun New, the stylesheets, the pinned Chromium.
// And nothing of `kbo serve --dev-auth` (a key that mints tokens) is in what is deployed.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLE_OPTIONS, BUNDLED_PACKAGES, bundleFunctions } from "../../../functions/deploy/bundle.ts";
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

describe("the deployed bundle's report", () => {
  let out: string;
  let fonts: string[];
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), "kbo-deploy-"));
    ({ fonts } = await bundleFunctions(resolve("."), out));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it("ships TH Sarabun New and the stylesheets beside the chunk that reads them", async () => {
    expect(fonts).toEqual(["Laksaman.ttf", "Laksaman-Bold.ttf"]);
    const chunks = await readdir(join(out, "chunks"));
    const reader = [];
    for (const f of chunks.filter((c) => c.endsWith(".js"))) {
      if ((await readFile(join(out, "chunks", f), "utf8")).includes("KBO Text")) reader.push(f);
    }
    expect(reader.length).toBeGreaterThan(0);
    expect(chunks).toEqual(expect.arrayContaining(["fonts", "page.css", "report.css"]));
    expect(await readdir(join(out, "chunks", "fonts"))).toEqual(
      expect.arrayContaining(["Laksaman.ttf", "Laksaman-Bold.ttf"]),
    );
  });

  it("installs in the cloud the @sparticuz/chromium version every machine runs, and the font packages", async () => {
    const ours = JSON.parse(await readFile("package.json", "utf8"));
    const deployed = JSON.parse(await readFile(join(out, "package.json"), "utf8"));
    expect(deployed.dependencies["@sparticuz/chromium"]).toBe(ours.dependencies["@sparticuz/chromium"]);
    expect(deployed.dependencies["@sparticuz/chromium"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(deployed.dependencies).toMatchObject({
      "@expo-google-fonts/sarabun": ours.dependencies["@expo-google-fonts/sarabun"],
      "@expo-google-fonts/noto-emoji": ours.dependencies["@expo-google-fonts/noto-emoji"],
    });
  });

  it("holds no development token path, no dev-auth key, and nothing of the command line", async () => {
    const files = (await readdir(out, { recursive: true })).map(String);
    const code = await Promise.all(
      files.filter((f) => f.endsWith(".js")).map((f) => readFile(join(out, f), "utf8")),
    );
    expect(code.length).toBeGreaterThan(1);
    for (const text of code) {
      expect(text).not.toContain("__dev/token");
      expect(text).not.toContain("kbo-dev-auth");
    }
    // The source maps list every file bundled: the functions, none of the command line.
    const sources = (
      await Promise.all(
        files
          .filter((f) => f.endsWith(".js.map"))
          .map(async (f) => JSON.parse(await readFile(join(out, f), "utf8")).sources as string[]),
      )
    ).flat();
    expect(sources.some((s) => s.includes("functions/src/handlers/sync.ts"))).toBe(true);
    expect(sources.filter((s) => s.includes("functions/src/cli/"))).toEqual([]);
  }, 60_000);
});
