// bench/workbook: the .xlsx path of `kbo`. (1) A 0.5 MB zip bomb (a 480 MB sheet part): what opening
// it cost when exceljs inflated it (before) and what the zip check costs now (after), each in a fresh
// process: time, peak memory, outcome. (2) The write-back of ids and checks into a 10,000-row workbook:
// exceljs rewriting the whole file against patching the cells the system owns, and which parts of a
// workbook with chart, note and macros each keeps.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { openWorkbookFile } from "../functions/src/adapters/workbook/workbook-file.ts";
import { readZipParts } from "../functions/src/adapters/workbook/xlsx-zip.ts";
import { validateWorkbook } from "../functions/src/domain/validate-workbook.ts";
import { officeWorkbook } from "../test/support/office-workbook.ts";
import { workbookBuffer } from "../test/support/workbook-builder.ts";
import { zipBomb } from "../test/support/zip-bomb.ts";
import { PRODUCT_HEADER, productRows } from "./generate-rows.ts";
import { median, writeResults } from "./results.ts";

const ROWS = 10_000;
const RUNS = 3;
const run = promisify(execFile);

/** Opens `file` in a fresh process the old way (exceljs) or the new (zip check, then exceljs). */
const PROBE = `
const [how, file] = process.argv.slice(-2);
const mod = how === "before"
  ? await import("exceljs")
  : await import(${JSON.stringify(resolve("functions/src/adapters/workbook/read-workbook.ts"))});
const { readFile } = await import("node:fs/promises");
// Memory is sampled from here: what opening the file costs, not what starting the process did.
const start = process.memoryUsage().rss;
const highWaterBefore = process.resourceUsage().maxRSS;
let peak = start;
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 2);
const t = performance.now();
let outcome;
try {
  if (how === "before") {
    const wb = new mod.default.Workbook();
    await wb.xlsx.load(await readFile(file));
    outcome = "opened: " + wb.worksheets.map((w) => w.name + " " + w.rowCount + " rows").join(", ");
  } else {
    await mod.readWorkbook(file);
    outcome = "opened";
  }
} catch (e) {
  outcome = (e.code ?? e.name) + ": " + String(e.message).slice(0, 160);
}
const ms = performance.now() - t;
clearInterval(timer);
// The kernel's high-water mark counts only if this call raised it (a start-up spike is not the file's).
const highWaterAfter = process.resourceUsage().maxRSS;
peak = Math.max(peak, process.memoryUsage().rss, highWaterAfter > highWaterBefore ? highWaterAfter * 1024 : 0);
console.log(JSON.stringify({ ms, grewMiB: (peak - start) / 1048576, outcome }));
`;

