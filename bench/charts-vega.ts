// The summary report's charts drawn with Vega-Lite instead of ECharts, for bench/charts only: the same
// ChartSpec, sizes, colours, fonts and value labels as functions/src/adapters/pdf/summary-charts.ts, as a
// Vega-Lite user would write them (multi-line labels split on "\n", the rest Vega-Lite's defaults).
// vega and vega-lite are not dependencies: `npm install --no-save vega@6.4.0 vega-lite@6.5.0` to measure.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { FONT_STACK } from "../functions/src/adapters/pdf/fonts.ts";
import type { ChartSpec } from "../functions/src/domain/summary-report-model.ts";

export const VEGA_VERSIONS = { vega: "6.4.0", "vega-lite": "6.5.0" } as const;
export const VEGA_INSTALL = `npm install --no-save ${Object.entries(VEGA_VERSIONS)
  .map(([name, version]) => `${name}@${version}`)
  .join(" ")}`;

/** How the libraries are loaded: their package entries (ES modules, one file per module) or their one-file builds. */
export const VEGA_LOADS = ["package", "one-file"] as const;
export type VegaLoad = (typeof VEGA_LOADS)[number];

/** What bench/charts uses of the two libraries (typed here: they may be absent when `npm run check` runs). */
export interface VegaLibs {
  vega: {
    View: new (
      runtime: unknown,
      options: { renderer: "none" },
    ) => { toSVG(): Promise<string>; finalize(): void };
    parse(spec: unknown): unknown;
  };
  vegaLite: { compile(spec: unknown): { spec: unknown } };
}

const require = createRequire(import.meta.url);

/** The installed files, or undefined when vega or vega-lite is not installed. */
export function vegaFiles(): { vega: string; vegaLite: string } | undefined {
  try {
    return { vega: require.resolve("vega"), vegaLite: require.resolve("vega-lite") };
  } catch {
    return undefined;
  }
}

/** Loads vega and vega-lite (the names are variables so that TypeScript does not require them). */
export async function loadVega(how: VegaLoad): Promise<VegaLibs> {
  const files = vegaFiles();
  if (!files) throw new Error(`vega and vega-lite are not installed: ${VEGA_INSTALL}`);
  if (how === "package") {
    const [vega, vegaLite] = [
      await import(pathToFileURL(files.vega).href),
      await import(pathToFileURL(files.vegaLite).href),
    ];
    return { vega, vegaLite };
  }
  // The UMD builds define globals when loaded as modules; vega-lite's finds vega's.
  const g = globalThis as unknown as { vega?: VegaLibs["vega"]; vegaLite?: VegaLibs["vegaLite"] };
  await import(pathToFileURL(join(dirname(files.vega), "vega.min.js")).href);
  await import(pathToFileURL(join(dirname(files.vegaLite), "vega-lite.min.js")).href);
  if (!g.vega || !g.vegaLite) throw new Error("the one-file builds of vega and vega-lite defined no globals");
  return { vega: g.vega, vegaLite: g.vegaLite };
}

const COLOURS = ["#9aa5b1", "#1f4e79"];
const FONT = FONT_STACK.replaceAll('"', "");
const WIDTH = 600;
const heightOf = (spec: ChartSpec) =>
  spec.kind === "hbar" ? Math.max(160, 60 + spec.categories.length * 34) : 280;

/** The Vega-Lite spec of a ChartSpec, laid out like summary-charts.ts's ECharts option. */
export function vegaLiteSpec(
  spec: ChartSpec,
  options: { labelLimit?: number } = {},
): Record<string, unknown> {
  const values = spec.series.flatMap((s) =>
    s.values.map((value, i) => ({ category: spec.categories[i], series: s.name, value, label: s.labels[i] })),
  );
  const horizontal = spec.kind === "hbar";
  const categoryAxis = {
    title: null,
    labelAngle: 0,
    labelExpr: "split(datum.label, '\\n')",
    labelFontSize: 15,
    labelLineHeight: 17,
    ...(options.labelLimit === undefined ? {} : { labelLimit: options.labelLimit }),
  };
  const category = {
    field: "category",
    type: spec.kind === "line" ? "ordinal" : "nominal",
    sort: null,
    axis: categoryAxis,
  };
  const value = {
    field: "value",
    type: "quantitative",
    title: spec.unit,
    axis: { labelFontSize: 13, tickMinStep: 1, gridColor: "#d9d9d9" },
  };
  const multi = spec.series.length > 1;
  const colour = multi
    ? {
        field: "series",
        title: null,
        scale: { range: COLOURS },
        legend: { orient: "top", direction: "horizontal", labelFontSize: 15 },
      }
    : { value: COLOURS[1] };
  const labels = {
    mark: horizontal
      ? { type: "text", align: "left", dx: 4, fontSize: 13 }
      : { type: "text", baseline: "bottom", dy: -4, fontSize: 13 },
    encoding: { text: { field: "label" }, color: { value: "#000" } },
  };
  const marks =
    spec.kind === "line"
      ? [{ mark: { type: "line", point: { size: 49 } } }, labels]
      : [{ mark: { type: "bar", ...(horizontal ? { height: { band: 0.8 } } : {}) } }, labels];
  return {
    width: WIDTH,
    height: heightOf(spec),
    autosize: { type: "fit", contains: "padding" },
    data: { values },
    encoding: {
      ...(horizontal ? { y: category, x: value } : { x: category, y: value }),
      ...(multi ? { [horizontal ? "yOffset" : "xOffset"]: { field: "series" } } : {}),
      color: colour,
    },
    layer: marks,
    config: { font: FONT, view: { stroke: null }, axis: { titleFontSize: 15, titleFontWeight: "normal" } },
  };
}

/** One chart as an SVG document string, rendered without a browser (Vega's "none" renderer). */
export async function vegaChartSvg(
  libs: VegaLibs,
  spec: ChartSpec,
  options: { labelLimit?: number } = {},
): Promise<string> {
  const runtime = libs.vega.parse(libs.vegaLite.compile(vegaLiteSpec(spec, options)).spec);
  const view = new libs.vega.View(runtime, { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
