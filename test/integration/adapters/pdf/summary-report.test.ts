// The programme summary printed by real Chromium (one per file) and read back with pdftotext: every
// figure of the summaries is in the text layer (tables, headlines and the charts' own labels), the
// charts are vector (SVG <text> and paths, no image), and an empty year says ไม่มีข้อมูล instead of a chart.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPdfRenderer } from "../../../../functions/src/adapters/pdf/pdf-renderer.ts";
import { chartSvg } from "../../../../functions/src/adapters/pdf/summary-charts.ts";
import {
  renderSummaryCharts,
  summaryReportDocument,
} from "../../../../functions/src/adapters/pdf/summary-report-html.ts";
import {
  buildSummaryReportModel,
  countText,
  NO_DATA,
  type SummaryReportModel,
} from "../../../../functions/src/domain/summary-report-model.ts";
import { sampleSummaryInput } from "../../../support/sample-summary.ts";
import { bodyText, readPdf, squeeze } from "./pdf-text.ts";

const renderer = createPdfRenderer();
let dir: string;
const input = await sampleSummaryInput();
const model = buildSummaryReportModel({ ...input, scope: "สมุดงานตัวอย่าง", today: "2026-12-01" });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-summary-pdf-"));
});
afterAll(async () => {
  await renderer.close();
  await rm(dir, { recursive: true, force: true });
});

const render = async (m: SummaryReportModel) =>
  renderer.renderDocument(summaryReportDocument(m, await renderSummaryCharts(m)));

describe("the summary report's PDF", () => {
  let pdf: Uint8Array;
  let text: string;
  beforeAll(async () => {
    pdf = await render(model);
    text = squeeze(bodyText(await readPdf(pdf, dir, "raw")));
  });

  it("holds the seed's figures exactly: 11 and 20 products, each category count, 272,500 baht", () => {
    for (const h of model.headlines) expect(text).toContain(squeeze(h));
    expect(text).toContain(squeeze("ปี 2562 มีผลิตภัณฑ์เข้าร่วม 11 ผลิตภัณฑ์"));
    expect(text).toContain(squeeze("ปี 2563 มีผลิตภัณฑ์เข้าร่วม 20 ผลิตภัณฑ์"));
    expect(text).toContain(squeeze("รายได้รวม 272,500 บาท"));
    for (const [label, n] of [
      ["ผ้าและเครื่องแต่งกาย", 10],
      ["ของใช้ ของตกแต่ง ของที่ระลึก", 5],
      ["อาหาร", 2],
      ["เครื่องดื่ม", 2],
      ["สมุนไพรที่ไม่ใช่อาหาร", 1],
    ] as const) {
      expect(text).toContain(squeeze(`${label} จำนวน ${n} ผลิตภัณฑ์`));
    }
  });

  it("holds every figure of the summaries, row by row as the tables print them", () => {
    const row = (name: string, p: [number, number], r: [string, string]) =>
      squeeze(`${name} ${countText(p[0])} ${countText(p[1])} ${r[0]} ${r[1]}`);
    for (const l of model.categories.lines) expect(text).toContain(row(l.label, l.products, l.revenue));
    expect(text).toContain(row("รวม", model.categories.total.products, model.categories.total.revenue));
    for (const l of model.districts.lines) expect(text).toContain(row(l.district, l.products, l.revenue));
    expect(text).toContain(squeeze(`รายได้ (บาท) ${model.revenueByYear.revenue.join(" ")}`));
    for (const m of model.meetings) {
      expect(text).toContain(squeeze(m.heading));
      for (const r of m.resolutions) expect(text).toContain(squeeze(r.resolution.join("")));
    }
  });

  it("draws charts as vector content whose labels are text", async () => {
    const svg = await chartSvg(model.categories.chart!);
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<image|data:image/);
    expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(10);
    for (const label of ["อาหาร", "เครื่องดื่ม", "2562", "2563", "10"]) expect(svg).toContain(`>${label}</text>`);
    // In the PDF: no raster image at all, and the charts' labels in the text layer of the page they are on.
    expect(Buffer.from(pdf).toString("latin1")).not.toMatch(/\/Subtype\s*\/Image/);
    const layout = await readPdf(pdf, dir, "layout", { first: 1, last: 1 });
    const first = layout.pages[0]!;
    expect(first).toMatch(/ผลิตภัณฑ์\s+2562\s+2563/); // the axis name and the legend
    expect(first).toMatch(/เครื่องดื่ม/);
    expect(pdf.length).toBeLessThanOrEqual(200 * 1024);
  });

  it("draws no revenue point for a year without products, and prints ไม่มีข้อมูล for it", async () => {
    // The sample has products in 2562 and 2563 only: 2559–2561 are gaps, never points at 0.
    const svg = await chartSvg(model.revenueByYear.chart!);
    const points = [...svg.matchAll(/ecmeta_series_index="0" ecmeta_data_index="(\d+)"/g)].map((m) => m[1]);
    expect(points).toEqual(["3", "4"]);
    expect(svg.match(/>0<\/text>/g)).toHaveLength(1); // the value axis's own 0, no point labelled 0
    expect(svg.match(new RegExp(`>${NO_DATA}</text>`, "g"))).toHaveLength(3);
    expect(text).toContain(squeeze(`รายได้ (บาท) ${NO_DATA} ${NO_DATA} ${NO_DATA} 272,500 154,000`));
  });

  it("keeps the five-year section on one page: its heading, its chart and its table", async () => {
    // In the sample the section starts near the foot of page 3: the table once fell on page 4, apart
    // from the chart it gives the figures of.
    const pages = (await readPdf(pdf, dir, "raw")).pages.map(squeeze);
    const heading = squeeze(`4. รายได้รวมรายปี ย้อนหลัง ${model.revenueByYear.years.length} ปี`);
    const at = pages.findIndex((p) => p.includes(heading));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(pages[at]).toContain(squeeze(`รายได้ (บาท) ${model.revenueByYear.revenue.join(" ")}`));
    expect(pages[at]).toContain("272,500"); // the chart's own point label
  });

  it("keeps the programme's name whole: Knowledge-Based never breaks at its hyphen", async () => {
    const layout = await readPdf(pdf, dir, "layout", { first: 1, last: 1 });
    expect(layout.pages[0]).toContain("Knowledge-Based");
  });

  it("an empty year says ไม่มีข้อมูล where each chart would be, and draws none", async () => {
    const empty = buildSummaryReportModel({
      ...input,
      year: 2570,
      scope: "สมุดงานตัวอย่าง",
      today: "2026-12-01",
    });
    const charts = await renderSummaryCharts(empty);
    expect(charts).toEqual({ categories: undefined, districts: undefined, revenue: undefined });
    const reading = await readPdf(await render(empty), dir, "raw");
    const body = bodyText(reading);
    expect(body.match(new RegExp(NO_DATA, "g"))!.length).toBeGreaterThanOrEqual(4);
    expect(squeeze(body)).toContain(squeeze("ปี 2570 ยังไม่มีผลิตภัณฑ์เข้าร่วม"));
    expect(reading.pageCount).toBe(1);
  });
});
