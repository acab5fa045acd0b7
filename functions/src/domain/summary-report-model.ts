// The programme summary for managers as plain data: a year (or fiscal year) against the one before,
// from the same Summaries the summary tabs show (summaries.ts), never counted again. Every word,
// number and chart label the reader sees is decided here, so it is tested as data; the PDF adapter
// only lays it out and draws the charts it describes.
import { BE_OFFSET, CATEGORIES, CATEGORY_CODES, type CategoryCode } from "./closed-sets.ts";
import { canonicalJson } from "./content-hash.ts";
import { subjectText } from "./report-model.ts";
import type { Summaries, Tally, YearBasis } from "./summaries.ts";
import { THAI_MONTHS } from "./thai-date.ts";
import { formatBaht, thaiLongDate } from "./thai-format.ts";

/** What a programme year is called in the report's wording. */
export const PROGRAMME_NAME =
  "โครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) จังหวัดเชียงใหม่";
export const SUMMARY_TITLE = "รายงานสรุปผลการดำเนินงาน";
/** Where a chart or a table would be empty. */
export const NO_DATA = "ไม่มีข้อมูล";
/** The note a month with no change sends instead of the same PDF again. */
export const NO_CHANGE = "ไม่มีความเปลี่ยนแปลง";
/** How many years the revenue line covers, ending with the report's year. */
export const REVENUE_YEARS = 5;

/** The order the seed's post names categories in: textile, decor, food, beverage, herbal. */
export const HEADLINE_CATEGORY_ORDER: readonly CategoryCode[] = [
  "textile",
  "decor",
  "food",
  "beverage",
  "herbal",
];

/** A chart as data: the adapter draws it as vector SVG with these very labels. */
export interface ChartSpec {
  kind: "bar" | "hbar" | "line";
  /** Labels along the category axis, "\n" where a long one wraps. */
  categories: string[];
  /** null where a year has no data: no bar or point is drawn (a line has a gap), never a 0. */
  series: { name: string; values: (number | null)[]; labels: string[] }[];
  /** The value axis's title ("ผลิตภัณฑ์", "บาท"). */
  unit: string;
}

export interface CategoryLine {
  code: CategoryCode;
  label: string;
  products: [number, number];
  revenue: [string, string];
}

export interface DistrictLine {
  district: string;
  products: [number, number];
  revenue: [string, string];
}

export interface MeetingResolution {
  /** "ระเบียบวาระที่ 3 เรื่องการพัฒนา…". */
  heading: string;
  /** Paragraphs of the resolution. */
  resolution: string[];
}

export interface SummaryMeetingEntry {
  /** "ครั้งที่ 1/2563 วันจันทร์ที่ 13 มกราคม 2563". */
  heading: string;
  title: string;
  resolutions: MeetingResolution[];
}

export interface SummaryReportModel {
  title: string;
  /** The programme's name, under the title. */
  programme: string;
  /** "ประจำปี 2563 เทียบกับปี 2562" or "ปีงบประมาณ 2563 …". */
  period: string;
  /** Which records: one workbook's or every source's (the province view). */
  scope: string;
  basis: YearBasis;
  year: number;
  previousYear: number;
  /** One sentence per year, in the seed's style, the earlier year first. */
  headlines: string[];
  /** The year against the one before: products and revenue up or down. */
  comparison: string;
  categories: { lines: CategoryLine[]; total: CategoryLine; chart: ChartSpec | null };
  districts: { lines: DistrictLine[]; total: DistrictLine; chart: ChartSpec | null };
  /** Revenue as printed, NO_DATA for a year without products (not "0": a manager would read a fall). */
  revenueByYear: { years: number[]; revenue: string[]; chart: ChartSpec | null };
  meetings: SummaryMeetingEntry[];
  /** "ข้อมูล ณ วันที่ 1 ธันวาคม 2568": not part of the revision, so an unchanged month is recognised. */
  asOf: string;
  fileName: string;
}

