// bench/charts: the summary report's chart library. ECharts' server-side SVG renderer, as the project
// loads it (its one-file build, summary-charts.ts), against Vega-Lite (vega + vega-lite, not
// dependencies: the bench says how to install them and is skipped without them), on the sample's three
// charts: cold start in fresh processes, warm render, SVG size, the summary PDF's size with each
// library's charts, and whether every chart label reaches the PDF's text layer whole.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { systemChromium } from "../functions/src/adapters/pdf/find-chromium.ts";
import { createPdfRenderer, type PdfRenderer } from "../functions/src/adapters/pdf/pdf-renderer.ts";
import { chartSvg, preloadCharts } from "../functions/src/adapters/pdf/summary-charts.ts";
import {
  type SummaryCharts,
  summaryReportDocument,
} from "../functions/src/adapters/pdf/summary-report-html.ts";
import {
  buildSummaryReportModel,
  type ChartSpec,
  type SummaryReportModel,
} from "../functions/src/domain/summary-report-model.ts";
import { sampleSummaryInput } from "../test/support/sample-summary.ts";
import { loadVega, VEGA_INSTALL, type VegaLibs, vegaChartSvg, vegaFiles } from "./charts-vega.ts";
import { buildProbe, runProbe } from "./fresh-process.ts";
import { median, writeResults } from "./results.ts";

const COLD_RUNS = 7;
const WARM_RUNS = 30;
const run = promisify(execFile);
/** The installed version of a package (some export no package.json: found from their entry up). */
function version(pkg: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(pkg));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const m = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version: string };
      if (m.name === pkg) return m.version;
    }
    if (dirname(dir) === dir) return "?";
    dir = dirname(dir);
  }
}

type Lib = "echarts" | "echarts-package" | "vega-package" | "vega-one-file";
interface Probe {
  importMs: number;
  firstChartsMs: number | null;
  svgBytes: number;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const ms = (x: number) => Math.round(x);

/** Cold: each library in fresh processes, interleaved; medians. */
async function cold(libs: Lib[], specsFile: string) {
  const probe = await buildProbe("bench/charts-probe.ts");
  const runs = new Map<Lib, (Probe & { wallMs: number })[]>(libs.map((l) => [l, []]));
  for (const lib of libs) await runProbe<Probe>(probe, [lib, specsFile]); // the OS file cache, once each
  for (let i = 0; i < COLD_RUNS; i++) {
    for (const lib of libs) runs.get(lib)!.push(await runProbe<Probe>(probe, [lib, specsFile]));
  }
  return new Map(
    [...runs].map(([lib, rs]) => [
      lib,
      {
        importMs: ms(median(rs.map((r) => r.importMs))),
        firstChartsMs: rs[0]!.firstChartsMs === null ? null : ms(median(rs.map((r) => r.firstChartsMs!))),
        processMs: ms(median(rs.map((r) => r.wallMs))),
      },
    ]),
  );
}

/** Warm: the three charts drawn again and again in one process; the median of a set of three. */
async function warm(draw: () => Promise<string[]>): Promise<number> {
  for (let i = 0; i < 3; i++) await draw();
  const times: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const t = performance.now();
    await draw();
    times.push(performance.now() - t);
  }
  return Math.round(median(times) * 10) / 10;
}

const chartsOf = (svgs: string[]): SummaryCharts => ({
  categories: svgs[0],
  districts: svgs[1],
  revenue: svgs[2],
});

/** Every text a chart prints of the model: category and district labels (each line), units, series. */
function chartLabels(specs: ChartSpec[]): string[] {
  return [
    ...new Set(
      specs.flatMap((s) => [
        ...s.categories.flatMap((c) => c.split("\n")),
        s.unit,
        ...(s.series.length > 1 ? s.series.map((x) => x.name) : []),
      ]),
    ),
  ];
}

