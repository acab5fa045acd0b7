// The summary tabs as sheet tables: Thai tab name, a Thai header row with the English one under it,
// rows of plain cells (text or numbers, never formulas) and column kinds with their number formats.
// The Sheets adapter and the .xlsx writer both render these, so both show the same figures.
import { ATTENDANCE_LABELS, CATEGORIES, DISTRICTS } from "./closed-sets.ts";
import { type ReportStatus, type Summaries, satangToBaht, type Tally, type YearBasis } from "./summaries.ts";
import { SUMMARY_TAB_NAMES, type SummaryTab } from "./tabs.ts";
import { thaiLongDate } from "./thai-format.ts";

export const COLUMN_KINDS = ["text", "year", "integer", "baht", "date"] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export interface SummaryColumn {
  th: string;
  en: string;
  kind: ColumnKind;
  /** Width in pixels (Sheets) — the .xlsx writer converts it to characters. */
  width: number;
  /** Spreadsheet number format of a numeric column: `0` for BE years, `#,##0` or `#,##0.00`. */
  numberFormat?: string;
}

export type SummaryCell = string | number | null;

export interface SummaryChart {
  title: string;
  type: "COLUMN" | "BAR";
  stacked: boolean;
  /** 0-based column of the labels (years, districts). */
  domainColumn: number;
  /** 0-based columns of the plotted series. */
  seriesColumns: number[];
}

export interface SummaryTable {
  key: SummaryTab;
  /** The Thai tab name (SUMMARY_TAB_NAMES). */
  name: string;
  columns: SummaryColumn[];
  /** Data rows, the totals row(s) last. */
  rows: SummaryCell[][];
  /** How many of `rows` at the end are totals (bold, left out of charts). */
  totalRows: number;
  chart?: SummaryChart;
}

/** Header rows above the data: Thai, then English. */
export const HEADER_ROW_COUNT = 2;

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  none: "ยังไม่ได้จัดทำ (not made)",
  pending: "รอส่ง (pending)",
  sending: "กำลังส่ง (sending)",
  sent: "ส่งแล้ว (sent)",
  failed: "ส่งไม่สำเร็จ (failed)",
};

const TOTAL_TH = "รวม";
const TOTAL_EN = "total";

const col = (th: string, en: string, kind: ColumnKind, width: number): SummaryColumn => ({
  th,
  en,
  kind,
  width,
});
const baht = (t: Tally) => satangToBaht(t.revenueSatang);

/** Number formats from the values: baht shows satang only when some figure has them. */
function withFormats(columns: SummaryColumn[], rows: SummaryCell[][]): SummaryColumn[] {
  return columns.map((c, i) => {
    if (c.kind === "year") return { ...c, numberFormat: "0" };
    if (c.kind === "integer") return { ...c, numberFormat: "#,##0" };
    if (c.kind === "baht") {
      const fractional = rows.some((r) => typeof r[i] === "number" && !Number.isInteger(r[i]));
      return { ...c, numberFormat: fractional ? "#,##0.00" : "#,##0" };
    }
    return c;
  });
}

function byCategoryTable(s: Summaries): SummaryTable {
  const columns = [col("ปี พ.ศ.", "year (BE)", "year", 80)];
  for (const c of CATEGORIES) {
    columns.push(col(`${c.th} (จำนวน)`, `${c.en} (products)`, "integer", 120));
    columns.push(col(`${c.th} (รายได้ บาท)`, `${c.en} (revenue, baht)`, "baht", 140));
  }
  columns.push(col("รวม (จำนวน)", "total (products)", "integer", 110));
  columns.push(col("รวม (รายได้ บาท)", "total (revenue, baht)", "baht", 140));
  const rows: SummaryCell[][] = s.byCategory.rows.map((r) => [
    r.year,
    ...CATEGORIES.flatMap((c) => [r.byCategory[c.code].products, baht(r.byCategory[c.code])]),
    r.total.products,
    baht(r.total),
  ]);
  rows.push([
    `${TOTAL_TH} (${TOTAL_EN})`,
    ...CATEGORIES.flatMap((c) => [s.byCategory.totals[c.code].products, baht(s.byCategory.totals[c.code])]),
    s.byCategory.total.products,
    baht(s.byCategory.total),
  ]);
  return {
    key: "byCategory",
    name: SUMMARY_TAB_NAMES.byCategory.th,
    columns: withFormats(columns, rows),
    rows,
    totalRows: 1,
    chart: {
      title: "จำนวนผลิตภัณฑ์ตามประเภท รายปี (products per category per year)",
      type: "COLUMN",
      stacked: true,
      domainColumn: 0,
      seriesColumns: CATEGORIES.map((_, i) => 1 + 2 * i),
    },
  };
}

