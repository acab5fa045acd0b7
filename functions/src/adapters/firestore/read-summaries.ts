// Reads what the summaries need from Firestore without one read per record. Default: the running
// totals each sync keeps beside a source's products (product-totals.ts): one document per source, checked
// against a count() of the live products; when they cannot be trusted (a source synced before they
// existed, a document that disagrees with the count), one streamed pass over the products with only
// four fields selected. count()/sum() aggregation queries per year × category and district × year stay
// available. One source (spreadsheetId) by default, every source when `spreadsheetId` is left out (the
// province view). Meetings (few) are read whole, with their latest report state from the outbox.
//
// Measured at 50,000 products in the Cloud SDK emulator on 2 cores (bench/summaries.ts,
// bench/results/summaries.md): the stream takes 2.6–3.3 s warm on a quiet machine, most of it the
// emulator serving 49,000 documents (a select() of no field is hardly faster); aggregation needs two
// queries per (year, category) and (district, year) cell, each a full scan in the emulator: 31–99 s for
// the year × category table alone (55 queries). In production an aggregation is billed one read per
// 1,000 index entries.
import { AggregateField, type Firestore, type Query, Timestamp } from "@google-cloud/firestore";
import { CATEGORY_CODES, type CategoryCode, DISTRICT_NAMES } from "../../domain/closed-sets.ts";
import { addTotalsTo } from "../../domain/product-totals.ts";
import {
  createSummaryAccumulator,
  type ReportStatus,
  type Summaries,
  type SummaryMeeting,
  type YearBasis,
} from "../../domain/summaries.ts";
import { COLLECTIONS, timestampToIsoDate } from "./converters.ts";
import { mapLimit } from "./parallel.ts";
import { readTotals } from "./product-totals.ts";
import { REPORTS_COLLECTION } from "./report-outbox.ts";

export const READ_METHODS = ["totals", "stream", "aggregate"] as const;
export type ReadMethod = (typeof READ_METHODS)[number];

export interface ReadSummariesOptions {
  /** One source; undefined reads every source (the province view). */
  spreadsheetId?: string;
  basis?: YearBasis;
  method?: ReadMethod;
  /** Aggregation only: the years to ask about (default: the first programme year to `lastYear`). */
  firstYear?: number;
  lastYear?: number;
  /** Aggregation only: queries in flight at once. */
  concurrency?: number;
  /** Aggregation only: also the district × year table (default true; the benchmark times both). */
  districts?: boolean;
}

export interface ReadStats {
  /** The method that gave the figures: `totals` falls back to `stream` when they cannot be trusted. */
  method: ReadMethod;
  /** Product documents streamed (stream only). */
  productDocuments: number;
  aggregationQueries: number;
  /** Running-totals documents read (totals only). */
  totalsDocuments: number;
  meetingDocuments: number;
}

function liveProducts(db: Firestore, spreadsheetId: string | undefined): Query {
  let q: Query = db.collection(COLLECTIONS.products);
  if (spreadsheetId !== undefined) q = q.where("source.spreadsheetId", "==", spreadsheetId);
  return q.where("deleted", "==", false);
}

async function streamProducts(
  db: Firestore,
  spreadsheetId: string | undefined,
  acc: ReturnType<typeof createSummaryAccumulator>,
): Promise<number> {
  const query = liveProducts(db, spreadsheetId).select("year", "category", "district", "revenueSatang");
  let n = 0;
  // data() once per document: a quarter less client CPU than four get(field) calls.
  for await (const doc of query.stream() as AsyncIterable<{ data(): Record<string, unknown> }>) {
    const d = doc.data();
    acc.addProduct({
      year: d.year as number,
      category: d.category as CategoryCode,
      district: d.district as string,
      revenueSatang: (d.revenueSatang as number | undefined) ?? 0,
    });
    n++;
  }
  return n;
}

/**
 * count() and sum() as two queries: Firestore counts only the documents holding every field of an
 * aggregation, so one query with both would leave out the products without a revenue.
 */
async function tally(query: Query): Promise<{ products: number; revenueSatang: number }> {
  const [count, sum] = await Promise.all([
    query.count().get(),
    query.aggregate({ revenueSatang: AggregateField.sum("revenueSatang") }).get(),
  ]);
  return { products: count.data().count, revenueSatang: sum.data().revenueSatang ?? 0 };
}

