// Cold starts measured in fresh processes, as a new function instance pays them: a probe script is
// bundled with esbuild like the deployed code (our TypeScript in one file, packages loaded from
// node_modules by plain Node, no tsx hooks slowing each module load) and run once per measurement.
import { execFile } from "node:child_process";
import { copyFile, mkdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { build } from "esbuild";
import { STYLESHEETS } from "../functions/deploy/bundle.ts";

const run = promisify(execFile);
const CACHE = resolve("bench/.cache");

/** Bundles `entry` into bench/.cache/<name>.mjs, with the stylesheets the PDF adapter reads beside it. */
export async function buildProbe(entry: string): Promise<string> {
  await mkdir(CACHE, { recursive: true });
  const outfile = join(CACHE, `${basename(entry, ".ts")}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  for (const css of STYLESHEETS) await copyFile(join("functions/src/adapters/pdf", css), join(CACHE, css));
  return outfile;
}

/** Runs a probe in a new Node process; its last output line is its JSON result. */
export async function runProbe<T>(file: string, args: string[]): Promise<T & { wallMs: number }> {
  const t0 = performance.now();
  const { stdout } = await run(process.execPath, [file, ...args], { maxBuffer: 16 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  return { ...(JSON.parse(stdout.trim().split("\n").at(-1)!) as T), wallMs };
}