/** A meeting with what the summary prints of its agenda. */
export interface MeetingForSummary {
  number: string;
  title: string;
  /** ISO date. */
  date: string;
  agenda: { item: string; subject: string; resolution?: string }[];
}

export interface SummaryReportInput {
  summaries: Summaries;
  /** Meetings with their agenda; those of the year (on the summaries' basis) are printed. */
  meetings: MeetingForSummary[];
  /** The BE year; default: defaultSummaryYear. */
  year?: number;
  /** "ทุกแหล่งข้อมูล" or the workbook's name. */
  scope: string;
  /** ISO date of today (Bangkok). */
  today: string;
}

const TH_NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 0 });
export const countText = (n: number): string => TH_NUMBER.format(n);

const zero = (): Tally => ({ products: 0, revenueSatang: 0 });
const label = (code: CategoryCode) => CATEGORIES.find((c) => c.code === code)!.th;

/** The year a report covers when none is asked: the latest with products, not after this year. */
export function defaultSummaryYear(s: Summaries, todayIso: string): number {
  const thisYear = Number(todayIso.slice(0, 4)) + BE_OFFSET;
  const withProducts = s.byCategory.rows.filter((r) => r.total.products > 0 && r.year <= thisYear);
  return withProducts.at(-1)?.year ?? thisYear;
}

function yearRow(s: Summaries, year: number): { byCategory: Record<CategoryCode, Tally>; total: Tally } {
  const row = s.byCategory.rows.find((r) => r.year === year);
  if (row) return row;
  return {
    byCategory: Object.fromEntries(CATEGORY_CODES.map((c) => [c, zero()])) as Record<CategoryCode, Tally>,
    total: zero(),
  };
}

