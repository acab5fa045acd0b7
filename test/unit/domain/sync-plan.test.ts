import { describe, expect, it } from "vitest";
import type { Product } from "../../../functions/src/domain/records.ts";
import {
  diffFields,
  formatRecordId,
  parseRecordIdParts,
  planDeletions,
  planUnit,
  type StoredState,
  toSyncUnits,
} from "../../../functions/src/domain/sync-plan.ts";

const product = (over: Partial<Product> = {}): Product => ({
  year: 2563,
  product: "ผ้าทอ",
  category: "textile",
  producer: "กลุ่มทอผ้า",
  district: "สันทราย",
  ...over,
});

describe("toSyncUnits", () => {
  it("numbers look-alike rows so each keeps its own provisional key", () => {
    const units = toSyncUnits("products", [
      { row: 2, record: product() },
      { row: 3, record: product({ product: " ผ้าทอ  " }) },
      { row: 4, record: product({ year: 2562 }) },
    ]);
    expect(units.map((u) => u.fingerprint)).toEqual([
      "2563|ผ้าทอ|กลุ่มทอผ้า",
      "2563|ผ้าทอ|กลุ่มทอผ้า#2",
      "2562|ผ้าทอ|กลุ่มทอผ้า",
    ]);
  });
  it("keeps the sheet's id out of the content hash", () => {
    const [a, b] = toSyncUnits("products", [
      { row: 2, record: product({ id: "KBO-2563-001" }) },
      { row: 3, record: product({ producer: "x" }) },
    ]);
    expect(a!.sheetId).toBe("KBO-2563-001");
    expect(a!.content).not.toHaveProperty("id");
    expect(a!.hash).not.toBe(b!.hash);
    expect(toSyncUnits("products", [{ row: 2, record: product() }])[0]!.hash).toBe(a!.hash);
  });
  it("numbers meetings by their meeting number's year", () => {
    const [m] = toSyncUnits("meetings", [
      {
        row: 2,
        record: {
          number: "3/2563",
          title: "t",
          date: "2020-03-01",
          recipients: [],
          attendees: [],
          agenda: [],
        },
      },
    ]);
    expect(m).toMatchObject({ fingerprint: "3/2563", yearBE: 2563 });
  });
});

describe("ids", () => {
  it.each([
    ["products", 2563, 1, "KBO-2563-001"],
    ["meetings", 2563, 12, "MTG-2563-012"],
    ["products", 2562, 1234, "KBO-2562-1234"],
  ] as const)("%s %i #%i → %s", (tab, year, seq, id) => {
    expect(formatRecordId(tab, year, seq)).toBe(id);
    expect(parseRecordIdParts(tab, id)).toEqual({ yearBE: year, seq });
  });
  it("rejects another tab's id", () =>
    expect(parseRecordIdParts("products", "MTG-2563-001")).toBeUndefined());
});

describe("planUnit", () => {
  const [unit] = toSyncUnits("products", [{ row: 5, record: product() }]);
  const stored = (over: Partial<StoredState>): StoredState => ({
    id: "KBO-2563-001",
    hash: unit!.hash,
    deleted: false,
    spreadsheetId: "s",
    row: 5,
    ...over,
  });
  it.each([
    ["nothing stored", undefined, "created"],
    ["same hash and row", stored({}), "unchanged"],
    ["other hash", stored({ hash: "x" }), "updated"],
    ["moved row", stored({ row: 6 }), "updated"],
    ["tombstone", stored({ deleted: true }), "restored"],
    ["other spreadsheet", stored({ spreadsheetId: "t" }), "conflict"],
  ] as const)("%s → %s", (_, s, kind) => {
    expect(planUnit(unit!, "KBO-2563-001", s, "s").kind).toBe(kind);
  });
});

describe("planDeletions", () => {
  it("tombstones only live records no row names", () => {
    const s = (id: string, deleted = false): StoredState => ({ id, hash: "h", deleted });
    expect(planDeletions([s("b"), s("a"), s("c", true), s("d")], new Set(["d"]))).toEqual(["a", "b"]);
  });
});

describe("diffFields", () => {
  it("lists changed, added and removed fields with before and after", () => {
    expect(diffFields({ a: 1, b: [1], c: "x" }, { a: 1, b: [2], d: "y" })).toEqual({
      b: { before: [1], after: [2] },
      c: { before: "x", after: null },
      d: { before: null, after: "y" },
    });
  });
});
