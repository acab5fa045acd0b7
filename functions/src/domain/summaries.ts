// The summaries as data: an accumulator fed one product and one meeting at a time (so a stream of
// 50,000 documents never sits in memory) that yields per year × category, per district × year and
// per meeting figures, exact in satang, tombstones excluded.
import {
  ATTENDANCE_KINDS,
  type AttendanceKind,
  BE_OFFSET,
  CATEGORY_CODES,
  type CategoryCode,
  DISTRICT_NAMES,
  type YearBasis,
} from "./closed-sets.ts";

export { YEAR_BASES, type YearBasis } from "./closed-sets.ts";

/** What a summary needs of a product (a stored document carries more). */
export interface SummaryProduct {
  year: number;
  category: CategoryCode;
  district: string;
  revenueSatang?: number;
  deleted?: boolean;
}

export const REPORT_STATUSES = ["none", "pending", "sending", "sent", "failed"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** What a summary needs of a meeting. */
export interface SummaryMeeting {
  number: string;
  title: string;
  /** ISO date (Gregorian). */
  date: string;
  attendees: { attendance: AttendanceKind }[];
  deleted?: boolean;
}

export interface Tally {
  products: number;
  revenueSatang: number;
}

export interface YearCategoryRow {
  year: number;
  byCategory: Record<CategoryCode, Tally>;
  total: Tally;
}

export interface DistrictRow {
  district: string;
  byYear: Record<number, Tally>;
  total: Tally;
}

export interface MeetingSummaryRow {
  number: string;
  title: string;
  date: string;
  /** The meeting's year on the chosen basis (BE). */
  year: number;
  counts: Record<AttendanceKind, number>;
  report: ReportStatus;
}

export interface Summaries {
  basis: YearBasis;
  /** Every year from the first to the last with products, empty years included, ascending. */
  years: number[];
  byCategory: { rows: YearCategoryRow[]; totals: Record<CategoryCode, Tally>; total: Tally };
  /** All 25 districts in the closed set's order, then any other name met (none after validation). */
  byDistrict: { rows: DistrictRow[]; totals: Record<number, Tally>; total: Tally };
  meetings: MeetingSummaryRow[];
}

const zero = (): Tally => ({ products: 0, revenueSatang: 0 });
const add = (t: Tally, revenue: number) => {
  t.products += 1;
  t.revenueSatang += revenue;
};
const perCategory = () =>
  Object.fromEntries(CATEGORY_CODES.map((c) => [c, zero()])) as Record<CategoryCode, Tally>;

/** The Thai fiscal year of an ISO date, named by the BE year in which it ends (Oct 2562 → 2563). */
export function fiscalYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return year + BE_OFFSET + (month >= 10 ? 1 : 0);
}

/** The BE year of a meeting on a basis: its calendar year, or its fiscal year. */
export function meetingYear(isoDate: string, basis: YearBasis): number {
  return basis === "fiscal" ? fiscalYearOf(isoDate) : Number(isoDate.slice(0, 4)) + BE_OFFSET;
}

export interface SummaryAccumulator {
  addProduct(p: SummaryProduct): void;
  /** Adds a year × category count at once (what an aggregation query returns). */
  addCategoryTally(year: number, category: CategoryCode, tally: Tally): void;
  /** Adds a district × year count at once. */
  addDistrictTally(district: string, year: number, tally: Tally): void;
  addMeeting(m: SummaryMeeting, report?: ReportStatus): void;
  finish(): Summaries;
}

/**
 * Products carry only their programme year (no date), so they are counted under it on both bases;
 * the fiscal basis changes how meetings, which have dates, are dated.
 */
