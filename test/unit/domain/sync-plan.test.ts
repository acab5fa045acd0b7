// The pure planning core of the mirror: units and keys, how a row finds its record, what each row
// becomes, the deletion rule (only a gone row is tombstoned) and the mass-deletion guard.
import { describe, expect, it } from "vitest";
import type { Issue } from "../../../functions/src/domain/issues.ts";
import type { Product } from "../../../functions/src/domain/records.ts";
import {
  decide,
  diffFields,
  formatRecordId,
  idsToLookUp,
  MAX_RECORD_BYTES,
  massDeletion,
  type PlanRow,
  parseRecordIdParts,
  planTab,
  type StoredHead,
  type SyncUnit,
  type TabPlanInput,
  toSyncUnits,
} from "../../../functions/src/domain/sync-plan.ts";

const SID = "sheet-1";
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
    const units = toSyncUnits("products", SID, [
      { row: 2, record: product() },
      { row: 3, record: product({ product: " ผ้าทอ  " }) },
      { row: 4, record: product({ year: 2562 }) },
    ]);
    expect(units.map((u) => u.fingerprint)).toEqual([
      "2563|ผ้าทอ|กลุ่มทอผ้า",
      "2563|ผ้าทอ|กลุ่มทอผ้า#2",
      "2562|ผ้าทอ|กลุ่มทอผ้า",
    ]);
    expect(new Set(units.map((u) => u.key)).size).toBe(3);
  });
  it("a row typed again with ำ as ํ + า, or its marks in another order, keeps its provisional key", () => {
    const keyOf = (name: string, producer: string) =>
      toSyncUnits("products", SID, [{ row: 2, record: product({ product: name, producer }) }])[0]!.key;
    const typed = keyOf("ผ้าทอลายน้ำไหล", "กลุ่มผู้ผลิต");
    expect(keyOf("ผ้าทอลายน\u0e49\u0e4d\u0e32ไหล", "กลุ่มผ\u0e49\u0e39ผลิต")).toBe(typed);
    expect(keyOf("ผ้าทอลายน้ำไหล 2", "กลุ่มผู้ผลิต")).not.toBe(typed);
  });
  it("keys depend on the source: the same row of another spreadsheet is another record", () => {
    const [a] = toSyncUnits("products", "one", [{ row: 2, record: product() }]);
    const [b] = toSyncUnits("products", "two", [{ row: 2, record: product() }]);
    expect(a!.key).not.toBe(b!.key);
    expect(a!.hash).toBe(b!.hash);
  });
  it("keeps the sheet's id out of the content hash", () => {
    const [a, b] = toSyncUnits("products", SID, [
      { row: 2, record: product({ id: "KBO-2563-001" }) },
      { row: 3, record: product({ producer: "x" }) },
    ]);
    expect(a!.sheetId).toBe("KBO-2563-001");
    expect(a!.content).not.toHaveProperty("id");
    expect(a!.hash).not.toBe(b!.hash);
    expect(toSyncUnits("products", SID, [{ row: 2, record: product() }])[0]!.hash).toBe(a!.hash);
  });
  it("numbers meetings by their meeting number's year", () => {
    const [m] = toSyncUnits("meetings", SID, [
      { row: 2, record: { number: "3/2563", title: "t", date: "2020-03-01", recipients: [] } },
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

describe("decide", () => {
  const [unit] = toSyncUnits("products", SID, [{ row: 5, record: product() }]);
  const stored = (over: Partial<StoredHead>): StoredHead => ({
    id: "KBO-2563-001",
    hash: unit!.hash,
    deleted: false,
    spreadsheetId: SID,
    row: 5,
    ...over,
  });
  it.each([
    ["nothing stored", "create", undefined],
    ["same hash and row", "unchanged", stored({})],
    ["other hash", "updated", stored({ hash: "x" })],
    ["moved row", "updated", stored({ row: 6 })],
    ["tombstone", "restored", stored({ deleted: true })],
    ["other spreadsheet", "conflict", stored({ spreadsheetId: "t" })],
  ] as const)("%s → %s", (_, kind, s) => {
    expect(decide(unit!, s, SID).kind).toBe(kind);
  });
});

// A small tab: the n-th spec on row n+2, product `p<i>`, with the id given; `invalid` rows carry an issue.
function tab(spec: { id?: string; invalid?: boolean; i: number }[]) {
  const rows: PlanRow[] = spec.map((s, n) => ({
    row: n + 2,
    valid: !s.invalid,
    ...(s.id ? { id: s.id } : {}),
    issues: s.invalid ? [{ code: "DISTRICT_UNKNOWN" } as Issue] : [],
  }));
  const valid = spec.flatMap((s, n) =>
    s.invalid ? [] : [{ row: n + 2, record: product({ product: `p${s.i}`, ...(s.id ? { id: s.id } : {}) }) }],
  );
  return { rows, units: toSyncUnits("products", SID, valid) };
}

/** What a first sync of these units would have stored, at their rows. */
const storedFrom = (units: SyncUnit[], ids: string[], over: Partial<StoredHead> = {}): StoredHead[] =>
  units.map((u, i) => ({
    id: ids[i]!,
    hash: u.hash,
    deleted: false,
    spreadsheetId: SID,
    row: u.row,
    rowKey: u.key,
    ...over,
  }));

const plan = (input: Partial<TabPlanInput> & Pick<TabPlanInput, "rows" | "units">) =>
  planTab({ tab: "products", spreadsheetId: SID, read: true, own: [], others: [], ...input });

describe("planTab", () => {
  it("plans new rows as creates claiming their keys, without ids until allocated", () => {
    const t = tab([{ i: 0 }, { i: 1 }]);
    const p = plan(t);
    expect(p.writes).toEqual([
      { kind: "create", unit: t.units[0], claim: t.units[0]!.key },
      { kind: "create", unit: t.units[1], claim: t.units[1]!.key },
    ]);
    expect(p.outcomes.map((o) => [o.row, o.id, o.action])).toEqual([
      [2, undefined, "created"],
      [3, undefined, "created"],
    ]);
  });

  it("finds a row's record by its provisional key when the id never reached the sheet", () => {
    const t = tab([{ i: 0 }, { i: 1 }]);
    const p = plan({ ...t, own: storedFrom(t.units, ["KBO-2563-001", "KBO-2563-002"]) });
    expect(p.writes).toEqual([]);
    expect(p.outcomes.map((o) => [o.id, o.action])).toEqual([
      ["KBO-2563-001", "unchanged"],
      ["KBO-2563-002", "unchanged"],
    ]);
  });

  it("never hands a key's record to a row when another row carries that id in its cell", () => {
    const first = tab([{ i: 0 }]);
    const own = storedFrom(first.units, ["KBO-2563-001"]);
    // Staff re-typed the first product on row 3 and pasted its id onto row 2's other product.
    const t = tab([{ i: 5, id: "KBO-2563-001" }, { i: 0 }]);
    const p = plan({ ...t, units: [t.units[0]!, { ...t.units[1]!, key: first.units[0]!.key }], own });
    expect(p.outcomes.map((o) => [o.row, o.id, o.action])).toEqual([
      [2, "KBO-2563-001", "updated"],
      [3, undefined, "created"],
    ]);
  });

  it("looks up ids the source does not hold, and refuses one of another source per cell", () => {
    const t = tab([
      { i: 0, id: "KBO-2563-009" },
      { i: 1, invalid: true, id: "KBO-2563-010" },
    ]);
    expect(idsToLookUp(t.rows, [])).toEqual(["KBO-2563-009", "KBO-2563-010"]);
    const others: StoredHead[] = [
      { id: "KBO-2563-009", hash: "h", deleted: false, spreadsheetId: "other", row: 7 },
    ];
    const p = plan({ ...t, idColumn: "A", others });
    expect(p.writes).toEqual([]);
    expect(p.outcomes[0]).toMatchObject({ action: "invalid" });
    expect(p.outcomes[0]!.id).toBeUndefined();
    expect(p.outcomes[0]!.issues[0]).toMatchObject({
      code: "ID_OF_OTHER_SPREADSHEET",
      column: "A",
      field: "id",
    });
  });

  it("creates under the sheet's id a record no one holds (a crashed run's saved ids)", () => {
    const t = tab([{ i: 0, id: "KBO-2563-042" }]);
    expect(plan(t).writes).toEqual([{ kind: "create", unit: t.units[0], id: "KBO-2563-042" }]);
  });

  describe("the deletion rule", () => {
    const first = tab([{ i: 0 }, { i: 1 }, { i: 2 }]);
    const ids = ["KBO-2563-001", "KBO-2563-002", "KBO-2563-003"];
    const own = storedFrom(first.units, ids);

    it("tombstones the record of a row that is gone", () => {
      const t = tab([
        { i: 0, id: ids[0] },
        { i: 2, id: ids[2] },
      ]);
      const p = plan({ ...t, units: t.units.map((u, j) => ({ ...u, row: [2, 4][j]! })), own });
      expect(p.writes.filter((w) => w.kind === "delete")).toEqual([{ kind: "delete", id: ids[1], row: 3 }]);
    });

    it("keeps the record of an invalid row that carries its id, and says the stored version is older", () => {
      const t = tab([
        { i: 0, id: ids[0] },
        { i: 1, id: ids[1], invalid: true },
        { i: 2, id: ids[2] },
      ]);
      const p = plan({ ...t, own });
      expect(p.writes).toEqual([]);
      expect(p.outcomes[1]).toMatchObject({ row: 3, id: ids[1], action: "invalid" });
      expect(p.outcomes[1]!.issues.map((i) => i.code)).toEqual(["DISTRICT_UNKNOWN", "STORED_VERSION_KEPT"]);
    });

    it("keeps the record stored from an invalid row's position when the row has no id", () => {
      const t = tab([{ i: 0 }, { i: 1, invalid: true }, { i: 2 }]);
      const p = plan({ ...t, own });
      expect(p.writes).toEqual([]);
      expect(p.outcomes[1]).toMatchObject({ id: ids[1], action: "invalid" });
    });

    it("keeps both records when an id is pasted over another row's: the pasted row's own stays too", () => {
      // Row 4 now shows row 2's id; validation refused both rows (a duplicate id).
      const t = tab([
        { i: 0, id: ids[0], invalid: true },
        { i: 1, id: ids[1] },
        { i: 2, id: ids[0], invalid: true },
      ]);
      const p = plan({ ...t, own });
      expect(p.writes).toEqual([]);
      expect(p.outcomes[2]).toMatchObject({ row: 4, id: ids[0], action: "invalid" });
      expect(p.outcomes[2]!.issues.at(-1)!.message_en).toContain(ids[2]);
    });

    it("tombstones nothing when the tab was not read whole", () => {
      expect(plan({ rows: [], units: [], own, read: false }).writes).toEqual([]);
    });
  });

  it("refuses a meeting too large for one document per row, keeping the stored one", () => {
    const big = "ก".repeat(MAX_RECORD_BYTES / 3 + 10);
    const [u] = toSyncUnits("meetings", SID, [
      {
        row: 2,
        record: { id: "MTG-2563-001", number: "1/2563", title: big, date: "2020-01-13", recipients: [] },
      },
    ]);
    const own: StoredHead[] = [
      { id: "MTG-2563-001", hash: "old", deleted: false, spreadsheetId: SID, row: 2 },
    ];
    const p = planTab({
      tab: "meetings",
      spreadsheetId: SID,
      rows: [{ row: 2, valid: true, id: "MTG-2563-001", issues: [] }],
      units: [u!],
      read: true,
      own,
      others: [],
    });
    expect(p.writes).toEqual([]);
    expect(p.outcomes[0]!.issues.map((i) => i.code)).toEqual(["RECORD_TOO_LARGE", "STORED_VERSION_KEPT"]);
  });
});

describe("massDeletion", () => {
  it.each([
    [20, 11, false, true],
    [20, 10, false, false],
    [20, 11, true, false],
    [9, 9, false, false],
    [10, 10, false, true],
    [100, 50, false, false],
  ])("%i live, %i to tombstone, confirmed %s → refused %s", (live, deleting, confirmed, refused) => {
    expect(massDeletion(live, deleting, confirmed)).toEqual({ live, deleting, refused });
  });

  it("planTab reports the guard of the tab", () => {
    const first = tab(Array.from({ length: 12 }, (_, i) => ({ i })));
    const own = storedFrom(
      first.units,
      first.units.map((_, i) => formatRecordId("products", 2563, i + 1)),
    );
    expect(plan({ rows: [], units: [], own }).guard).toEqual({ live: 12, deleting: 12, refused: true });
    expect(plan({ rows: [], units: [], own, confirmDeletes: true }).guard.refused).toBe(false);
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
