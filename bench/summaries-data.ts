// Generated product documents for bench/summaries and the summary tests: N products spread over
// years, categories and districts with known totals, written straight to Firestore (BulkWriter) in
// the mirror's document shape, so the summaries can be measured without timing the sync itself.
import { type Firestore, Timestamp } from "@google-cloud/firestore";
import { COLLECTIONS } from "../functions/src/adapters/firestore/collections.ts";
import { CATEGORY_CODES, type CategoryCode, DISTRICT_NAMES } from "../functions/src/domain/closed-sets.ts";
import type { SummaryProduct } from "../functions/src/domain/summaries.ts";

export interface GeneratedProduct extends SummaryProduct {
  id: string;
  product: string;
  producer: string;
}

/** Product i: years 2561–2565, every category and district, revenue with satang, every 50th a tombstone. */
export function generatedProduct(i: number): GeneratedProduct {
  const year = 2561 + (i % 5);
  return {
    id: `KBO-${year}-${String(i + 1).padStart(6, "0")}`,
    year,
    category: CATEGORY_CODES[(i * 7) % CATEGORY_CODES.length] as CategoryCode,
    district: DISTRICT_NAMES[(i * 3) % DISTRICT_NAMES.length]!,
    product: `ผลิตภัณฑ์ที่ ${i + 1}`,
    producer: `กลุ่มผู้ผลิตที่ ${(i % 97) + 1}`,
    revenueSatang: i % 11 === 0 ? undefined : ((i * 7919) % 500_000) * 100 + (i % 100),
    deleted: i % 50 === 49,
  };
}

export function generatedProducts(n: number): GeneratedProduct[] {
  return Array.from({ length: n }, (_, i) => generatedProduct(i));
}

/** Writes the products as mirrored documents of `spreadsheetId` (BulkWriter, no audit entries). */
export async function seedProducts(
  db: Firestore,
  products: readonly GeneratedProduct[],
  spreadsheetId: string,
): Promise<void> {
  const now = Timestamp.fromDate(new Date("2020-01-20T03:00:00Z"));
  const writer = db.bulkWriter();
  products.forEach((p, i) => {
    const { deleted, ...content } = p;
    void writer.set(db.collection(COLLECTIONS.products).doc(p.id), {
      ...content,
      source: { spreadsheetId, tab: "ผลิตภัณฑ์", row: i + 2 },
      hash: "bench",
      deleted: deleted === true,
      deletedAt: deleted ? now : null,
      createdAt: now,
      createdBy: "bench",
      updatedAt: now,
      updatedBy: "bench",
    });
  });
  await writer.close();
}
