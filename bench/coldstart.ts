// bench/coldstart: a fresh process imports the deployed bundle and answers a first request, against a
// baseline that also imports the whole `googleapis` package (what a function written against
// googleapis instead of @googleapis/sheets loads). Medians of alternating runs, one machine, one run.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { bundleFunctions } from "../functions/deploy/bundle.ts";
import { median, writeResults } from "./results.ts";

const run = promisify(execFile);
const RUNS = 7;
const GOAL_RATIO = 0.25;
const GOOGLEAPIS = "googleapis@178.0.0"; // the last major that runs on Node 20
const CACHE = resolve("bench/.cache");

async function ensureGoogleapis(): Promise<string> {
  const entry = join(CACHE, "node_modules", "googleapis", "package.json");
  if (!existsSync(entry)) {
    await mkdir(CACHE, { recursive: true });
    console.error(`installing ${GOOGLEAPIS} into bench/.cache for the baseline…`);
    await run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", CACHE, GOOGLEAPIS], {
      maxBuffer: 16 * 1024 * 1024,
    });
  }
  const baseline = join(CACHE, "baseline.mjs");
  await writeFile(
    baseline,
    'import { google } from "googleapis";\nglobalThis.__sheets = google.sheets("v4");\n',
  );
  return pathToFileURL(baseline).href;
}

async function probe(entry: string, warm?: string) {
  const env = {
    ...process.env,
    ID_TOKEN_AUDIENCE: "bench.apps.googleusercontent.com",
    ALLOWED_CALLERS: "bench@example.org",
    GOOGLE_CLOUD_PROJECT: "kbo-bench-project",
  };
  const t0 = performance.now();
  const { stdout } = await run(
    process.execPath,
    ["bench/coldstart-probe.mjs", entry, ...(warm ? [warm] : [])],
    { env },
  );
  const wallMs = performance.now() - t0;
  // The functions log JSON lines of their own (the redacted config at start-up): the probe's is the last.
  const r = JSON.parse(stdout.trim().split("\n").at(-1)!) as {
    importMs: number;
    firstResponseMs: number;
    status: number;
  };
  if (r.status !== 401) throw new Error(`first request answered ${r.status}, expected 401`);
  return { ...r, wallMs };
}

export async function benchColdstart() {
  const { bytes } = await bundleFunctions(resolve("."), resolve("dist/functions"));
  const ours = pathToFileURL(resolve("dist/functions/index.js")).href;
  const baselineExtra = await ensureGoogleapis();
  const a: Awaited<ReturnType<typeof probe>>[] = [];
  const b: Awaited<ReturnType<typeof probe>>[] = [];
  await probe(ours); // warms the OS file cache for both
  await probe(ours, baselineExtra);
  for (let i = 0; i < RUNS; i++) {
    a.push(await probe(ours));
    b.push(await probe(ours, baselineExtra));
  }
  const m = (xs: typeof a, k: "firstResponseMs" | "wallMs" | "importMs") =>
    Math.round(median(xs.map((x) => x[k])));
  const figures = {
    runs: RUNS,
    bundleKiB: Math.round(bytes / 1024),
    oursFirstResponseMs: m(a, "firstResponseMs"),
    oursImportMs: m(a, "importMs"),
    oursWallMs: m(a, "wallMs"),
    baselineFirstResponseMs: m(b, "firstResponseMs"),
    baselineWallMs: m(b, "wallMs"),
    ratio: 0,
    goalRatio: GOAL_RATIO,
  };
  figures.ratio = Number((figures.oursFirstResponseMs / figures.baselineFirstResponseMs).toFixed(2));
  const markdown = [
    "## coldstart",
    "",
    `Fresh process → import the deployed bundle (${figures.bundleKiB} KiB of JavaScript in chunks, SDKs external) → first answer of \`sync\` (401, no token). Median of ${RUNS} alternating runs.`,
    "",
    "| | first response | of which import | process wall time |",
    "|---|---|---|---|",
    `| ours (@googleapis/sheets, adapters loaded on first use; zod/mini and the OAuth2 client of google-auth-library bundled) | ${figures.oursFirstResponseMs} ms | ${figures.oursImportMs} ms | ${figures.oursWallMs} ms |`,
    `| baseline (the same plus the whole \`googleapis\`) | ${figures.baselineFirstResponseMs} ms | | ${figures.baselineWallMs} ms |`,
    `| **ratio ours / baseline** | **${figures.ratio}** (goal ≤ ${GOAL_RATIO}) | | |`,
  ].join("\n");
  return { name: "coldstart", figures, markdown };
}

if (import.meta.url === `file://${process.argv[1] ? resolve(process.argv[1]) : ""}`) {
  const result = await benchColdstart();
  await writeResults(result);
  console.log(result.markdown);
}
