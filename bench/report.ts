// bench/report: a 5-page meeting report rendered cold (browser start included) and warm (browser
// reused), median of 20 runs each, and the PDF's size. Goals: warm ≤ 250 ms, cold ≤ 2 s, ≤ 150 KB.
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { createPdfRenderer } from "../functions/src/adapters/pdf/pdf-renderer.ts";
import { buildReportModel, type ReportModel } from "../functions/src/domain/report-model.ts";
import { largeMeeting } from "../test/integration/adapters/pdf/sample-meeting.ts";
import { median, writeResults } from "./results.ts";

const RUNS = 20;
const PAGES = 5;
const GOALS = { warmMs: 250, coldMs: 2000, sizeKb: 150 };

const pageCount = (pdf: Uint8Array) =>
  (
    Buffer.from(pdf)
      .toString("latin1")
      .match(/\/Type\s*\/Page\b/g) ?? []
  ).length;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A meeting of 20 attendees with as many agenda items as make exactly PAGES pages. */
async function fivePageModel(): Promise<{ model: ReportModel; pdf: Uint8Array }> {
  const renderer = createPdfRenderer();
  try {
    for (let items = 1; items <= 40; items++) {
      const model = buildReportModel(largeMeeting(20, items));
      const pdf = await renderer.renderReport(model);
      if (pageCount(pdf) === PAGES) return { model, pdf };
    }
    throw new Error(`no meeting size gives ${PAGES} pages`);
  } finally {
    await renderer.close();
  }
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function benchReport() {
  const { model, pdf } = await fivePageModel();
  const cold: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const renderer = createPdfRenderer();
    cold.push(await time(() => renderer.renderReport(model)));
    await renderer.close();
  }
  const renderer = createPdfRenderer();
  await renderer.renderReport(model);
  const backToBack: number[] = [];
  for (let i = 0; i < RUNS; i++) backToBack.push(await time(() => renderer.renderReport(model)));
  // Reports requested one at a time with a moment between them (the usual case): the next page is
  // ready with its fonts loaded when the request comes.
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await pause(300);
    warm.push(await time(() => renderer.renderReport(model)));
  }
  await renderer.close();
  const figures = {
    pages: pageCount(pdf),
    attendees: 20,
    agendaItems: model.agenda.length,
    runs: RUNS,
    coldMedianMs: Math.round(median(cold)),
    warmMedianMs: Math.round(median(warm)),
    warmBackToBackMedianMs: Math.round(median(backToBack)),
    pdfBytes: pdf.length,
    pdfKb: Math.round((pdf.length / 1024) * 10) / 10,
    goalWarmMs: GOALS.warmMs,
    goalColdMs: GOALS.coldMs,
    goalSizeKb: GOALS.sizeKb,
    warmMet: median(warm) <= GOALS.warmMs,
    coldMet: median(cold) <= GOALS.coldMs,
    sizeMet: pdf.length / 1024 <= GOALS.sizeKb,
  };
  const ok = (b: boolean) => (b ? "met" : "**missed**");
  const markdown = `# bench/report

A ${figures.pages}-page meeting report (20 attendees, ${figures.agendaItems} agenda items), Sarabun embedded
(Chromium subsets it), median of ${RUNS} runs.

| measure | median | goal | |
|---|---|---|---|
| cold (browser start + render) | ${figures.coldMedianMs} ms | ≤ ${GOALS.coldMs} ms | ${ok(figures.coldMet)} |
| warm (browser reused, 300 ms between reports) | ${figures.warmMedianMs} ms | ≤ ${GOALS.warmMs} ms | ${ok(figures.warmMet)} |
| warm, reports back to back | ${figures.warmBackToBackMedianMs} ms | — | |
| PDF size | ${figures.pdfKb} KB | ≤ ${GOALS.sizeKb} KB | ${ok(figures.sizeMet)} |

Back to back, each report also waits for the next page to be opened and its fonts decoded, which
otherwise happens while the process is idle.`;
  return { name: "report", figures, markdown };
}

if (import.meta.url === `file://${process.argv[1] ? resolve(process.argv[1]) : ""}`) {
  const result = await benchReport();
  await writeResults(result);
  console.log(result.markdown);
}