/** The labels missing from the text layer of a PDF holding only these charts (pdftotext -raw). */
async function missingFromTextLayer(
  renderer: PdfRenderer,
  svgs: string[],
  labels: string[],
  dir: string,
): Promise<string[]> {
  const pdf = await renderer.renderDocument({
    title: "charts",
    css: "figure { margin: 0 0 1cm; }",
    body: svgs.map((s) => `<figure>${s}</figure>`).join("\n"),
  });
  const file = join(dir, `charts-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run("pdftotext", ["-raw", file, "-"]);
  const text = stdout.replace(/\s+/g, "");
  return labels.filter((l) => !text.includes(l.replace(/\s+/g, "")));
}

/** Labels cut short by the library (an ellipsis in an SVG <text>). */
const cutLabels = (svgs: string[]) =>
  svgs.flatMap((s) => [...s.matchAll(/<(?:text|tspan)[^>]*>([^<]*…)<\//g)].map((m) => m[1]!));

interface LibFigures {
  warmMs: number;
  svgBytes: number;
  pdfBytes: number;
  pdfPages: number;
  missing: string[];
  cut: string[];
}

async function measure(
  draw: () => Promise<string[]>,
  model: SummaryReportModel,
  labels: string[],
  renderer: PdfRenderer,
  dir: string,
): Promise<LibFigures> {
  const svgs = await draw();
  const pdf = await renderer.renderDocument(summaryReportDocument(model, chartsOf(svgs)));
  return {
    warmMs: await warm(draw),
    svgBytes: svgs.reduce((n, s) => n + Buffer.byteLength(s), 0),
    pdfBytes: pdf.length,
    pdfPages: (
      Buffer.from(pdf)
        .toString("latin1")
        .match(/\/Type\s*\/Page\b/g) ?? []
    ).length,
    missing: await missingFromTextLayer(renderer, svgs, labels, dir),
    cut: cutLabels(svgs),
  };
}

export async function benchCharts() {
  const input = await sampleSummaryInput();
  const model = buildSummaryReportModel({ ...input, scope: "สมุดงานตัวอย่าง", today: "2026-12-01" });
  const specs = [model.categories.chart, model.districts.chart, model.revenueByYear.chart].filter(
    (s): s is ChartSpec => s !== null,
  );
  const labels = chartLabels(specs);
  const withVega = vegaFiles() !== undefined;
  if (!withVega) {
    console.log(
      `bench/charts: vega and vega-lite are not installed, so Vega-Lite is skipped and bench/results/charts.md is left as it was.\n  To compare: ${VEGA_INSTALL} (they are not dependencies), then npm run bench -- charts`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), "kbo-bench-charts-"));
  const specsFile = join(dir, "specs.json");
  await writeFile(specsFile, JSON.stringify(specs));
  const chromium = systemChromium();
  if (!chromium) throw new Error("no system Chromium: sudo apt-get install -y chromium");
  const renderer = createPdfRenderer({ chromium: async () => chromium });
  try {
    const colds = await cold(
      withVega
        ? ["echarts", "echarts-package", "vega-package", "vega-one-file"]
        : ["echarts", "echarts-package"],
      specsFile,
    );
    await preloadCharts();
    const echarts = await measure(
      () => Promise.all(specs.map((s) => chartSvg(s))),
      model,
      labels,
      renderer,
      dir,
    );
    let vega: LibFigures | undefined;
    let vegaNoLimit: LibFigures | undefined;
    if (withVega) {
      const libs: VegaLibs = await loadVega("package");
      const draw = (limit?: number) => async () => {
        const out: string[] = [];
        for (const s of specs)
          out.push(await vegaChartSvg(libs, s, limit === undefined ? {} : { labelLimit: limit }));
        return out;
      };
      vega = await measure(draw(), model, labels, renderer, dir);
      vegaNoLimit = await measure(draw(0), model, labels, renderer, dir);
    }
    return report({ model, labels, colds, echarts, vega, vegaNoLimit, chromium: chromium.label });
  } finally {
    await renderer.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The choice, said from the figures of this run. */
function verdict(
  e: LibFigures,
  v: LibFigures | undefined,
  colds: Map<Lib, { importMs: number; firstChartsMs: number | null }>,
): string {
  const ec = colds.get("echarts")!;
  const parts = [
    "Both draw vector SVG whose labels are real text, and Chromium prints both into the PDF's text layer.",
    e.missing.length === 0 && e.cut.length === 0
      ? "ECharts prints every label of the sample whole with its defaults (it does not cut axis labels)."
      : `ECharts lost ${e.missing.length} label(s) from the text layer.`,
  ];
  if (v) {
    const vp = colds.get("vega-package")!;
    const vo = colds.get("vega-one-file")!;
    parts.push(
      v.cut.length > 0
        ? `Vega-Lite cut ${v.cut.length} Thai label(s) short with its defaults, and a label cut in the chart is cut in the PDF's text layer too; the way around it (\`labelLimit: 0\`) leaves the layout to its wrong width estimates.`
        : "Vega-Lite cut no label of this sample short.",
      `Loading is no reason either way: ECharts' one-file ES module build ${ec.importMs} ms, Vega-Lite's package entries ${vp.importMs} ms, its one-file builds ${vo.importMs} ms (UMD files that work by defining globals). Cold to the first three charts: ${ec.firstChartsMs} ms against ${vp.firstChartsMs} ms (package entries); warm ${e.warmMs} ms against ${v.warmMs} ms; the summary PDF ${kb(e.pdfBytes)} KB against ${kb(v.pdfBytes)} KB: all far inside the report's goals (bench/report).`,
      "So the choice rests on Thai labels printed whole, which Vega cannot measure without a canvas.",
    );
  }
  return parts.join(" ");
}

