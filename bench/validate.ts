// bench/validate: rows validated per second in memory (100,000 product rows), and `kbo validate`
// end to end on a 10,000-row workbook (process start, xlsx read, validation, output).
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { readWorkbook } from "../functions/src/adapters/workbook/read-workbook.ts";
import { validateWorkbook } from "../functions/src/domain/validate-workbook.ts";
import { writeWorkbook } from "../test/support/workbook-builder.ts";
import { PRODUCT_HEADER, productRows } from "./generate-rows.ts";
import { median, writeResults } from "./results.ts";

const IN_MEMORY_ROWS = 100_000;
const WORKBOOK_ROWS = 10_000;
const GOAL_ROWS_PER_SECOND = 200_000;

function sheetOf(rows: unknown[][]) {
  return {
    sheets: [
      {
        name: "ผลิตภัณฑ์",
        rows: [PRODUCT_HEADER, ...rows].map((cells, i) => ({ row: i + 1, cells: cells as never[] })),
      },
    ],
  };
}

export async function benchValidate() {
  const wb = sheetOf(productRows(IN_MEMORY_ROWS));
  const ctx = { today: "2026-11-23" };
  validateWorkbook(sheetOf(productRows(5_000)), ctx); // warm-up
  const times: number[] = [];
  let invalid = 0;
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    const v = validateWorkbook(wb, ctx);
    times.push(performance.now() - t0);
    invalid = v.tabs.ผลิตภัณฑ์!.invalid;
  }
  const ms = median(times);
  const rowsPerSecond = Math.round(IN_MEMORY_ROWS / (ms / 1000));

  const dir = await mkdtemp(join(tmpdir(), "kbo-bench-"));
  const file = join(dir, "products-10000.xlsx");
  await writeWorkbook(file, [
    { name: "ผลิตภัณฑ์", rows: [PRODUCT_HEADER, ...productRows(WORKBOOK_ROWS)] as never },
  ]);
  const t1 = performance.now();
  await readWorkbook(file);
  const readMs = performance.now() - t1;
  const cli: number[] = [];
  for (let run = 0; run < 3; run++) {
    const t2 = performance.now();
    await promisify(execFile)(process.execPath, [resolve("bin/kbo.js"), "validate", file, "--json"], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((e: { code?: number }) => {
      if (e.code !== 1) throw e; // the generated sheet has invalid rows on purpose: exit 1
    });
    cli.push(performance.now() - t2);
  }
  await rm(dir, { recursive: true, force: true });

  const figures = {
    inMemoryRows: IN_MEMORY_ROWS,
    inMemoryMedianMs: Math.round(ms),
    rowsPerSecond,
    goalRowsPerSecond: GOAL_ROWS_PER_SECOND,
    ratioToGoal: Number((rowsPerSecond / GOAL_ROWS_PER_SECOND).toFixed(2)),
    invalidRowsFound: invalid,
    workbookRows: WORKBOOK_ROWS,
    xlsxReadMs: Math.round(readMs),
    cliEndToEndMedianMs: Math.round(median(cli)),
  };
  const markdown = [
    "## validate",
    "",
    "| figure | value |",
    "|---|---|",
    `| rows validated per second, in memory (${IN_MEMORY_ROWS.toLocaleString("en-US")} product rows, median of 5) | **${rowsPerSecond.toLocaleString("en-US")}** (goal ≥ ${GOAL_ROWS_PER_SECOND.toLocaleString("en-US")}: ${figures.ratioToGoal}× the goal) |`,
    `| \`kbo validate --json\` end to end, ${WORKBOOK_ROWS.toLocaleString("en-US")}-row workbook (median of 3) | ${figures.cliEndToEndMedianMs} ms |`,
    `| of which reading the .xlsx (exceljs, in process) | ${figures.xlsxReadMs} ms |`,
  ].join("\n");
  return { name: "validate", figures, markdown };
}

if (import.meta.url === `file://${process.argv[1] ? resolve(process.argv[1]) : ""}`) {
  const result = await benchValidate();
  await writeResults(result);
  console.log(result.markdown);
}
