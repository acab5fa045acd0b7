// Running totals of a source's live products, per year × category and per district × year, kept beside
// the records (and changed in the same atomic writes) so a summary reads one document instead of every
// product. Pure: the change one record write makes to them, and the totals fed to the accumulator.
import type { CategoryCode } from "./closed-sets.ts";
import type { SummaryAccumulator, SummaryProduct, Tally } from "./summaries.ts";

/** year → category → tally, and district → year → tally (the document's shape, and a change's). */
export interface ProductTotals {
  byCategory: Record<string, Record<string, Tally>>;
  byDistrict: Record<string, Record<string, Tally>>;
}

export const emptyTotals = (): ProductTotals => ({ byCategory: {}, byDistrict: {} });

function bump(table: Record<string, Record<string, Tally>>, outer: string, inner: string, by: Tally): void {
  table[outer] ??= {};
  const row = table[outer];
  row[inner] ??= { products: 0, revenueSatang: 0 };
  const cell = row[inner];
  cell.products += by.products;
  cell.revenueSatang += by.revenueSatang;
}

/** Adds (sign 1) or takes away (sign −1) one live product; a tombstone or nothing counts for nothing. */
export function addProductTo(totals: ProductTotals, p: SummaryProduct | undefined, sign: 1 | -1): void {
  if (!p || p.deleted) return;
  const by = { products: sign, revenueSatang: sign * (p.revenueSatang ?? 0) };
  bump(totals.byCategory, String(p.year), p.category, by);
  bump(totals.byDistrict, p.district, String(p.year), by);
}

/** The change a write from `before` to `after` makes (either may be absent or a tombstone). */
export function totalsChange(
  before: SummaryProduct | undefined,
  after: SummaryProduct | undefined,
): ProductTotals {
  const change = emptyTotals();
  addProductTo(change, before, -1);
  addProductTo(change, after, 1);
  return change;
}

/** Cells whose change is zero are left out: they would cost a write for nothing. */
export function nonZeroCells(totals: ProductTotals): ProductTotals {
  const keep = (table: Record<string, Record<string, Tally>>) => {
    const out: Record<string, Record<string, Tally>> = {};
    for (const [outer, row] of Object.entries(table)) {
      for (const [inner, t] of Object.entries(row)) {
        if (t.products === 0 && t.revenueSatang === 0) continue;
        out[outer] ??= {};
        out[outer][inner] = { ...t };
      }
    }
    return out;
  };
  return { byCategory: keep(totals.byCategory), byDistrict: keep(totals.byDistrict) };
}

export function mergeTotals(into: ProductTotals, more: ProductTotals): void {
  for (const [year, row] of Object.entries(more.byCategory)) {
    for (const [category, t] of Object.entries(row)) bump(into.byCategory, year, category, t);
  }
  for (const [district, row] of Object.entries(more.byDistrict)) {
    for (const [year, t] of Object.entries(row)) bump(into.byDistrict, district, year, t);
  }
}

export const totalProducts = (totals: ProductTotals): number =>
  Object.values(totals.byCategory).reduce(
    (n, row) => n + Object.values(row).reduce((m, t) => m + t.products, 0),
    0,
  );

/** Feeds stored totals to the summary accumulator, as the stream would have fed every product. */
export function addTotalsTo(acc: SummaryAccumulator, totals: ProductTotals): void {
  for (const [year, row] of Object.entries(totals.byCategory)) {
    for (const [category, t] of Object.entries(row))
      acc.addCategoryTally(Number(year), category as CategoryCode, t);
  }
  for (const [district, row] of Object.entries(totals.byDistrict)) {
    for (const [year, t] of Object.entries(row)) acc.addDistrictTally(district, Number(year), t);
  }
}