function byDistrictTable(s: Summaries): SummaryTable {
  const columns = [col("อำเภอ", "district", "text", 130), col("District", "district (English)", "text", 150)];
  for (const y of s.years) {
    columns.push(col(`${y} (จำนวน)`, `${y} (products)`, "integer", 100));
    columns.push(col(`${y} (รายได้ บาท)`, `${y} (revenue, baht)`, "baht", 130));
  }
  columns.push(col("รวม (จำนวน)", "total (products)", "integer", 110));
  columns.push(col("รวม (รายได้ บาท)", "total (revenue, baht)", "baht", 140));
  const english = new Map(DISTRICTS.map((d) => [d.th, d.en]));
  const rows: SummaryCell[][] = s.byDistrict.rows.map((r) => [
    r.district,
    english.get(r.district) ?? "",
    ...s.years.flatMap((y) => [r.byYear[y]!.products, baht(r.byYear[y]!)]),
    r.total.products,
    baht(r.total),
  ]);
  rows.push([
    TOTAL_TH,
    TOTAL_EN,
    ...s.years.flatMap((y) => [s.byDistrict.totals[y]!.products, baht(s.byDistrict.totals[y]!)]),
    s.byDistrict.total.products,
    baht(s.byDistrict.total),
  ]);
  const totalProductsColumn = columns.length - 2;
  return {
    key: "byDistrict",
    name: SUMMARY_TAB_NAMES.byDistrict.th,
    columns: withFormats(columns, rows),
    rows,
    totalRows: 1,
    chart: {
      title: "จำนวนผลิตภัณฑ์ตามอำเภอ (products per district)",
      type: "BAR",
      stacked: false,
      domainColumn: 0,
      seriesColumns: [totalProductsColumn],
    },
  };
}

function meetingsTable(s: Summaries): SummaryTable {
  const yearColumn: [string, string] =
    s.basis === "fiscal" ? ["ปีงบประมาณ", "fiscal year (BE)"] : ["ปี พ.ศ.", "year (BE)"];
  const columns = [
    col("ครั้งที่", "meeting", "text", 80),
    col("วันที่", "date", "date", 150),
    col(...yearColumn, "year", 100),
    col("ชื่อการประชุม", "title", "text", 320),
    col(ATTENDANCE_LABELS.present.th, ATTENDANCE_LABELS.present.en, "integer", 100),
    col(ATTENDANCE_LABELS.absent.th, ATTENDANCE_LABELS.absent.en, "integer", 100),
    col(ATTENDANCE_LABELS.in_attendance.th, ATTENDANCE_LABELS.in_attendance.en, "integer", 130),
    col("รายงานการประชุม", "report", "text", 170),
  ];
  const rows: SummaryCell[][] = s.meetings.map((m) => [
    m.number,
    thaiLongDate(m.date),
    m.year,
    m.title,
    m.counts.present,
    m.counts.absent,
    m.counts.in_attendance,
    REPORT_STATUS_LABELS[m.report],
  ]);
  rows.push([
    `${TOTAL_TH} ${s.meetings.length} ครั้ง (${s.meetings.length} meetings)`,
    null,
    null,
    null,
    s.meetings.reduce((n, m) => n + m.counts.present, 0),
    s.meetings.reduce((n, m) => n + m.counts.absent, 0),
    s.meetings.reduce((n, m) => n + m.counts.in_attendance, 0),
    null,
  ]);
  return {
    key: "meetingsSummary",
    name: SUMMARY_TAB_NAMES.meetingsSummary.th,
    columns: withFormats(columns, rows),
    rows,
    totalRows: 1,
  };
}

/** The three summary tabs, in SUMMARY_TABS order. */
export function buildSummaryTables(s: Summaries): SummaryTable[] {
  return [byCategoryTable(s), byDistrictTable(s), meetingsTable(s)];
}

/** The basis a table set was built on, for labels outside the tables. */
export const basisLabel = (basis: YearBasis): string =>
  basis === "fiscal" ? "ปีงบประมาณ (fiscal year, Oct–Sep)" : "ปีโครงการ (programme year)";
