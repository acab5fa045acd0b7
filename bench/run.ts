// `npm run bench [-- NAME…]`: runs each benchmark in a fresh process, one after another (they start
// their own emulators and browsers, and must not compete for the 2 cores), then gathers every
// bench/results/*.md into bench/results/README.md.
import { spawnSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const BENCHES = [
  "validate",
  "sync-http",
  "summaries",
  "report",
  "charts",
  "coldstart",
  "workbook",
  "bundle",
] as const;
const RESULTS = "bench/results";

const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(BENCHES as readonly string[]).includes(a));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; choose from ${BENCHES.join(", ")}`);
  process.exit(2);
}
let failed = 0;
for (const name of asked.length > 0 ? asked : BENCHES) {
  console.log(`\n=== bench/${name}`);
  const run = spawnSync(process.execPath, ["bin/run-ts.js", `bench/${name}.ts`], { stdio: "inherit" });
  if (run.status !== 0) {
    console.error(`bench/${name} failed (exit ${run.status ?? run.signal})`);
    failed++;
  }
}
const parts: string[] = [
  "# Benchmark results",
  "",
  "Latest figures of `npm run bench`, one section per benchmark (each also in its own .json). The machine is",
  "the 2-core development/CI machine; runs made while other work loaded it are marked in their section.",
];
for (const file of (await readdir(RESULTS)).filter((f) => f.endsWith(".md") && f !== "README.md").sort()) {
  parts.push("", (await readFile(join(RESULTS, file), "utf8")).trim());
}
await writeFile(join(RESULTS, "README.md"), `${parts.join("\n")}\n`);
console.log(`\nresults gathered in ${RESULTS}/README.md`);
process.exitCode = failed > 0 ? 1 : 0;