async function aggregateProducts(
  db: Firestore,
  options: ReadSummariesOptions,
  acc: ReturnType<typeof createSummaryAccumulator>,
): Promise<number> {
  const base = liveProducts(db, options.spreadsheetId);
  const concurrency = options.concurrency ?? 16;
  const first = options.firstYear ?? 2544;
  const last = options.lastYear ?? new Date().getUTCFullYear() + 543 + 1;
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  // A count per year first, so empty years cost one query instead of thirty.
  const perYear = await mapLimit(years, concurrency, (y) =>
    base
      .where("year", "==", y)
      .count()
      .get()
      .then((s) => ({ year: y, n: s.data().count })),
  );
  const live = perYear.filter((y) => y.n > 0).map((y) => y.year);
  const cells = live.flatMap((year) => [
    ...CATEGORY_CODES.map((category) => ({ year, category, district: undefined })),
    ...(options.districts === false ? [] : DISTRICT_NAMES).map((district) => ({
      year,
      category: undefined,
      district,
    })),
  ]);
  await mapLimit(cells, concurrency, async (c) => {
    let q = base.where("year", "==", c.year);
    q = c.category ? q.where("category", "==", c.category) : q.where("district", "==", c.district);
    const t = await tally(q);
    if (c.category) acc.addCategoryTally(c.year, c.category, t);
    else acc.addDistrictTally(c.district!, c.year, t);
  });
  return years.length + 2 * cells.length;
}

/** The latest outbox state of each meeting, by meeting id and by number. */
async function reportStates(db: Firestore): Promise<Map<string, ReportStatus>> {
  const snap = await db
    .collection(REPORTS_COLLECTION)
    .select("meeting", "meetingId", "state", "updatedAt")
    .get();
  const latest = new Map<string, { at: number; state: ReportStatus }>();
  for (const d of snap.docs) {
    const at = (d.get("updatedAt") as Timestamp | undefined)?.toMillis() ?? 0;
    const state = d.get("state") as ReportStatus;
    for (const key of [d.get("meetingId"), d.get("meeting")]) {
      if (typeof key !== "string") continue;
      const seen = latest.get(key);
      if (!seen || seen.at <= at) latest.set(key, { at, state });
    }
  }
  return new Map([...latest].map(([k, v]) => [k, v.state]));
}

async function readMeetings(
  db: Firestore,
  spreadsheetId: string | undefined,
): Promise<(SummaryMeeting & { id: string })[]> {
  let q: Query = db.collection(COLLECTIONS.meetings);
  if (spreadsheetId !== undefined) q = q.where("source.spreadsheetId", "==", spreadsheetId);
  const snap = await q
    .where("deleted", "==", false)
    .select("id", "number", "title", "date", "attendees")
    .get();
  return snap.docs.map((d) => {
    const date = d.get("date");
    return {
      id: d.get("id") as string,
      number: d.get("number") as string,
      title: d.get("title") as string,
      date: date instanceof Timestamp ? timestampToIsoDate(date) : String(date),
      attendees: (d.get("attendees") as SummaryMeeting["attendees"] | undefined) ?? [],
    };
  });
}

export async function readSummaries(
  db: Firestore,
  options: ReadSummariesOptions = {},
): Promise<{ summaries: Summaries; stats: ReadStats }> {
  const asked = options.method ?? "totals";
  const acc = createSummaryAccumulator({ basis: options.basis });
  const products = async (): Promise<{ method: ReadMethod; n: number }> => {
    if (asked === "aggregate") return { method: asked, n: await aggregateProducts(db, options, acc) };
    if (asked === "totals") {
      const live = () =>
        liveProducts(db, options.spreadsheetId)
          .count()
          .get()
          .then((s) => s.data().count);
      const stored = await readTotals(db, options.spreadsheetId, live);
      if (stored) {
        addTotalsTo(acc, stored.totals);
        return { method: "totals", n: stored.documents };
      }
    }
    return { method: "stream", n: await streamProducts(db, options.spreadsheetId, acc) };
  };
  const [read, meetings, reports] = await Promise.all([
    products(),
    readMeetings(db, options.spreadsheetId),
    reportStates(db),
  ]);
  for (const m of meetings) acc.addMeeting(m, reports.get(m.id) ?? reports.get(m.number) ?? "none");
  return {
    summaries: acc.finish(),
    stats: {
      method: read.method,
      productDocuments: read.method === "stream" ? read.n : 0,
      aggregationQueries: read.method === "aggregate" ? read.n : 0,
      totalsDocuments: read.method === "totals" ? read.n : 0,
      meetingDocuments: meetings.length,
    },
  };
}
