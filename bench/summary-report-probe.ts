// Cold-start probe of bench/report's summary, run as a fresh process (bundled: fresh-process.ts): one
// programme summary from its model (JSON in a file) to PDF, as a new function instance makes its first:
// Chromium started, ECharts loaded, the charts drawn, the page printed. Prints JSON: the time from the
// process's start to the PDF (performance.now()), and the PDF's size.
// Usage: node summary-report-probe.mjs system|bundled MODEL.json
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { bundledChromium, systemChromium } from "../functions/src/adapters/pdf/find-chromium.ts";
import { createPdfRenderer } from "../functions/src/adapters/pdf/pdf-renderer.ts";
import {
  renderSummaryCharts,
  summaryReportDocument,
} from "../functions/src/adapters/pdf/summary-report-html.ts";
import type { SummaryReportModel } from "../functions/src/domain/summary-report-model.ts";

const [which, modelFile] = process.argv.slice(2);
const model = JSON.parse(await readFile(modelFile!, "utf8")) as SummaryReportModel;
const renderer = createPdfRenderer({
  chromium:
    which === "bundled"
      ? bundledChromium
      : async () => {
          const found = systemChromium();
          if (!found) throw new Error("no system Chromium");
          return found;
        },
});
const pdf = await renderer.renderDocument(summaryReportDocument(model, await renderSummaryCharts(model)));
const coldMs = performance.now();
await renderer.close();
console.log(JSON.stringify({ coldMs, pdfBytes: pdf.length, chromium: renderer.chromium()?.label ?? "" }));
process.exit(0);
