// Shared by the benchmarks: the median, and writing bench/results/<name>.json and .md with the
// machine they ran on.
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

export interface BenchResult {
  name: string;
  figures: Record<string, number | string | boolean>;
  markdown: string;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function machine(): string {
  return `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

export async function writeResults(result: BenchResult, dir = "bench/results"): Promise<void> {
  await mkdir(dir, { recursive: true });
  const when = new Date().toISOString();
  await writeFile(
    join(dir, `${result.name}.json`),
    `${JSON.stringify({ ...result.figures, machine: machine(), when }, null, 2)}\n`,
  );
  await writeFile(join(dir, `${result.name}.md`), `${result.markdown}\n\n_${machine()}, ${when}_\n`);
}