/** "ปี 2562 มีผลิตภัณฑ์เข้าร่วม 11 ผลิตภัณฑ์ แบ่งเป็น ผ้าและเครื่องแต่งกาย จำนวน 3 ผลิตภัณฑ์ … รายได้รวม 272,500 บาท". */
export function headline(s: Summaries, year: number, basis: YearBasis): string {
  const row = yearRow(s, year);
  const when = basis === "fiscal" ? `ปีงบประมาณ ${year}` : `ปี ${year}`;
  if (row.total.products === 0) return `${when} ยังไม่มีผลิตภัณฑ์เข้าร่วม (${NO_DATA})`;
  const parts = HEADLINE_CATEGORY_ORDER.filter((c) => row.byCategory[c].products > 0).map(
    (c) => `${label(c)} จำนวน ${countText(row.byCategory[c].products)} ผลิตภัณฑ์`,
  );
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(" ")} และ${parts.at(-1)}` : parts[0]!;
  return `${when} มีผลิตภัณฑ์เข้าร่วม ${countText(row.total.products)} ผลิตภัณฑ์ แบ่งเป็น ${list} รายได้รวม ${formatBaht(row.total.revenueSatang)} บาท`;
}

function change(now: number, before: number, unit: string, text: (n: number) => string): string {
  const diff = now - before;
  if (diff === 0) return `เท่าเดิม`;
  const word = diff > 0 ? "เพิ่มขึ้น" : "ลดลง";
  const pct = before > 0 ? ` (ร้อยละ ${((Math.abs(diff) / before) * 100).toFixed(1)})` : "";
  return `${word} ${text(Math.abs(diff))} ${unit}${pct}`;
}

/** Two-year series over a list of categories (labels are the printed figures). */
function twoYearSeries(previousYear: number, year: number, values: [number, number][]): ChartSpec["series"] {
  return [
    {
      name: String(previousYear),
      values: values.map((v) => v[0]),
      labels: values.map((v) => countText(v[0])),
    },
    { name: String(year), values: values.map((v) => v[1]), labels: values.map((v) => countText(v[1])) },
  ];
}

const words = new Intl.Segmenter("th", { granularity: "word" });
/** How wide text prints, roughly: Thai marks above and below take no width of their own. */
const printedLength = (text: string) => text.replace(/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g, "").length;

/**
 * An axis label in lines of about `max` printed characters, broken at spaces and Thai word boundaries
 * ("ผ้าและเครื่องแต่งกาย" → "ผ้าและ\nเครื่องแต่งกาย"): the chart's category axis is narrow.
 */
export function wrapLabel(text: string, max = 11): string {
  if (printedLength(text) <= max) return text;
  // Spaces first (staff's own word groups), dictionary words only inside a group too long for a line.
  const pieces = text.split(" ").flatMap((group, i) => {
    const parts = printedLength(group) > max ? [...words.segment(group)].map((w) => w.segment) : [group];
    return parts.map((p, j) => ({ text: p, space: i > 0 && j === 0 }));
  });
  const lines: string[] = [];
  let line = "";
  for (const p of pieces) {
    const next = line ? `${line}${p.space ? " " : ""}${p.text}` : p.text;
    if (line && printedLength(next) > max) {
      lines.push(line);
      line = p.text;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.join("\n");
}

const paragraphs = (text: string | undefined) =>
  (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

function meetingEntries(input: SummaryReportInput, year: number): SummaryMeetingEntry[] {
  const held = input.summaries.meetings.filter((m) => m.year === year);
  return held.map((m) => {
    const full = input.meetings.find((x) => x.number === m.number && x.date === m.date);
    const resolutions = (full?.agenda ?? [])
      .filter((a) => paragraphs(a.resolution).length > 0)
      .map((a) => {
        const main = !a.item.includes(".");
        return {
          heading: main ? `ระเบียบวาระที่ ${a.item} ${subjectText(a.subject)}` : `${a.item} ${a.subject}`,
          resolution: paragraphs(a.resolution),
        };
      });
    return {
      heading: `ครั้งที่ ${m.number} ${thaiLongDate(m.date, { weekday: true })}`,
      title: m.title,
      resolutions,
    };
  });
}

/** "1 ตุลาคม 2562 – 30 กันยายน 2563": the fiscal year named by the BE year in which it ends. */
export function fiscalYearSpan(year: number): string {
  return `1 ${THAI_MONTHS[9]} ${year - 1} – 30 ${THAI_MONTHS[8]} ${year}`;
}

/** The summary of `year` against the year before, from the summaries the summary tabs show. */
export function buildSummaryReportModel(input: SummaryReportInput): SummaryReportModel {
  const s = input.summaries;
  const year = input.year ?? defaultSummaryYear(s, input.today);
  const previousYear = year - 1;
  const [before, now] = [yearRow(s, previousYear), yearRow(s, year)];
  const basis = s.basis;
  const when = (y: number) => (basis === "fiscal" ? `ปีงบประมาณ ${y}` : `ปี ${y}`);

  const categoryLines: CategoryLine[] = CATEGORIES.map((c) => ({
    code: c.code,
    label: c.th,
    products: [before.byCategory[c.code].products, now.byCategory[c.code].products],
    revenue: [
      formatBaht(before.byCategory[c.code].revenueSatang),
      formatBaht(now.byCategory[c.code].revenueSatang),
    ],
  }));
  const categoryTotal: CategoryLine = {
    code: "food",
    label: "รวม",
    products: [before.total.products, now.total.products],
    revenue: [formatBaht(before.total.revenueSatang), formatBaht(now.total.revenueSatang)],
  };
  const anyProducts = before.total.products + now.total.products > 0;

  const districtRows = s.byDistrict.rows.filter(
    (r) => (r.byYear[previousYear]?.products ?? 0) + (r.byYear[year]?.products ?? 0) > 0,
  );
  const tally = (t: Tally | undefined) => t ?? zero();
  const districtLines: DistrictLine[] = districtRows.map((r) => ({
    district: r.district,
    products: [tally(r.byYear[previousYear]).products, tally(r.byYear[year]).products],
    revenue: [
      formatBaht(tally(r.byYear[previousYear]).revenueSatang),
      formatBaht(tally(r.byYear[year]).revenueSatang),
    ],
  }));
  const districtTotal: DistrictLine = {
    district: "รวม",
    products: [before.total.products, now.total.products],
    revenue: [formatBaht(before.total.revenueSatang), formatBaht(now.total.revenueSatang)],
  };

  const years = Array.from({ length: REVENUE_YEARS }, (_, i) => year - REVENUE_YEARS + 1 + i);
  // A year without products has no revenue figure at all, which the chart and table say as such.
  const revenues = years.map((y) => {
    const total = yearRow(s, y).total;
    return total.products > 0 ? total.revenueSatang : null;
  });
  const anyRevenue = revenues.some((r) => r !== null && r > 0);
  const revenueText = revenues.map((r) => (r === null ? NO_DATA : formatBaht(r)));

  const comparison =
    before.total.products + now.total.products === 0
      ? `${when(year)} และ${when(previousYear)} ${NO_DATA}`
      : `เทียบกับ${when(previousYear)} จำนวนผลิตภัณฑ์${change(now.total.products, before.total.products, "ผลิตภัณฑ์", countText)} รายได้รวม${change(now.total.revenueSatang, before.total.revenueSatang, "บาท", formatBaht)}`;

  return {
    title: SUMMARY_TITLE,
    programme: PROGRAMME_NAME,
    period:
      basis === "fiscal"
        ? `ปีงบประมาณ ${year} (${fiscalYearSpan(year)}) เทียบกับปีงบประมาณ ${previousYear}`
        : `ประจำปี ${year} เทียบกับปี ${previousYear}`,
    scope: input.scope,
    basis,
    year,
    previousYear,
    headlines: [headline(s, previousYear, basis), headline(s, year, basis)],
    comparison,
    categories: {
      lines: categoryLines,
      total: categoryTotal,
      chart: anyProducts
        ? {
            kind: "bar",
            categories: categoryLines.map((l) => wrapLabel(l.label)),
            series: twoYearSeries(
              previousYear,
              year,
              categoryLines.map((l) => l.products),
            ),
            unit: "ผลิตภัณฑ์",
          }
        : null,
    },
    districts: {
      lines: districtLines,
      total: districtTotal,
      chart:
        districtLines.length > 0
          ? {
              kind: "hbar",
              categories: districtLines.map((l) => l.district),
              series: twoYearSeries(
                previousYear,
                year,
                districtLines.map((l) => l.products),
              ),
              unit: "ผลิตภัณฑ์",
            }
          : null,
    },
    revenueByYear: {
      years,
      revenue: revenueText,
      chart: anyRevenue
        ? {
            kind: "line",
            categories: years.map((y, i) => (revenues[i] === null ? `${y}\n${NO_DATA}` : String(y))),
            series: [
              {
                name: "รายได้ (บาท)",
                values: revenues.map((r) => (r === null ? null : r / 100)),
                labels: revenueText,
              },
            ],
            unit: "บาท",
          }
        : null,
    },
    meetings: meetingEntries(input, year),
    asOf: `ข้อมูล ณ วันที่ ${thaiLongDate(input.today)}`,
    fileName: `${SUMMARY_TITLE} KBO ${basis === "fiscal" ? "ปีงบประมาณ" : "ปี"} ${year}.pdf`,
  };
}

/** What a revision is a hash of: everything the report shows but the date it was made. */
export function summaryReportContent(model: SummaryReportModel): string {
  const { asOf: _asOf, ...content } = model;
  return canonicalJson(content);
}

/** Every figure the report prints, for the text-layer test: counts and baht as printed. */
export function summaryFigures(model: SummaryReportModel): string[] {
  const c = model.categories;
  return [
    ...c.lines.flatMap((l) => [...l.products.map(countText), ...l.revenue]),
    ...c.total.products.map(countText),
    ...c.total.revenue,
    ...model.districts.lines.flatMap((l) => [...l.products.map(countText), ...l.revenue]),
    ...model.revenueByYear.revenue.filter((r) => r !== NO_DATA),
  ];
}
