// Summaries read from the real emulator: the stream agrees exactly with the in-memory figures, tombstones and other sources are left out (unless all sources are asked
// for), meetings carry their attendance counts and latest report state.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../../functions/src/adapters/firestore/client.ts";
import { readSummaries } from "../../../../functions/src/adapters/firestore/read-summaries.ts";
import { summarise } from "../../../../functions/src/domain/summaries.ts";
import {
  generatedProducts,
  seedMeetings,
  seedProducts,
  seedReport,
} from "../../../support/summary-fixtures.ts";

const db = createFirestore({
  firestoreEmulatorHost: inject("firestoreHost"),
  projectId: inject("firestoreProjectId"),
});
afterAll(() => db.terminate());

const SHEET = "sheet-summaries";
const OTHER = "sheet-other";
const products = generatedProducts(400);
const others = generatedProducts(60).map((p) => ({ ...p, id: `${p.id}9` }));

beforeAll(async () => {
  await seedProducts(db, products, SHEET);
  await seedProducts(db, others, OTHER);
  await seedMeetings(
    db,
    [
      {
        id: "MTG-2563-002",
        number: "2/2563",
        title: "ครั้งที่สอง",
        date: "2020-10-05",
        attendance: ["present", "absent"],
      },
      {
        id: "MTG-2563-001",
        number: "1/2563",
        title: "ครั้งแรก",
        date: "2020-01-13",
        attendance: ["present", "present", "in_attendance"],
      },
      {
        id: "MTG-2563-003",
        number: "3/2563",
        title: "ลบแล้ว",
        date: "2020-11-01",
        attendance: [],
        deleted: true,
      },
    ],
    SHEET,
  );
  await seedReport(db, { id: "MTG-2563-001", number: "1/2563" }, "failed", "2020-01-14T01:00:00Z");
  await seedReport(db, { id: "MTG-2563-001", number: "1/2563" }, "sent", "2020-01-14T02:00:00Z");
});

describe("readSummaries", () => {
  const expected = summarise(products);

  it("streams one source's live products into exactly the in-memory figures", async () => {
    const { summaries, stats } = await readSummaries(db, { spreadsheetId: SHEET });
    expect(stats.productDocuments).toBe(products.filter((p) => !p.deleted).length);
    expect(summaries.byCategory).toEqual(expected.byCategory);
    expect(summaries.byDistrict).toEqual(expected.byDistrict);
    expect(summaries.years).toEqual([2561, 2562, 2563, 2564, 2565]);
  });

  it("adds every source together for the province view", async () => {
    const { summaries } = await readSummaries(db, {});
    expect(summaries.byCategory.total).toEqual(summarise([...products, ...others]).byCategory.total);
  });

  it("lists live meetings by date with attendance counts and the latest report state", async () => {
    const { summaries } = await readSummaries(db, { spreadsheetId: SHEET, basis: "fiscal" });
    expect(summaries.meetings.map((m) => [m.number, m.date, m.year, m.counts, m.report])).toEqual([
      ["1/2563", "2020-01-13", 2563, { present: 2, absent: 0, in_attendance: 1 }, "sent"],
      ["2/2563", "2020-10-05", 2564, { present: 1, absent: 1, in_attendance: 0 }, "none"],
    ]);
  });
});
