// @ts-check
// Loads the kbo CLI as one esbuild bundle of functions/src, cached under node_modules/.cache/kbo-cli and
// rebuilt whenever a source file changes: starting from source through tsx costs about half a second.
// Without esbuild (or a writable cache) it falls back to tsx, so `kbo` always runs.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** @typedef {{ main: (argv: string[]) => Promise<number> }} CliModule */
/** @typedef {{ build: (options: object) => Promise<{ metafile?: { inputs: Record<string, unknown> } }> }} Esbuild */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Bumped when the build below changes shape, so no cache from an older loader is reused. */
const FORMAT = "1";
/** A cache another `kbo` may still be running from is left alone this long. */
const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * The cache key: every file under functions/src (path and content), the Node major the bundle
 * targets, esbuild's version and where the repository lies (the bundle names its source files).
 * @param {string} root
 * @param {string} esbuildVersion
 */
export function sourceKey(root, esbuildVersion) {
  const hash = createHash("sha256");
  hash.update(`${FORMAT}\0${root}\0${process.versions.node.split(".")[0]}\0${esbuildVersion}\0`);
  /** @param {string} dir */
  const walk = (dir) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else
        hash
          .update(`${relative(root, path)}\0`)
          .update(readFileSync(path))
          .update("\0");
    }
  };
  walk(join(root, "functions", "src"));
  return hash.digest("hex").slice(0, 16);
}

/**
 * Code moved into a bundle chunk keeps reading its neighbours (report.css, package.json, the sample
 * workbook) where the source file sits: `import.meta.url` becomes that file's own URL.
 * @param {string} root
 */
const sourceUrls = (root) => ({
  name: "kbo-source-urls",
  /** @param {{ onLoad: Function }} build */
  setup(build) {
    const filter = new RegExp(
      `^${join(root, "functions", "src").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}.*\\.ts$`,
    );
    build.onLoad({ filter }, async (/** @type {{ path: string }} */ args) => {
      const text = await readFile(args.path, "utf8");
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: text.replaceAll("import.meta.url", url), loader: "ts" };
    });
  },
});

/**
 * Builds the CLI into `dir` (through a temporary directory and a rename, so a concurrent `kbo` never
 * sees half a bundle) unless it is there already. Refuses a bundle that read a file outside
 * functions/src: the cache key would not see that file change.
 * @param {Esbuild} esbuild
 * @param {string} root
 * @param {string} dir
 */
export async function buildCli(esbuild, root, dir) {
  if (existsSync(join(dir, "main.js"))) return;
  const temp = `${dir}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      metafile: true,
      entryPoints: { main: join(root, "functions", "src", "cli", "main.ts") },
      outdir: temp,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: `node${process.versions.node.split(".")[0]}`,
      packages: "external",
      sourcemap: "linked",
      logLevel: "silent",
      plugins: [sourceUrls(root)],
    });
    const outside = Object.keys(result.metafile?.inputs ?? {}).filter((f) => !f.startsWith("functions/src/"));
    if (outside.length > 0)
      throw new Error(`the kbo bundle reads ${outside.join(", ")}, outside functions/src`);
    renameSync(temp, dir);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    // Another `kbo` finished the same bundle first: use it.
    if (!existsSync(join(dir, "main.js"))) throw e;
  }
}

/** Removes bundles of older sources, once nothing can still be running from them. @param {string} cacheRoot @param {string} keep */
function pruneStale(cacheRoot, keep) {
  for (const name of readdirSync(cacheRoot)) {
    const path = join(cacheRoot, name);
    if (name === keep || Date.now() - statSync(path).mtimeMs < STALE_AFTER_MS) continue;
    rmSync(path, { recursive: true, force: true });
  }
}

/** esbuild's version, read without loading esbuild (an unchanged bundle never needs it). */
function esbuildVersion() {
  const path = createRequire(import.meta.url).resolve("esbuild/package.json");
  return /** @type {{ version: string }} */ (JSON.parse(readFileSync(path, "utf8"))).version;
}

/**
 * The CLI module: the cached bundle when esbuild is there (built on first use), else the TypeScript
 * source through tsx. KBO_FROM_SOURCE=1 forces the source.
 * @param {{ root?: string, cacheRoot?: string, loadEsbuild?: () => Promise<Esbuild>, esbuildVersion?: () => string }} [options]
 * @returns {Promise<CliModule>}
 */
export async function loadCli(options = {}) {
  const root = options.root ?? ROOT;
  const cacheRoot = options.cacheRoot ?? join(root, "node_modules", ".cache", "kbo-cli");
  const loadEsbuild = options.loadEsbuild ?? (() => import("esbuild"));
  /** @type {string | undefined} */
  let bundle;
  if (process.env.KBO_FROM_SOURCE !== "1") {
    try {
      const key = sourceKey(root, (options.esbuildVersion ?? esbuildVersion)());
      const dir = join(cacheRoot, key);
      if (!existsSync(join(dir, "main.js"))) await buildCli(await loadEsbuild(), root, dir);
      bundle = join(dir, "main.js");
      try {
        pruneStale(cacheRoot, key);
      } catch {
        // Pruning is housekeeping: a failure must not stop the command.
      }
    } catch {
      bundle = undefined; // no esbuild, or no writable cache: run from source
    }
  }
  if (bundle) {
    // Stack traces of unexpected errors point into functions/src, not into the bundle's chunks.
    process.setSourceMapsEnabled(true);
    return import(pathToFileURL(bundle).href);
  }
  const { register } = await import("tsx/esm/api");
  register();
  return import(pathToFileURL(join(root, "functions", "src", "cli", "main.ts")).href);
}
