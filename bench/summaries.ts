// bench/summaries: 50,000 products in the Firestore emulator → the summary tables computed (one
// streamed pass over the live products) and written to the Sheets API stand-in (API calls, seconds)
// and to an .xlsx. Goals: ≤ 3 s to compute from Firestore, ≤ 3 API calls a rebuild.
// Uses FIRESTORE_EMULATOR_HOST when set (seeding only if the products are not there yet), else starts
// the Cloud SDK emulator for the run.
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { createFirestore } from "../functions/src/adapters/firestore/client.ts";
import {
  type RunningEmulator,
  startFirestoreEmulator,
} from "../functions/src/adapters/firestore/emulator-process.ts";
import { mirror } from "../functions/src/adapters/firestore/mirror.ts";
import { readSummaries } from "../functions/src/adapters/firestore/read-summaries.ts";
import { silentLogger } from "../functions/src/adapters/log/logger.ts";
import { rebuildSummariesPorts } from "../functions/src/adapters/ports.ts";
import { createSheetsApi } from "../functions/src/adapters/sheets/sheets-client.ts";
import { writeSummariesToWorkbook } from "../functions/src/adapters/workbook/write-summaries.ts";
import { loadConfig } from "../functions/src/config.ts";
import { buildSummaryTables } from "../functions/src/domain/summaries-tables.ts";
import { validateWorkbook } from "../functions/src/domain/validate-workbook.ts";
import { rebuildSummaries } from "../functions/src/handlers/rebuild-summaries.ts";
import { rawWorkbook, products as syncRows } from "../test/integration/support/sync-fixtures.ts";
import { startSheetsApiStandIn } from "../test/support/sheets-api-stand-in.ts";
import { median, writeResults } from "./results.ts";

const PRODUCTS = 50_000;
const TOMBSTONES = 1_000;
const SOURCE = "bench-summaries-synced-50000";
const GOAL_COMPUTE_S = 3;
const GOAL_API_CALLS = 3;

const seconds = (ms: number) => Number((ms / 1000).toFixed(2));

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export async function benchSummaries() {
  const config = loadConfig();
  const emulator: RunningEmulator | undefined = config.firestoreEmulatorHost
    ? undefined
    : await startFirestoreEmulator();
  const host = config.firestoreEmulatorHost ?? emulator!.host;
  const db = createFirestore({
    firestoreEmulatorHost: host,
    projectId: config.projectId,
  });
  const standIn = await startSheetsApiStandIn();
  const dir = await mkdtemp(join(tmpdir(), "kbo-bench-summaries-"));
  try {
    // Seeded through the real sync: 50,000 rows, then the same sheet without its last 1,000 rows,
    // which become tombstones.
    const rows = syncRows(PRODUCTS);
    const live = PRODUCTS - TOMBSTONES;
    let seedMs = 0;
    const present = (
      await db.collection("products").where("source.spreadsheetId", "==", SOURCE).count().get()
    ).data().count;
    if (present !== PRODUCTS) {
      const sync = (n: number) =>
        mirror(db, {
          spreadsheetId: SOURCE,
          validation: validateWorkbook(rawWorkbook(rows.slice(0, n)), { today: "2026-11-24" }),
          read: ["products"],
          actor: "bench",
          now: new Date(),
        });
      seedMs = (
        await timed(async () => {
          await sync(PRODUCTS);
          await sync(live);
        })
      ).ms;
    }

    // The stream (first call cold, then 5 warm ones: median, and the fastest as the
    // estimate of its cost on a machine nobody else is loading).
    const streamRuns: number[] = [];
    let streamed = 0;
    for (let i = 0; i < 6; i++) {
      const run = await timed(() => readSummaries(db, { spreadsheetId: SOURCE }));
      buildSummaryTables(run.value.summaries);
      streamRuns.push(run.ms);
      streamed = run.value.stats.productDocuments;
      if (run.value.summaries.byCategory.total.products !== live) throw new Error("stream figures are wrong");
    }
    // Write: the whole function (read + tables + Sheets) three times; the first creates the tabs.
    standIn.createSpreadsheet("KBO bench", ["ผลิตภัณฑ์"], SOURCE);
    const sheets = createSheetsApi({ rootUrl: standIn.rootUrl });
    const rebuilds: { ms: number; calls: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const before = standIn.requests.length;
      const run = await timed(() =>
        rebuildSummaries(rebuildSummariesPorts({ db, sheets, log: silentLogger }), { spreadsheetId: SOURCE }),
      );
      rebuilds.push({ ms: run.ms, calls: standIn.requests.length - before });
    }
    const { summaries } = await readSummaries(db, { spreadsheetId: SOURCE });
    const tables = buildSummaryTables(summaries);
    const file = join(dir, "kbo-sample.xlsx");
    await copyFile("examples/kbo-sample.xlsx", file);
    const xlsx = await timed(() => writeSummariesToWorkbook(file, tables));

    const warm = median(streamRuns.slice(1));
    const figures = {
      products: PRODUCTS,
      liveProducts: live,
      seededSeconds: seconds(seedMs),
      streamColdSeconds: seconds(streamRuns[0]!),
      streamWarmMedianSeconds: seconds(warm),
      streamWarmFastestSeconds: seconds(Math.min(...streamRuns.slice(1))),
      streamedDocuments: streamed,
      goalComputeSeconds: GOAL_COMPUTE_S,
      rebuildFirstSeconds: seconds(rebuilds[0]!.ms),
      rebuildMedianSeconds: seconds(median(rebuilds.map((r) => r.ms))),
      apiCallsPerRebuild: Math.max(...rebuilds.map((r) => r.calls)),
      goalApiCalls: GOAL_API_CALLS,
      xlsxWriteSeconds: seconds(xlsx.ms),
      emulator: emulator ? "cloud-sdk (started for the run)" : `external ${host}`,
      // Other work on the machine slows the emulator and the client alike: say how busy it was.
      loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
      cores: cpus().length,
    };
    const markdown = [
      "## summaries",
      "",
      `${PRODUCTS.toLocaleString("en-US")} products (${live.toLocaleString("en-US")} live, the rest tombstones) synced into the Firestore emulator (the mirror, ${figures.seededSeconds} s), one source.`,
      "",
      "| figure | value |",
      "|---|---|",
      `| compute from Firestore: one streamed pass over the live products (select of 4 fields), warm median of 5 / fastest / first call | **${figures.streamWarmMedianSeconds} s** / ${figures.streamWarmFastestSeconds} s / ${figures.streamColdSeconds} s (goal ≤ ${GOAL_COMPUTE_S} s) |`,
      `| Sheets API calls per rebuild (stand-in) | **${figures.apiCallsPerRebuild}** (goal ≤ ${GOAL_API_CALLS}) |`,
      `| rebuildSummaries end to end (read + tables + Sheets), first / median of 3 | ${figures.rebuildFirstSeconds} s / ${figures.rebuildMedianSeconds} s |`,
      `| summary tabs written into an .xlsx (whole sheets of ours, the rest of the file kept; sample workbook) | ${figures.xlsxWriteSeconds} s |`,
      "",
      `Load average (1 min) at the end of the run: ${figures.loadAverage1m} on ${figures.cores} cores.`,
    ].join("\n");
    return { name: "summaries", figures, markdown };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await standIn.close();
    await db.terminate();
    await emulator?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1] ? resolve(process.argv[1]) : ""}`) {
  const result = await benchSummaries();
  await writeResults(result);
  console.log(result.markdown);
}
