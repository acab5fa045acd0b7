// The running totals of each source's live products (`productTotals/{spreadsheetId}`), changed by
// increments in the very batch or transaction that writes the records, so they equal the records at
// every committed state; every such write is conditional on what it read (create() or a transaction),
// so a retried write never counts twice. A source's document is trusted only when it was opened before
// the source's first record (`complete`), and only while the live products' count() agrees with it.
import {
  type DocumentData,
  type DocumentReference,
  FieldValue,
  type Firestore,
  Timestamp,
} from "@google-cloud/firestore";
import type { CategoryCode } from "../../domain/closed-sets.ts";
import {
  emptyTotals,
  mergeTotals,
  nonZeroCells,
  type ProductTotals,
  totalProducts,
} from "../../domain/product-totals.ts";
import type { SummaryProduct, Tally } from "../../domain/summaries.ts";
import { retryFirestore } from "../retry.ts";
import { isAlreadyExists } from "./collections.ts";
import { COLLECTIONS } from "./converters.ts";

export const totalsRef = (db: Firestore, spreadsheetId: string) =>
  db.collection(COLLECTIONS.productTotals).doc(spreadsheetId);

/** A stored product document as the totals count it (undefined: no document). */
export function summaryProductOf(data: DocumentData | undefined): SummaryProduct | undefined {
  if (!data) return undefined;
  return {
    year: data.year as number,
    category: data.category as CategoryCode,
    district: data.district as string,
    revenueSatang: (data.revenueSatang as number | undefined) ?? 0,
    deleted: data.deleted === true,
  };
}

const incrementsOf = (table: Record<string, Record<string, Tally>>) =>
  Object.fromEntries(
    Object.entries(table).map(([outer, row]) => [
      outer,
      Object.fromEntries(
        Object.entries(row).map(([inner, t]) => [
          inner,
          {
            products: FieldValue.increment(t.products),
            revenueSatang: FieldValue.increment(t.revenueSatang),
          },
        ]),
      ),
    ]),
  );

interface MergeWriter {
  set(ref: DocumentReference, data: DocumentData, options: { merge: true }): unknown;
}

/** Adds a change to a source's totals within a batch or transaction; returns the writes it made (0 or 1). */
export function writeTotalsChange(
  writer: MergeWriter,
  db: Firestore,
  spreadsheetId: string,
  change: ProductTotals,
): number {
  const cells = nonZeroCells(change);
  if (Object.keys(cells.byCategory).length === 0 && Object.keys(cells.byDistrict).length === 0) return 0;
  writer.set(
    totalsRef(db, spreadsheetId),
    { byCategory: incrementsOf(cells.byCategory), byDistrict: incrementsOf(cells.byDistrict) },
    { merge: true },
  );
  return 1;
}

/**
 * Opens the totals of a source that has no product record yet (one write). If a concurrent sync's
 * records got there first, their increments created the document without `complete`: it then stays
 * untrusted, and summaries of that source stream its products instead.
 */
export async function openTotals(db: Firestore, spreadsheetId: string, now: Date): Promise<number> {
  try {
    await retryFirestore(() =>
      totalsRef(db, spreadsheetId).create({
        spreadsheetId,
        complete: true,
        openedAt: Timestamp.fromDate(now),
        byCategory: {},
        byDistrict: {},
      }),
    );
    return 1;
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
    return 0;
  }
}

function totalsOf(data: DocumentData): ProductTotals | undefined {
  if (data.complete !== true) return undefined;
  const totals: ProductTotals = {
    byCategory: (data.byCategory as ProductTotals["byCategory"]) ?? {},
    byDistrict: (data.byDistrict as ProductTotals["byDistrict"]) ?? {},
  };
  const cells = [...Object.values(totals.byCategory), ...Object.values(totals.byDistrict)].flatMap(
    Object.values,
  );
  return cells.every((t) => t.products >= 0) ? totals : undefined;
}

/**
 * The totals of one source, or of every source (the province view), when they can be trusted: every
 * document complete, and as many products in them as count() finds live. Otherwise undefined.
 */
export async function readTotals(
  db: Firestore,
  spreadsheetId: string | undefined,
  liveCount: () => Promise<number>,
): Promise<{ totals: ProductTotals; documents: number } | undefined> {
  const docs =
    spreadsheetId === undefined
      ? (await retryFirestore(() => db.collection(COLLECTIONS.productTotals).get())).docs.map((d) => d.data())
      : [(await retryFirestore(() => totalsRef(db, spreadsheetId).get())).data()].filter(
          (d) => d !== undefined,
        );
  const totals = emptyTotals();
  for (const data of docs) {
    const t = totalsOf(data);
    if (!t) return undefined;
    mergeTotals(totals, t);
  }
  if (docs.length === 0 && spreadsheetId !== undefined) return undefined;
  if (totalProducts(totals) !== (await liveCount())) return undefined;
  return { totals, documents: docs.length };
}
