// The kbo CLI's loader: a cached esbuild bundle keyed on the sources, rebuilt when one changes, safe
// when several `kbo` build at once, with tsx as the fallback. Real esbuild and real processes.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import * as esbuild from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, loadCli, sourceKey } from "../../../bin/cli-bundle.js";

const run = promisify(execFile);
const KBO = resolve("bin/kbo.js");
const SAMPLE = resolve("examples/kbo-sample.xlsx");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-cli-bundle-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A tiny repository whose CLI answers with a neighbour file read through import.meta.url. */
async function fixtureRoot(name: string, greeting: string): Promise<string> {
  const root = join(dir, name);
  await mkdir(join(root, "functions", "src", "cli"), { recursive: true });
  await writeFile(join(root, "functions", "src", "greeting.txt"), greeting);
  await writeFile(
    join(root, "functions", "src", "read-greeting.ts"),
    `import { readFileSync } from "node:fs";
export const greeting = (): string => readFileSync(new URL("./greeting.txt", import.meta.url), "utf8");`,
  );
  await writeFile(
    join(root, "functions", "src", "cli", "main.ts"),
    `export async function main(argv: string[]): Promise<number> {
  const { greeting } = await import("../read-greeting.ts");
  return greeting().length + argv.length * 1000;
}`,
  );
  return root;
}

const ESBUILD_VERSION = () => "test";

describe("sourceKey", () => {
  it("changes with a source file's content, not with its modification time", async () => {
    const root = await fixtureRoot("key", "สวัสดี");
    const before = sourceKey(root, "test");
    const later = new Date(Date.now() + 60_000);
    await utimes(join(root, "functions", "src", "greeting.txt"), later, later);
    expect(sourceKey(root, "test")).toBe(before);
    await writeFile(join(root, "functions", "src", "greeting.txt"), "สวัสดีครับ");
    expect(sourceKey(root, "test")).not.toBe(before);
    expect(sourceKey(root, "other-esbuild")).not.toBe(sourceKey(root, "test"));
  });
});

describe("loadCli", () => {
  it("bundles once, keeps import.meta.url pointing at the source, and rebuilds after an edit", async () => {
    const root = await fixtureRoot("build", "abc");
    const cacheRoot = join(dir, "cache-build");
    const first = await loadCli({ root, cacheRoot, esbuildVersion: ESBUILD_VERSION });
    expect(await first.main(["node", "kbo"])).toBe(2003);
    const built = await readdir(cacheRoot);
    expect(built).toHaveLength(1);
    const bundle = await readdir(join(cacheRoot, built[0]!));
    expect(bundle).toContain("main.js");
    expect(bundle.some((f: string) => f.startsWith("chunk-") || f.startsWith("read-greeting"))).toBe(true);

    // Unchanged sources: the same bundle, no second directory.
    await loadCli({ root, cacheRoot, esbuildVersion: ESBUILD_VERSION });
    expect(await readdir(cacheRoot)).toEqual(built);

    await writeFile(join(root, "functions", "src", "greeting.txt"), "abcdef");
    await writeFile(
      join(root, "functions", "src", "read-greeting.ts"),
      `import { readFileSync } from "node:fs";
export const greeting = (): string => readFileSync(new URL("./greeting.txt", import.meta.url), "utf8") + "!";`,
    );
    const edited = await loadCli({ root, cacheRoot, esbuildVersion: ESBUILD_VERSION });
    expect(await edited.main(["node", "kbo"])).toBe(2007);
    expect(await readdir(cacheRoot)).toHaveLength(2); // the old one stays until nothing can run from it
  });

  it("lets concurrent builds of the same sources share one complete bundle", async () => {
    const root = await fixtureRoot("race", "race");
    const cacheRoot = join(dir, "cache-race");
    const modules = await Promise.all(
      Array.from({ length: 4 }, () => loadCli({ root, cacheRoot, esbuildVersion: ESBUILD_VERSION })),
    );
    for (const m of modules) expect(await m.main(["node", "kbo", "x"])).toBe(3004);
    expect(await readdir(cacheRoot)).toHaveLength(1); // no temporary directory left behind
  });

  it("prunes bundles of older sources only once they are an hour old", async () => {
    const root = await fixtureRoot("prune", "p");
    const cacheRoot = join(dir, "cache-prune");
    const old = join(cacheRoot, "0000000000000old");
    const recent = join(cacheRoot, "000000000recent");
    await mkdir(old, { recursive: true });
    await mkdir(recent, { recursive: true });
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    await loadCli({ root, cacheRoot, esbuildVersion: ESBUILD_VERSION });
    const left = await readdir(cacheRoot);
    expect(left).not.toContain("0000000000000old");
    expect(left).toContain("000000000recent");
    expect(left).toHaveLength(2);
  });

  it("refuses a bundle that reads a file outside functions/src (the key would miss its edits)", async () => {
    const root = await fixtureRoot("outside", "o");
    await mkdir(join(root, "lib"), { recursive: true });
    await writeFile(join(root, "lib", "extra.ts"), "export const extra = 1;");
    await writeFile(
      join(root, "functions", "src", "cli", "main.ts"),
      `import { extra } from "../../../lib/extra.ts";
export async function main(): Promise<number> { return extra; }`,
    );
    const target = join(dir, "cache-outside", "key");
    await expect(buildCli(esbuild, root, target)).rejects.toThrow(/lib\/extra\.ts, outside functions\/src/);
    await expect(readdir(join(dir, "cache-outside"))).resolves.toEqual([]);
  });

  it("bundles the real CLI from functions/src alone", async () => {
    const target = join(dir, "cache-real", "key");
    await buildCli(esbuild, resolve("."), target);
    const files = await readdir(target);
    expect(files).toContain("main.js");
    expect(files.filter((f: string) => f.endsWith(".js")).length).toBeGreaterThan(5); // commands load lazily
  });

  it("runs the TypeScript source through tsx when esbuild cannot be loaded", async () => {
    const cacheRoot = join(dir, "cache-no-esbuild");
    const script = `
      import { loadCli } from ${JSON.stringify(resolve("bin/cli-bundle.js"))};
      const cli = await loadCli({ cacheRoot: ${JSON.stringify(cacheRoot)}, loadEsbuild: () => Promise.reject(new Error("no esbuild")) });
      process.exitCode = await cli.main(["node", "kbo", "validate", ${JSON.stringify(SAMPLE)}, "--json"]);`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script]);
    expect(JSON.parse(stdout).tabs.ผลิตภัณฑ์).toEqual({ rows: 31, valid: 31, invalid: 0 });
    await expect(readdir(cacheRoot)).rejects.toThrow(/ENOENT/);
  });
});

describe("bin/kbo.js", () => {
  it("answers the same from the bundle as from the source", async () => {
    const args = [KBO, "validate", SAMPLE, "--json"];
    const [bundled, source] = await Promise.all([
      run(process.execPath, args),
      run(process.execPath, args, { env: { ...process.env, KBO_FROM_SOURCE: "1" } }),
    ]);
    expect(bundled.stdout).toBe(source.stdout);
    expect(JSON.parse(bundled.stdout).tabs.ผลิตภัณฑ์).toEqual({ rows: 31, valid: 31, invalid: 0 });
  });
});