async function probe(how: "before" | "after", file: string) {
  // Inside the repository, so the probe's imports resolve to its node_modules.
  await mkdir("bench/.cache", { recursive: true });
  const script = resolve("bench/.cache/workbook-probe.mts");
  await writeFile(script, PROBE);
  const { stdout } = await run(process.execPath, ["--import", "tsx", script, how, file], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as { ms: number; grewMiB: number; outcome: string };
}

export async function benchWorkbook() {
  const dir = await mkdtemp(join(tmpdir(), "kbo-bench-workbook-"));
  try {
    // (1) The zip bomb.
    const bomb = await zipBomb(480);
    const bombFile = join(dir, "bomb.xlsx");
    await writeFile(bombFile, bomb);
    const before = await probe("before", bombFile);
    const after = await probe("after", bombFile);
    const baseline = await probe("after", join(dir, "none.xlsx"));

    // (2) The write-back of a 10,000-row sync: ids and checks into every row.
    const big = join(dir, "products.xlsx");
    const bytes = await workbookBuffer([
      { name: "ผลิตภัณฑ์", rows: [PRODUCT_HEADER, ...productRows(ROWS)] as never },
    ]);
    const check = "ถูกต้อง บันทึกแล้ว / valid, saved";
    const exceljsMs: number[] = [];
    const patchMs: number[] = [];
    let written = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      const ws = wb.getWorksheet("ผลิตภัณฑ์")!;
      for (let r = 2; r <= ROWS + 1; r++) {
        ws.getCell(r, 1).value = `KBO-2563-${String(r).padStart(5, "0")}`;
        ws.getCell(r, 11).value = check;
      }
      await wb.xlsx.writeBuffer();
      exceljsMs.push(performance.now() - t0);

      await writeFile(big, bytes);
      const file = await openWorkbookFile(big, bytes);
      const v = validateWorkbook(file.raw, { today: "2026-11-23" });
      const t2 = performance.now();
      const layout = v.layouts.products!;
      written = file.writeBack([
        {
          sheetName: layout.sheetName,
          headerRow: layout.headerRow,
          columns: layout.columns,
          rows: v.products.map((r) => ({
            row: r.row,
            id: `KBO-2563-${String(r.row).padStart(5, "0")}`,
            check,
          })),
        },
      ]);
      await file.save();
      patchMs.push(performance.now() - t2);
    }

    // Which parts of a workbook with chart, picture, note, macros and defined names each keeps.
    const office = (await officeWorkbook({ macros: true })).bytes;
    const officeParts = await readZipParts(office, "office.xlsm");
    const ej = new ExcelJS.Workbook();
    await ej.xlsx.load(office as unknown as ArrayBuffer);
    ej.getWorksheet("ผลิตภัณฑ์")!.getCell("A2").value = "KBO-2563-001";
    const ejParts = await readZipParts(Buffer.from(await ej.xlsx.writeBuffer()), "exceljs");
    const lostByExceljs = officeParts.filter((p) => !ejParts.some((q) => q.name === p.name));
    const rewrittenByExceljs = officeParts.filter((p) =>
      ejParts.some((q) => q.name === p.name && !q.data.equals(p.data)),
    );
    const officeFile = join(dir, "office.xlsm");
    await writeFile(officeFile, office);
    const patched = await openWorkbookFile(officeFile, office);
    const pv = validateWorkbook(patched.raw, { today: "2026-11-23" });
    const pl = pv.layouts.products!;
    patched.writeBack([
      {
        sheetName: pl.sheetName,
        headerRow: pl.headerRow,
        columns: pl.columns,
        rows: pv.products.map((r, i) => ({ row: r.row, id: `KBO-2563-00${i + 1}`, check })),
      },
    ]);
    await patched.save();
    const patchedParts = await readZipParts(await readFile(officeFile), "patched");
    const changedByPatch = officeParts.filter(
      (p) => !patchedParts.some((q) => q.name === p.name && q.data.equals(p.data)),
    );

    const figures = {
      bombBytes: bomb.length,
      bombBeforeMs: Math.round(before.ms),
      bombBeforeGrewMiB: Math.round(before.grewMiB),
      bombBeforeOutcome: before.outcome,
      bombAfterMs: Math.round(after.ms),
      bombAfterGrewMiB: Math.round(after.grewMiB),
      bombAfterOutcome: after.outcome,
      processBaselineMs: Math.round(baseline.ms),
      missingFileGrewMiB: Math.round(baseline.grewMiB),
      rows: ROWS,
      cellsWritten: written,
      exceljsRewriteMs: Math.round(median(exceljsMs)),
      patchMs: Math.round(median(patchMs)),
      patchOverExceljs: Number((median(patchMs) / median(exceljsMs)).toFixed(2)),
      officeParts: officeParts.length,
      partsLostByExceljs: lostByExceljs.map((p) => p.name).join(", "),
      partsRewrittenByExceljs: rewrittenByExceljs.length,
      partsChangedByPatch: changedByPatch.map((p) => p.name).join(", "),
    };
    const markdown = `## workbook

(1) A ${(bomb.length / 1e6).toFixed(2)} MB zip bomb (its sheet part unpacks to 480 MB), opened in a fresh process
(time and memory from the call on, the process's start left out):

| | time | memory it took (peak − before) | outcome |
|---|---|---|---|
| before: exceljs inflates it (what \`kbo validate\`/\`sync\` did) | ${(before.ms / 1000).toFixed(1)} s | ${Math.round(before.grewMiB)} MiB | ${before.outcome.replace(/\|/g, "/")} |
| after: the zip's directory checked first (xlsx-zip.ts) | ${Math.round(after.ms)} ms | ${Math.round(after.grewMiB)} MiB | ${after.outcome.replace(/\|/g, "/").slice(0, 90)}… |
| (the same call on a missing file, for scale) | ${Math.round(baseline.ms)} ms | ${Math.round(baseline.grewMiB)} MiB | |

(2) The write-back of a ${ROWS.toLocaleString("en-US")}-row sync (an id and a check text into every row, ${written.toLocaleString("en-US")} cells), median of ${RUNS}:

| | time |
|---|---|
| exceljs: load, set the cells, write the whole workbook | ${Math.round(median(exceljsMs))} ms |
| patch: the cells written into the sheet's XML, the zip written again (after the file is open and validated, which \`sync\` does anyway) | ${Math.round(median(patchMs))} ms |
| **ratio patch / exceljs** | **${figures.patchOverExceljs}** |

On an .xlsm with a chart, a picture, a note, macros, printer settings and defined names (${officeParts.length} parts),
exceljs drops ${lostByExceljs.map((p) => `\`${p.name}\``).join(", ")} and rewrites ${rewrittenByExceljs.length} of the
others (the defined print area among them). The patch changes only
${changedByPatch.map((p) => `\`${p.name}\``).join(", ")} (the cells it owns, one wrapping style, the hidden \`_kbo\` sheet's entry),
every other part byte for byte.`;
    await writeResults({ name: "workbook", figures, markdown });
    console.log(markdown);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${resolve(process.argv[1] ?? "")}`) await benchWorkbook();