function report(r: {
  model: SummaryReportModel;
  labels: string[];
  colds: Map<Lib, { importMs: number; firstChartsMs: number | null; processMs: number }>;
  echarts: LibFigures;
  vega: LibFigures | undefined;
  vegaNoLimit: LibFigures | undefined;
  chromium: string;
}) {
  const e = r.colds.get("echarts")!;
  const ep = r.colds.get("echarts-package")!;
  const vp = r.colds.get("vega-package");
  const vo = r.colds.get("vega-one-file");
  const n = r.labels.length;
  const found = (f: LibFigures) =>
    `${n - f.missing.length} of ${n}${f.missing.length ? ` (missing: ${f.missing.map((m) => `“${m}”`).join(", ")})` : ""}`;
  const cut = (f: LibFigures) =>
    f.cut.length ? `${f.cut.length}: ${f.cut.map((c) => `“${c}”`).join(", ")}` : "none";
  const figures = {
    coldRuns: COLD_RUNS,
    warmRuns: WARM_RUNS,
    echartsVersion: version("echarts"),
    echartsImportMs: e.importMs,
    echartsFirstChartsMs: e.firstChartsMs ?? 0,
    echartsPackageEntryImportMs: ep.importMs,
    echartsWarmMs: r.echarts.warmMs,
    echartsSvgBytes: r.echarts.svgBytes,
    echartsPdfBytes: r.echarts.pdfBytes,
    echartsLabelsMissing: r.echarts.missing.length,
    echartsLabelsCut: r.echarts.cut.length,
    labels: n,
    ...(r.vega && vp && vo
      ? {
          vegaVersion: version("vega"),
          vegaLiteVersion: version("vega-lite"),
          vegaPackageImportMs: vp.importMs,
          vegaPackageFirstChartsMs: vp.firstChartsMs ?? 0,
          vegaOneFileImportMs: vo.importMs,
          vegaOneFileFirstChartsMs: vo.firstChartsMs ?? 0,
          vegaWarmMs: r.vega.warmMs,
          vegaSvgBytes: r.vega.svgBytes,
          vegaPdfBytes: r.vega.pdfBytes,
          vegaLabelsMissing: r.vega.missing.length,
          vegaLabelsCut: r.vega.cut.length,
          vegaNoLabelLimitLabelsMissing: r.vegaNoLimit!.missing.length,
        }
      : {}),
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
  const v = r.vega;
  const rows: [string, string, string][] = [
    [
      `cold: import, fresh process (median of ${COLD_RUNS})`,
      `${e.importMs} ms (one-file build, as loaded); ${ep.importMs} ms from the package entry`,
      vp && vo ? `${vp.importMs} ms (package entries); ${vo.importMs} ms (one-file builds)` : "—",
    ],
    [
      "cold: import + the first three charts",
      `${e.firstChartsMs} ms`,
      vp && vo ? `${vp.firstChartsMs} ms (package entries); ${vo.firstChartsMs} ms (one-file builds)` : "—",
    ],
    [`warm: the three charts (median of ${WARM_RUNS})`, `${r.echarts.warmMs} ms`, v ? `${v.warmMs} ms` : "—"],
    ["SVG of the three charts", `${kb(r.echarts.svgBytes)} KB`, v ? `${kb(v.svgBytes)} KB` : "—"],
    [
      `the summary PDF with these charts (${r.chromium})`,
      `${kb(r.echarts.pdfBytes)} KB, ${r.echarts.pdfPages} pages`,
      v ? `${kb(v.pdfBytes)} KB, ${v.pdfPages} pages` : "—",
    ],
    ["chart labels in the PDF's text layer, whole", found(r.echarts), v ? found(v) : "—"],
    ["labels the library cut short with “…”", cut(r.echarts), v ? cut(v) : "—"],
  ];
  const vegaHead = v
    ? `Vega-Lite ${version("vega-lite")} + Vega ${version("vega")}`
    : "Vega-Lite (not installed)";
  const markdown = [
    "## bench/charts — the summary report's chart library",
    "",
    `The sample workbook's three summary charts (${r.model.previousYear} and ${r.model.year} by category, by district, revenue over five years), drawn as SVG without a browser or a canvas. Cold figures come from fresh Node processes running a probe bundled like the deployed code (no tsx), interleaved; the PDFs are the whole summary report, printed by ${r.chromium}.`,
    "",
    `| measure | ECharts ${version("echarts")} (server-side SVG) | ${vegaHead} |`,
    "|---|---|---|",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
    "",
    ...(v && r.vegaNoLimit
      ? [
          `Vega measures text without a canvas by estimate (0.8 × font size per UTF-16 code unit): Thai vowel and tone marks, which take no width, are counted as letters, so a Thai label looks about twice as wide as it prints and passes Vega-Lite's default label limit (180 px). Setting \`labelLimit: 0\` keeps every label whole (${found(r.vegaNoLimit)} in the text layer) but the layout still reserves the estimated widths.`,
          "",
        ]
      : [`Vega-Lite was not measured (${VEGA_INSTALL} to include it).`, ""]),
    `**Why ECharts.** ${verdict(r.echarts, v, r.colds)}`,
    "",
    `Load average (1 min) at the end of the run: ${figures.loadAverage1m} on 2 cores.`,
  ].join("\n");
  return { name: "charts", figures, markdown };
}

if (import.meta.url === `file://${process.argv[1] ? resolve(process.argv[1]) : ""}`) {
  const result = await benchCharts();
  if (vegaFiles()) await writeResults(result);
  console.log(result.markdown);
}