export function createSummaryAccumulator(options: { basis?: YearBasis } = {}): SummaryAccumulator {
  const basis = options.basis ?? "programme";
  const years = new Map<number, Record<CategoryCode, Tally>>();
  const districts = new Map<string, Map<number, Tally>>(DISTRICT_NAMES.map((d) => [d, new Map()]));
  const meetings: MeetingSummaryRow[] = [];

  const categoryTally = (year: number, category: CategoryCode) => {
    let row = years.get(year);
    if (!row) {
      row = perCategory();
      years.set(year, row);
    }
    return row[category];
  };
  const districtTally = (district: string, year: number) => {
    let row = districts.get(district);
    if (!row) {
      row = new Map();
      districts.set(district, row);
    }
    let t = row.get(year);
    if (!t) {
      t = zero();
      row.set(year, t);
    }
    return t;
  };

  return {
    addProduct(p) {
      if (p.deleted) return;
      const revenue = p.revenueSatang ?? 0;
      add(categoryTally(p.year, p.category), revenue);
      add(districtTally(p.district, p.year), revenue);
    },
    addCategoryTally(year, category, tally) {
      if (tally.products === 0) return;
      const t = categoryTally(year, category);
      t.products += tally.products;
      t.revenueSatang += tally.revenueSatang;
    },
    addDistrictTally(district, year, tally) {
      if (tally.products === 0) return;
      const t = districtTally(district, year);
      t.products += tally.products;
      t.revenueSatang += tally.revenueSatang;
    },
    addMeeting(m, report = "none") {
      if (m.deleted) return;
      const counts = Object.fromEntries(ATTENDANCE_KINDS.map((k) => [k, 0])) as Record<
        AttendanceKind,
        number
      >;
      for (const a of m.attendees) counts[a.attendance] += 1;
      meetings.push({
        number: m.number,
        title: m.title,
        date: m.date,
        year: meetingYear(m.date, basis),
        counts,
        report,
      });
    },
    finish() {
      const known = [...years.keys()];
      for (const row of districts.values()) known.push(...row.keys());
      const allYears: number[] = [];
      if (known.length > 0) {
        const first = Math.min(...known);
        const last = Math.max(...known);
        for (let y = first; y <= last; y++) allYears.push(y);
      }
      const catTotals = perCategory();
      const catTotal = zero();
      const catRows = allYears.map((year) => {
        const byCategory = perCategory();
        const total = zero();
        const src = years.get(year);
        for (const c of CATEGORY_CODES) {
          const t = src?.[c] ?? zero();
          byCategory[c] = { ...t };
          total.products += t.products;
          total.revenueSatang += t.revenueSatang;
          catTotals[c].products += t.products;
          catTotals[c].revenueSatang += t.revenueSatang;
        }
        catTotal.products += total.products;
        catTotal.revenueSatang += total.revenueSatang;
        return { year, byCategory, total };
      });
      const distTotals: Record<number, Tally> = Object.fromEntries(allYears.map((y) => [y, zero()]));
      const distTotal = zero();
      const distRows = [...districts.entries()].map(([district, byYearMap]) => {
        const byYear: Record<number, Tally> = {};
        const total = zero();
        for (const year of allYears) {
          const t = byYearMap.get(year) ?? zero();
          byYear[year] = { ...t };
          total.products += t.products;
          total.revenueSatang += t.revenueSatang;
          distTotals[year]!.products += t.products;
          distTotals[year]!.revenueSatang += t.revenueSatang;
        }
        distTotal.products += total.products;
        distTotal.revenueSatang += total.revenueSatang;
        return { district, byYear, total };
      });
      const sorted = [...meetings].sort((a, b) =>
        a.date === b.date ? a.number.localeCompare(b.number) : a.date < b.date ? -1 : 1,
      );
      return {
        basis,
        years: allYears,
        byCategory: { rows: catRows, totals: catTotals, total: catTotal },
        byDistrict: { rows: distRows, totals: distTotals, total: distTotal },
        meetings: sorted,
      };
    },
  };
}

/** Summaries of in-memory records (tests, the CLI on a small workbook). */
export function summarise(
  products: Iterable<SummaryProduct>,
  meetings: Iterable<SummaryMeeting & { report?: ReportStatus }> = [],
  options: { basis?: YearBasis } = {},
): Summaries {
  const acc = createSummaryAccumulator(options);
  for (const p of products) acc.addProduct(p);
  for (const m of meetings) acc.addMeeting(m, m.report);
  return acc.finish();
}

/** Satang → baht as a number (exact for any revenue a sheet holds: 2 decimals, < 2^53 satang). */
export const satangToBaht = (satang: number): number => satang / 100;

export interface CategoryJsonRow {
  year: number;
  category: CategoryCode;
  products: number;
  revenue: number;
}
export interface DistrictJsonRow {
  year: number;
  district: string;
  products: number;
  revenue: number;
}
export interface MeetingJsonRow {
  number: string;
  date: string;
  year: number;
  present: number;
  absent: number;
  inAttendance: number;
  report: ReportStatus;
}

/** The `kbo summarize --json` shape (README.md): revenue in baht; year × category for every year shown. */
export function summariesJson(s: Summaries): {
  basis: YearBasis;
  byCategory: CategoryJsonRow[];
  byDistrict: DistrictJsonRow[];
  meetings: MeetingJsonRow[];
} {
  return {
    basis: s.basis,
    byCategory: s.byCategory.rows.flatMap((r) =>
      CATEGORY_CODES.map((category) => ({
        year: r.year,
        category,
        products: r.byCategory[category].products,
        revenue: satangToBaht(r.byCategory[category].revenueSatang),
      })),
    ),
    byDistrict: s.years.flatMap((year) =>
      s.byDistrict.rows
        .filter((r) => r.byYear[year]!.products > 0)
        .map((r) => ({
          year,
          district: r.district,
          products: r.byYear[year]!.products,
          revenue: satangToBaht(r.byYear[year]!.revenueSatang),
        })),
    ),
    meetings: s.meetings.map((m) => ({
      number: m.number,
      date: m.date,
      year: m.year,
      present: m.counts.present,
      absent: m.counts.absent,
      inAttendance: m.counts.in_attendance,
      report: m.report,
    })),
  };
}
