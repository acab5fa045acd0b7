// The programme summary as a printed document on the shared page (page-style.ts), laid out by
// summary-report.css: each section's chart (vector SVG from summary-charts.ts, or "ไม่มีข้อมูล") above
// its table. Every value from the records passes through escapeHtml (by way of thai-lines.ts).
import {
  type CategoryLine,
  type ChartSpec,
  countText,
  type DistrictLine,
  NO_DATA,
  type SummaryReportModel,
} from "../../domain/summary-report-model.ts";
import { escapeHtml, type PrintedDocument, pageNumberCss, readStylesheet } from "./page-style.ts";
import { chartSvg } from "./summary-charts.ts";
import { thaiTextHtml } from "./thai-lines.ts";

let summaryCss: string | undefined;

/** The SVG of each chart the model has (undefined where it has none: "ไม่มีข้อมูล" is printed). */
export interface SummaryCharts {
  categories?: string;
  districts?: string;
  revenue?: string;
}

/** Draws the model's charts (ECharts, server-side SVG). */
export async function renderSummaryCharts(model: SummaryReportModel): Promise<SummaryCharts> {
  const draw = (spec: ChartSpec | null) => (spec ? chartSvg(spec) : Promise.resolve(undefined));
  const [categories, districts, revenue] = await Promise.all([
    draw(model.categories.chart),
    draw(model.districts.chart),
    draw(model.revenueByYear.chart),
  ]);
  return { categories, districts, revenue };
}

const chart = (svg: string | undefined, label: string) =>
  svg
    ? `<figure class="chart" role="img" aria-label="${escapeHtml(label)}" style="margin:0">${svg}</figure>`
    : `<p class="no-data">${NO_DATA}</p>`;

const cell = (text: string) => `<td>${escapeHtml(text)}</td>`;

function twoYearTable(
  first: string,
  model: SummaryReportModel,
  lines: (CategoryLine | DistrictLine)[],
  total: CategoryLine | DistrictLine,
): string {
  if (total.products[0] + total.products[1] === 0) return "";
  const [a, b] = [model.previousYear, model.year];
  const row = (name: string, l: CategoryLine | DistrictLine, cls = "") =>
    `<tr${cls ? ` class="${cls}"` : ""}><td>${thaiTextHtml(name)}</td>${cell(countText(l.products[0]))}${cell(countText(l.products[1]))}${cell(l.revenue[0])}${cell(l.revenue[1])}</tr>`;
  return `<table>
<thead><tr><th rowspan="2">${escapeHtml(first)}</th><th colspan="2">ผลิตภัณฑ์</th><th colspan="2">รายได้ (บาท)</th></tr>
<tr><th>${a}</th><th>${b}</th><th>${a}</th><th>${b}</th></tr></thead>
<tbody>
${lines.map((l) => row("label" in l ? l.label : l.district, l)).join("\n")}
${row("รวม", total, "total")}
</tbody></table>`;
}

function revenueTable(model: SummaryReportModel): string {
  const r = model.revenueByYear;
  return `<table class="years"><thead><tr><th>ปี</th>${r.years.map((y) => `<th>${y}</th>`).join("")}</tr></thead>
<tbody><tr><td>รายได้ (บาท)</td>${r.revenue.map(cell).join("")}</tr></tbody></table>`;
}

function meetings(model: SummaryReportModel): string {
  if (model.meetings.length === 0) return `<p class="no-data">${NO_DATA}</p>`;
  return model.meetings
    .map((m) => {
      const resolutions = m.resolutions.length
        ? m.resolutions
            .map(
              (r) =>
                `<div class="resolution keep-together"><p>${thaiTextHtml(r.heading)}</p>${r.resolution.map((p) => `<p><span class="label">มติที่ประชุม</span> ${thaiTextHtml(p)}</p>`).join("")}</div>`,
            )
            .join("")
        : `<p class="resolution">- ไม่มีมติที่บันทึกไว้ -</p>`;
      return `<div class="meeting"><h3 class="keep-with-next">${thaiTextHtml(m.heading)}</h3><p class="keep-with-next">${thaiTextHtml(m.title)}</p>${resolutions}</div>`;
    })
    .join("\n");
}

/** The summary as a document for the renderer: summary-report.css, the page numbers, the body. */
export function summaryReportDocument(model: SummaryReportModel, charts: SummaryCharts): PrintedDocument {
  summaryCss ??= readStylesheet("summary-report.css");
  const [a, b] = [model.previousYear, model.year];
  const body = `<header class="heading">
<h1>${thaiTextHtml(model.title)}</h1>
<p class="programme">${thaiTextHtml(model.programme)}</p>
<p>${thaiTextHtml(model.period)}</p>
<p class="asof">${thaiTextHtml(model.scope)} · ${escapeHtml(model.asOf)}</p>
</header>
<section><h2 class="keep-with-next">1. ภาพรวม</h2>
${model.headlines.map((h) => `<p class="para">${thaiTextHtml(h)}</p>`).join("\n")}
<p class="para">${thaiTextHtml(model.comparison)}</p>
</section>
<section><h2 class="keep-with-next">2. ผลิตภัณฑ์และรายได้ตามประเภท ปี ${a} และ ${b}</h2>
${chart(charts.categories, `จำนวนผลิตภัณฑ์ตามประเภท ปี ${a} และ ${b}`)}
${twoYearTable("ประเภท", model, model.categories.lines, model.categories.total)}
</section>
<section><h2 class="keep-with-next">3. ผลิตภัณฑ์ตามอำเภอ ปี ${a} และ ${b}</h2>
${chart(charts.districts, `จำนวนผลิตภัณฑ์ตามอำเภอ ปี ${a} และ ${b}`)}
${twoYearTable("อำเภอ", model, model.districts.lines, model.districts.total)}
</section>
<section class="keep-together"><h2 class="keep-with-next">4. รายได้รวมรายปี ย้อนหลัง ${model.revenueByYear.years.length} ปี</h2>
${chart(charts.revenue, "รายได้รวมรายปี")}
${revenueTable(model)}
</section>
<section><h2 class="keep-with-next">5. การประชุมคณะกรรมการและมติที่ประชุม</h2>
${meetings(model)}
</section>`;
  return {
    title: model.fileName.replace(/\.pdf$/, ""),
    css: `${summaryCss}\n${pageNumberCss("arabic")}`,
    body,
  };
}
