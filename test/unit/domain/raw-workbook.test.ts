// Cells of a sync request as RawCells: a tagged sheet date becomes the Date the xlsx reader would
// give (its UTC fields are the wall clock the sheet showed); plain values pass through unchanged.
import { describe, expect, it } from "vitest";
import { parseMeetingNumber } from "../../../functions/src/domain/normalise-meeting.ts";
import { parseTime } from "../../../functions/src/domain/normalise-time.ts";
import { fromWireCell } from "../../../functions/src/domain/raw-workbook.ts";

describe("fromWireCell", () => {
  it.each([
    [{ date: "2020-01-13T00:00:00" }, "2020-01-13T00:00:00.000Z"],
    [{ date: "1899-12-30T09:30:00" }, "1899-12-30T09:30:00.000Z"],
    [{ date: "0063-01-01T00:00:00" }, "0063-01-01T00:00:00.000Z"],
  ])("%j is the Date %s", (cell, iso) => {
    expect((fromWireCell(cell) as Date).toISOString()).toBe(iso);
  });
  it("keeps plain values, and makes an unreadable tag an invalid Date rather than text", () => {
    expect([fromWireCell("1/2563"), fromWireCell(2563), fromWireCell(true), fromWireCell(null)]).toEqual([
      "1/2563",
      2563,
      true,
      null,
    ]);
    expect(Number.isNaN((fromWireCell({ date: "13/01/2563" }) as Date).getTime())).toBe(true);
  });
  it("lets the domain tell a typed date from text: a meeting number that became a date, a time of day", () => {
    const range = { currentYearBE: 2563 };
    const asDate = parseMeetingNumber(fromWireCell({ date: "2563-01-01T00:00:00" }), range as never);
    expect(asDate).toMatchObject({ ok: false, problem: { code: "MEETING_NUMBER_BECAME_DATE" } });
    expect(parseMeetingNumber(fromWireCell("1/2563"), range as never)).toMatchObject({ ok: true });
    expect(parseTime(fromWireCell({ date: "1899-12-30T09:30:00" }))).toMatchObject({
      ok: true,
      value: "09:30",
    });
  });
});
