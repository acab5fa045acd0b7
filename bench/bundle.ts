// bench/bundle: what a reader follows from each handler — the project's own files esbuild bundles
// for it (SDKs and other packages left out) and their lines, from esbuild's metafile. The issue that
// reduced the model counted the `sync` handler at 43 files and 4,263 lines (lines: each file's text
// split on newlines, so a final newline counts one more).
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { build } from "esbuild";
import { type BenchResult, writeResults } from "./results.ts";

const HANDLERS = ["sync", "rebuild-summaries", "meeting-report", "reconcile"] as const;
const BEFORE = { sync: { files: 43, lines: 4263 } };

async function count(entries: string[]): Promise<{ files: number; lines: number }> {
  const { metafile } = await build({
    stdin: { contents: entries.map((e) => `import "./${e}";`).join("\n"), resolveDir: ".", loader: "ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const own = Object.keys(metafile.inputs).filter((f) => f.startsWith("functions/src/"));
  const lines = await Promise.all(own.map(async (f) => (await readFile(f, "utf8")).split("\n").length));
  return { files: own.length, lines: lines.reduce((a, b) => a + b, 0) };
}

export async function benchBundle(): Promise<BenchResult> {
  const figures: Record<string, number> = {};
  const rows: string[] = [];
  // The handler takes its Firestore as ports: with them, the whole path of a sheet edit into Firestore.
  const path = await count([
    "functions/src/handlers/sync.ts",
    "functions/src/adapters/firestore/sync-ports.ts",
  ]);
  figures.syncWithPortsFiles = path.files;
  figures.syncWithPortsLines = path.lines;
  const was = `(was ${BEFORE.sync.files} files, ${BEFORE.sync.lines.toLocaleString("en-US")} lines)`;
  rows.push(
    `| sync with its Firestore ports | ${path.files} | ${path.lines.toLocaleString("en-US")} ${was} |`,
  );
  for (const h of HANDLERS) {
    const c = await count([`functions/src/handlers/${h}.ts`]);
    figures[`${h}Files`] = c.files;
    figures[`${h}Lines`] = c.lines;
    rows.push(`| ${h} alone | ${c.files} | ${c.lines.toLocaleString("en-US")} |`);
  }
  const markdown = [
    "## bench/bundle — the project's own code behind each handler (esbuild metafile)",
    "",
    "| handler | files | lines |",
    "|---|---|---|",
    ...rows,
    "",
    `\`node bin/run-ts.js bench/bundle.ts\`. Goal: the path of a sheet edit into Firestore (sync with its ports) ` +
      `in fewer than ${BEFORE.sync.files} files and ${BEFORE.sync.lines.toLocaleString("en-US")} lines, ` +
      `the figures of the \`sync\` handler before the model was reduced: ` +
      (path.files < BEFORE.sync.files && path.lines < BEFORE.sync.lines ? "met." : "not met yet."),
  ].join("\n");
  return { name: "bundle", figures, markdown };
}

if (import.meta.url === `file://${process.argv[1] ? resolve(process.argv[1]) : ""}`) {
  const result = await benchBundle();
  await writeResults(result);
  console.log(result.markdown);
}
