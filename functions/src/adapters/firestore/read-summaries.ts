// Reads what the summaries need from Firestore: one streamed pass over the live products (four fields
// selected, fed one by one to the accumulator, so 50,000 never sit in memory) and the live meetings
// with their latest report state. One source by default, every source when `spreadsheetId` is left
// out (the province view). Measured at 50,000 products: bench/results/summaries.md.
import type { Firestore, Query } from "@google-cloud/firestore";
import type { CategoryCode } from "../../domain/closed-sets.ts";
import {
  createSummaryAccumulator,
  type ReportStatus,
  type Summaries,
  type SummaryMeeting,
  type YearBasis,
} from "../../domain/summaries.ts";
import { retryFirestore } from "../retry.ts";
import { COLLECTIONS, collections, type RecordDoc } from "./collections.ts";

export interface ReadSummariesOptions {
  /** One source; undefined reads every source (the province view). */
  spreadsheetId?: string;
  basis?: YearBasis;
}

export interface ReadStats {
  /** Product documents streamed. */
  productDocuments: number;
  meetingDocuments: number;
}

function live<T>(q: Query<T>, spreadsheetId: string | undefined): Query<T> {
  const own = spreadsheetId === undefined ? q : q.where("source.spreadsheetId", "==", spreadsheetId);
  return own.where("deleted", "==", false);
}

async function streamProducts(
  db: Firestore,
  spreadsheetId: string | undefined,
  acc: ReturnType<typeof createSummaryAccumulator>,
): Promise<number> {
  const query = live(db.collection(COLLECTIONS.products), spreadsheetId).select(
    "year",
    "category",
    "district",
    "revenueSatang",
  );
  let n = 0;
  // data() once per document: a quarter less client CPU than four get(field) calls.
  for await (const doc of query.stream() as AsyncIterable<{ data(): Partial<RecordDoc> }>) {
    const d = doc.data() as {
      year: number;
      category: CategoryCode;
      district: string;
      revenueSatang?: number;
    };
    acc.addProduct({
      year: d.year,
      category: d.category,
      district: d.district,
      revenueSatang: d.revenueSatang ?? 0,
    });
    n++;
  }
  return n;
}

/** The latest outbox state of each meeting, by meeting id and by number. */
async function reportStates(db: Firestore): Promise<Map<string, ReportStatus>> {
  const snap = await db
    .collection(COLLECTIONS.reports)
    .select("meeting", "meetingId", "state", "updatedAt")
    .get();
  const latest = new Map<string, { at: number; state: ReportStatus }>();
  for (const d of snap.docs) {
    const at = (d.get("updatedAt") as { toMillis(): number } | undefined)?.toMillis() ?? 0;
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
  const snap = await live(collections(db).meetings, spreadsheetId).get();
  return snap.docs.map((d) => {
    const m = d.data();
    return { id: m.id, number: m.number, title: m.title, date: m.date, attendees: m.attendees ?? [] };
  });
}

export async function readSummaries(
  db: Firestore,
  options: ReadSummariesOptions = {},
): Promise<{ summaries: Summaries; stats: ReadStats }> {
  const acc = createSummaryAccumulator({ basis: options.basis });
  const [products, meetings, reports] = await Promise.all([
    // Not retried: a stream that failed half-way has already fed the accumulator.
    streamProducts(db, options.spreadsheetId, acc),
    retryFirestore(() => readMeetings(db, options.spreadsheetId)),
    retryFirestore(() => reportStates(db)),
  ]);
  for (const m of meetings) acc.addMeeting(m, reports.get(m.id) ?? reports.get(m.number) ?? "none");
  return {
    summaries: acc.finish(),
    stats: { productDocuments: products, meetingDocuments: meetings.length },
  };
}
