// Draws the summary report's charts (domain ChartSpec) as vector SVG with ECharts' server-side
// renderer: no browser, no canvas. Labels are <text> in the report's fonts, so Chromium prints them
// into the PDF's text layer. ECharts is loaded on first use from its one-file ES module build (about
// 0.1 s, against 0.6–1.2 s for its hundreds of module files): bench/results/charts.md.
import type { ChartSpec } from "../../domain/summary-report-model.ts";
import { FONT_STACK } from "./fonts.ts";

type ECharts = typeof import("echarts/dist/echarts.esm.min");
let loading: Promise<ECharts> | undefined;
const echarts = () => {
  loading ??= import("echarts/dist/echarts.esm.min");
  return loading;
};

/** The width of the text block of the shared page (A4 less 3 cm and 2 cm), in CSS pixels. */
export const CHART_WIDTH = 600;

/** Black, a mid grey and a dark blue: readable when printed in grey, distinct in colour. */
const COLOURS = ["#9aa5b1", "#1f4e79"];
const TEXT = { fontFamily: FONT_STACK.replaceAll('"', ""), fontSize: 15, color: "#000" };

function heightOf(spec: ChartSpec): number {
  if (spec.kind === "hbar") return Math.max(160, 60 + spec.categories.length * 34);
  return 280;
}

/** The ECharts option of a spec: no animation, every bar and point labelled with its printed figure. */
function optionOf(spec: ChartSpec): Record<string, unknown> {
  const horizontal = spec.kind === "hbar";
  const categoryAxis = {
    type: "category",
    data: spec.categories,
    inverse: horizontal,
    axisTick: { alignWithLabel: true },
    axisLabel: { ...TEXT, interval: 0, lineHeight: 17 },
  };
  const valueAxis = {
    type: "value",
    minInterval: 1,
    name: spec.unit,
    nameTextStyle: TEXT,
    axisLabel: { ...TEXT, fontSize: 13 },
    splitLine: { lineStyle: { color: "#d9d9d9" } },
  };
  return {
    animation: false,
    color: spec.series.length === 1 ? [COLOURS[1]] : COLOURS,
    textStyle: TEXT,
    legend:
      spec.series.length > 1
        ? { top: 0, right: 0, textStyle: TEXT, itemWidth: 18, itemHeight: 12 }
        : undefined,
    grid: {
      left: horizontal ? 110 : 70,
      right: horizontal ? 50 : 30,
      top: spec.series.length > 1 || spec.kind === "line" ? 40 : 20,
      // Room for a second line of category label ("ผ้าและ\nเครื่องแต่งกาย", "2561\nไม่มีข้อมูล").
      bottom: spec.kind === "bar" || spec.categories.some((c) => c.includes("\n")) ? 50 : 30,
      containLabel: false,
    },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: spec.series.map((s) => ({
      type: spec.kind === "line" ? "line" : "bar",
      name: s.name,
      data: s.values,
      barMaxWidth: 28,
      symbolSize: 7,
      label: {
        show: true,
        ...TEXT,
        fontSize: 13,
        position: horizontal ? "right" : "top",
        formatter: (p: { dataIndex: number }) => s.labels[p.dataIndex] ?? "",
      },
    })),
  };
}

/** One chart as an SVG document string, `width` × its own height. */
export async function chartSvg(spec: ChartSpec, width = CHART_WIDTH): Promise<string> {
  const lib = await echarts();
  const chart = lib.init(null, null, { renderer: "svg", ssr: true, width, height: heightOf(spec) });
  try {
    chart.setOption(optionOf(spec) as never);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Loads ECharts ahead of the first chart (a renderer's idle moment). */
export const preloadCharts = (): Promise<void> => echarts().then(() => undefined);
