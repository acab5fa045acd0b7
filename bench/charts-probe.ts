// Cold-start probe of bench/charts, run as a fresh process: loads one chart library and draws the
// sample's charts (ChartSpec JSON from a file) once. Prints JSON: the library's import and the first
// charts, each from the moment before the import (the chart code itself is loaded before that moment).
// Usage: run-ts.js bench/charts-probe.ts echarts|echarts-package|vega-package|vega-one-file SPECS.json
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { chartSvg, preloadCharts } from "../functions/src/adapters/pdf/summary-charts.ts";
import type { ChartSpec } from "../functions/src/domain/summary-report-model.ts";
import { loadVega, vegaChartSvg } from "./charts-vega.ts";

const [lib, specsFile] = process.argv.slice(2);
const specs = JSON.parse(await readFile(specsFile!, "utf8")) as ChartSpec[];
const t0 = performance.now();
let imported: number;
let svgs: string[] = [];
if (lib === "echarts") {
  // As the project loads it: summary-charts.ts's own loader (the one-file ES module build).
  await preloadCharts();
  imported = performance.now();
  svgs = await Promise.all(specs.map((s) => chartSvg(s)));
} else if (lib === "echarts-package") {
  // The package's entry (hundreds of module files): the import only, for comparison.
  const name = "echarts";
  await import(name);
  imported = performance.now();
} else if (lib === "vega-package" || lib === "vega-one-file") {
  const libs = await loadVega(lib === "vega-package" ? "package" : "one-file");
  imported = performance.now();
  for (const s of specs) svgs.push(await vegaChartSvg(libs, s));
} else {
  throw new Error(`unknown library ${lib}`);
}
const drawn = performance.now();
console.log(
  JSON.stringify({
    importMs: imported - t0,
    firstChartsMs: svgs.length ? drawn - t0 : null,
    svgBytes: svgs.reduce((n, s) => n + Buffer.byteLength(s), 0),
  }),
);
process.exit(0);
