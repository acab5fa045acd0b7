// The sync body's cells: plain values as before, and sheet dates tagged as {"date": wall clock};
// anything else is refused with the path of the bad cell.
import { describe, expect, it } from "vitest";
import { SyncBodySchema } from "../../../functions/src/handlers/wire.ts";

const body = (values: unknown[]) => ({
  spreadsheetId: "s1",
  tab: "การประชุม",
  header: ["ครั้งที่", "วันที่"],
  rows: [{ row: 2, values }],
  requestId: "kbo:meetings:0001",
});

describe("SyncBodySchema", () => {
  it("accepts plain cells and tagged dates", () => {
    expect(SyncBodySchema.safeParse(body(["1/2563", 2563, true, null])).success).toBe(true);
    const parsed = SyncBodySchema.safeParse(
      body([{ date: "2563-01-01T00:00:00" }, { date: "2020-01-13T00:00:00" }]),
    );
    expect(parsed.success && parsed.data.rows[0]!.values).toEqual([
      { date: "2563-01-01T00:00:00" },
      { date: "2020-01-13T00:00:00" },
    ]);
  });
  it.each([
    [{ date: "13/01/2563" }],
    [{ date: 44000 }],
    [{ when: "2020-01-13T00:00:00" }],
    [[1]],
  ])("refuses the cell %j", (cell) => {
    const parsed = SyncBodySchema.safeParse(body([cell]));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path.slice(0, 3)).toEqual(["rows", 0, "values"]);
  });
});
