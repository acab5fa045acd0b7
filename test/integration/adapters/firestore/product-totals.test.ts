// The running totals against the real emulator: after every kind of sync (creates, edits of each
// counted field, tombstones, restores, overlapping syncs of one source) they give exactly what a
// stream of the products gives, for one source and for the province; when they disagree with the
// records (a write behind the sync's back, a source synced before totals existed) they are not used.
import { afterAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../../functions/src/adapters/firestore/client.ts";
import { mirrorWorkbook } from "../../../../functions/src/adapters/firestore/mirror-workbook.ts";
import { readSummaries } from "../../../../functions/src/adapters/firestore/read-summaries.ts";
import type { RawCell } from "../../../../functions/src/domain/raw-workbook.ts";
import { validateWorkbook } from "../../../../functions/src/domain/validate-workbook.ts";
import { productCells, products, rawWorkbook, withIds } from "../../support/sync-fixtures.ts";

const db = createFirestore({
  firestoreEmulatorHost: inject("firestoreHost"),
  projectId: inject("firestoreProjectId"),
});
afterAll(() => db.terminate());

const NOW = new Date("2020-01-20T03:00:00Z");

function sync(rows: RawCell[][], spreadsheetId: string) {
  return mirrorWorkbook(db, {
    spreadsheetId,
    validation: validateWorkbook(rawWorkbook(rows), { today: "2020-01-20" }),
    tabs: ["products"],
    actor: "staff@example.org",
    now: NOW,
  });
}

async function expectTotalsToMatchStream(spreadsheetId: string | undefined) {
  const totals = await readSummaries(db, { spreadsheetId });
  const stream = await readSummaries(db, { spreadsheetId, method: "stream" });
  expect(totals.stats.method).toBe("totals");
  expect(stream.stats.productDocuments).toBeGreaterThan(0);
  expect(totals.summaries.byCategory).toEqual(stream.summaries.byCategory);
  expect(totals.summaries.byDistrict).toEqual(stream.summaries.byDistrict);
  expect(totals.summaries.years).toEqual(stream.summaries.years);
}

const edit = (cells: RawCell[], i: number, overrides: Record<string, RawCell>) => {
  const fresh = productCells(i, overrides);
  return [cells[0] ?? null, ...fresh.slice(1)];
};

describe("running product totals", () => {
  it("equal a stream of the products through creates, edits of every counted field, tombstones and restores", async () => {
    const rows = products(40);
    const first = await sync(rows, "totals-A");
    await expectTotalsToMatchStream("totals-A");

    const ided = withIds(rows, first);
    const edited = ided
      .map((cells, i) =>
        i % 5 === 0
          ? edit(cells, i, { category: "อาหาร" })
          : i % 5 === 1
            ? edit(cells, i, { district: "ฝาง" })
            : i % 5 === 2
              ? edit(cells, i, { revenue: "1,234,567.25" })
              : cells,
      )
      .slice(0, 30); // the last ten rows are deleted: tombstones
    const second = await sync(edited, "totals-A");
    expect(second.counts).toMatchObject({ updated: 18, deleted: 10 });
    await expectTotalsToMatchStream("totals-A");

    const third = await sync(ided, "totals-A"); // edits undone, the ten rows back
    expect(third.counts).toMatchObject({ updated: 18, restored: 10 });
    await expectTotalsToMatchStream("totals-A");

    // Without ids, a row whose year changes is a new record, and the old one a tombstone.
    const moved = products(40).map((cells, i) => (i === 3 ? productCells(i, { year: 2564 }) : cells));
    const fourth = await sync(moved, "totals-A");
    expect(fourth.counts).toMatchObject({ created: 1, deleted: 1 });
    await expectTotalsToMatchStream("totals-A");
  });

  it("equal the stream after two overlapping syncs of one source, and across sources", async () => {
    const v1 = products(30);
    const v2 = products(30).map((cells, i) => (i % 3 === 0 ? productCells(i, { revenue: "777" }) : cells));
    await Promise.all([sync(v1, "totals-B"), sync(v2, "totals-B")]);
    await expectTotalsToMatchStream("totals-B");
    await sync(v2.slice(5), "totals-B");
    await expectTotalsToMatchStream("totals-B");
    await expectTotalsToMatchStream(undefined);
  });

  it("are not used when they disagree with the records", async () => {
    await sync(products(12), "totals-C");
    await expectTotalsToMatchStream("totals-C");
    // A record removed behind the sync's back: the count no longer agrees, the products are streamed.
    const victim = (
      await db.collection("products").where("source.spreadsheetId", "==", "totals-C").limit(1).get()
    ).docs[0]!;
    await victim.ref.delete();
    const after = await readSummaries(db, { spreadsheetId: "totals-C" });
    expect(after.stats.method).toBe("stream");
    expect(after.summaries.byCategory.total.products).toBe(11);
    expect((await readSummaries(db, {})).stats.method).toBe("stream");
    // A source whose records predate its totals (no document): streamed too.
    await db.doc("productTotals/totals-C").delete();
    await sync(products(12), "totals-C"); // restores nothing: the victim is gone, its row is created again
    expect((await readSummaries(db, { spreadsheetId: "totals-C" })).stats.method).toBe("stream");
  });
});
