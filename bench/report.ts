// bench/report: a 5-page meeting report rendered cold (browser start included) and warm (browser
// reused), median of 20 runs each, and the PDF's size, with each Chromium the project runs: Debian's
// and @sparticuz/chromium (the cloud's). Goals for both: warm ≤ 250 ms, cold ≤ 2 s, ≤ 150 KB.
// @sparticuz/chromium is first unpacked into a fresh temporary folder, so its one-time unpack is timed too.
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import {
  bundledChromium,
  type ChromiumChoice,
  systemChromium,
} from "../functions/src/adapters/pdf/find-chromium.ts";
import { documentFonts } from "../functions/src/adapters/pdf/fonts.ts";
import { createPdfRenderer } from "../functions/src/adapters/pdf/pdf-renderer.ts";
import { buildReportModel, type ReportModel } from "../functions/src/domain/report-model.ts";
import { largeMeeting } from "../test/integration/adapters/pdf/sample-meeting.ts";
import { median, writeResults } from "./results.ts";

const RUNS = 20;
const PAGES = 5;
const ATTENDEES = 20;
const GOALS = { warmMs: 250, coldMs: 2000, sizeKb: 150 };

const pageCount = (pdf: Uint8Array) =>
  (
    Buffer.from(pdf)
      .toString("latin1")
      .match(/\/Type\s*\/Page\b/g) ?? []
  ).length;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** A meeting of 20 attendees with as many agenda items as make exactly PAGES pages. */
async function fivePageModel(chromium: () => Promise<ChromiumChoice>): Promise<ReportModel> {
  const renderer = createPdfRenderer({ chromium });
  try {
    for (let items = 1; items <= 40; items++) {
      const model = buildReportModel(largeMeeting(ATTENDEES, items));
      if (pageCount(await renderer.renderReport(model)) === PAGES) return model;
    }
    throw new Error(`no meeting size gives ${PAGES} pages`);
  } finally {
    await renderer.close();
  }
}

interface RendererFigures {
  label: string;
  coldMedianMs: number;
  warmMedianMs: number;
  warmBackToBackMedianMs: number;
  pdfBytes: number;
  pdfKb: number;
  pages: number;
}

async function benchRenderer(
  model: ReportModel,
  chromium: () => Promise<ChromiumChoice>,
): Promise<RendererFigures> {
  const cold: number[] = [];
  let pdf: Uint8Array = new Uint8Array();
  let label = "";
  for (let i = 0; i < RUNS; i++) {
    const renderer = createPdfRenderer({ chromium });
    cold.push(
      await time(async () => {
        pdf = await renderer.renderReport(model);
      }),
    );
    label = renderer.chromium()?.label ?? "";
    await renderer.close();
  }
  const renderer = createPdfRenderer({ chromium });
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
  return {
    label,
    coldMedianMs: Math.round(median(cold)),
    warmMedianMs: Math.round(median(warm)),
    warmBackToBackMedianMs: Math.round(median(backToBack)),
    pdfBytes: pdf.length,
    pdfKb: Math.round((pdf.length / 1024) * 10) / 10,
    pages: pageCount(pdf),
  };
}

export async function benchReport() {
  const system = async () => {
    const found = systemChromium();
    if (!found) throw new Error("no system Chromium: sudo apt-get install -y chromium");
    return found;
  };
  const model = await fivePageModel(system);
  // @sparticuz/chromium unpacks into os.tmpdir(): a fresh one shows the first launch on a new machine.
  const savedTmp = process.env.TMPDIR;
  const freshTmp = await mkdtemp(join(tmpdir(), "kbo-bench-"));
  process.env.TMPDIR = freshTmp;
  let unpackMs: number;
  let bundled: RendererFigures;
  try {
    unpackMs = Math.round(await time(() => bundledChromium()));
    bundled = await benchRenderer(model, bundledChromium);
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    await rm(freshTmp, { recursive: true, force: true });
  }
  const debian = await benchRenderer(model, system);
  const met = (f: RendererFigures) => ({
    warm: f.warmMedianMs <= GOALS.warmMs,
    cold: f.coldMedianMs <= GOALS.coldMs,
    size: f.pdfKb <= GOALS.sizeKb,
  });
  const figures = {
    pages: debian.pages,
    attendees: ATTENDEES,
    agendaItems: model.agenda.length,
    runs: RUNS,
    font: documentFonts().primary,
    ...Object.fromEntries(
      (
        [
          ["debian", debian],
          ["sparticuz", bundled],
        ] as const
      ).flatMap(([key, f]) => [
        [`${key}Chromium`, f.label],
        [`${key}ColdMedianMs`, f.coldMedianMs],
        [`${key}WarmMedianMs`, f.warmMedianMs],
        [`${key}WarmBackToBackMedianMs`, f.warmBackToBackMedianMs],
        [`${key}PdfBytes`, f.pdfBytes],
        [`${key}Pages`, f.pages],
        [`${key}AllGoalsMet`, Object.values(met(f)).every(Boolean)],
      ]),
    ),
    sparticuzFirstUnpackMs: unpackMs,
    goalWarmMs: GOALS.warmMs,
    goalColdMs: GOALS.coldMs,
    goalSizeKb: GOALS.sizeKb,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
  const ok = (b: boolean) => (b ? "met" : "**missed**");
  const row = (measure: string, goal: string, d: string, s: string) =>
    `| ${measure} | ${d} | ${s} | ${goal} |`;
  const [md, ms] = [met(debian), met(bundled)];
  const markdown = `# bench/report

A ${debian.pages}-page meeting report (${ATTENDEES} attendees, ${model.agenda.length} agenda items), TH Sarabun New
(${documentFonts().primary.startsWith("TH") ? "Laksaman" : "Sarabun, the fallback"}) embedded and subset by Chromium, median of ${RUNS} runs, with each Chromium the
project runs.

| measure | ${debian.label} | ${bundled.label} | goal |
|---|---|---|---|
${row("cold (browser start + render)", `≤ ${GOALS.coldMs} ms`, `${debian.coldMedianMs} ms (${ok(md.cold)})`, `${bundled.coldMedianMs} ms (${ok(ms.cold)})`)}
${row("warm (browser reused, 300 ms between reports)", `≤ ${GOALS.warmMs} ms`, `${debian.warmMedianMs} ms (${ok(md.warm)})`, `${bundled.warmMedianMs} ms (${ok(ms.warm)})`)}
${row("warm, reports back to back", "—", `${debian.warmBackToBackMedianMs} ms`, `${bundled.warmBackToBackMedianMs} ms`)}
${row("PDF size", `≤ ${GOALS.sizeKb} KB`, `${debian.pdfKb} KB (${ok(md.size)})`, `${bundled.pdfKb} KB (${ok(ms.size)})`)}

@sparticuz/chromium is unpacked once per machine and version, into \`<os temp dir>/kbo-chromium-<version>/\`
(about 200 MB), and found there by every later launch: the first unpack took ${unpackMs} ms on top of the
first cold report. Back to back, each report also waits for the next page to be opened and its fonts
decoded, which otherwise happens while the process is idle.

Load average (1 min) at the end of the run: ${figures.loadAverage1m} on 2 cores.`;
  return { name: "report", figures, markdown };
}

if (import.meta.url === `file://${process.argv[1] ? resolve(process.argv[1]) : ""}`) {
  const result = await benchReport();
  await writeResults(result);
  console.log(result.markdown);
}
