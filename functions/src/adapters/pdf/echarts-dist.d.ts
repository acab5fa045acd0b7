// ECharts' own one-file ES module build (summary-charts.ts loads it: one file instead of hundreds),
// typed as the package's main entry.
declare module "echarts/dist/echarts.esm.min" {
  export * from "echarts";
}
