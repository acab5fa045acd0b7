// Which attendees a meeting is stored with: a valid row gives its entry, an invalid row keeps the one
// stored from it, a gone row takes its entry away, an unread tab changes nothing; and the rows' outcomes.
import { describe, expect, it } from "vitest";
import {
  attachDetails,
  type DetailRows,
  detailOutcomes,
} from "../../../functions/src/domain/meeting-details.ts";
import type { Attendee } from "../../../functions/src/domain/records.ts";
import { type MeetingRecord, type RowOutcome, toSyncUnits } from "../../../functions/src/domain/sync-plan.ts";

const meeting = { number: "1/2563", title: "ประชุม", date: "2020-01-13", recipients: [] };
const [unit] = toSyncUnits("meetings", "s", [{ row: 2, record: meeting }]);
const person = (name: string): Attendee => ({ meeting: "1/2563", name, attendance: "present" });
const stored: MeetingRecord = {
  ...meeting,
  id: "MTG-2563-001",
  attendees: [
    { ...person("ก"), row: 2 },
    { ...person("ข"), row: 3 },
    { ...person("ค"), row: 4 },
  ],
  agenda: [{ meeting: "1/2563", item: "1", subject: "แจ้ง", row: 2 }],
};
const valid = (row: number, name: string) => ({
  row,
  valid: true,
  record: person(name),
  meeting: "1/2563",
  issues: [],
});
const invalid = (row: number, meeting?: string) => ({
  row,
  valid: false,
  ...(meeting ? { meeting } : {}),
  issues: [],
});
const unread: DetailRows<never> = { read: false, rows: [] };
const attach = (attendees: DetailRows<Attendee>) =>
  attachDetails([unit!], () => stored, { attendees, agenda: unread });
const names = (u: { content: Record<string, unknown> }) =>
  (u.content.attendees as { name: string; row: number }[]).map((a) => `${a.row}:${a.name}`);

describe("attachDetails", () => {
  it("a tab not read leaves every stored entry, and the agenda too", () => {
    const { units } = attach(unread);
    expect(units[0]!.content.attendees).toEqual(stored.attendees);
    expect(units[0]!.content.agenda).toEqual(stored.agenda);
  });

  it("valid rows give their entries, with their rows; a gone row's entry leaves", () => {
    const { units, kept } = attach({ read: true, rows: [valid(2, "ก"), valid(4, "ง")] });
    expect(names(units[0]!)).toEqual(["2:ก", "4:ง"]);
    expect([...kept.attendees]).toEqual([]);
  });

  it("an invalid row keeps the entry stored from it, even when its meeting cell is unreadable", () => {
    const { units, kept } = attach({ read: true, rows: [valid(2, "ก"), invalid(3), valid(4, "ค")] });
    expect(names(units[0]!)).toEqual(["2:ก", "3:ข", "4:ค"]);
    expect([...kept.attendees]).toEqual([3]);
  });

  it("an unchanged list hashes as before: no write", () => {
    const first = attach({ read: true, rows: [valid(2, "ก"), valid(3, "ข"), valid(4, "ค")] });
    const again = attach({ read: true, rows: [valid(2, "ก"), invalid(3, "1/2563"), valid(4, "ค")] });
    expect(again.units[0]!.hash).toBe(first.units[0]!.hash);
  });
});

describe("detailOutcomes", () => {
  const saved = new Map<string, RowOutcome>([
    ["1/2563", { tab: "meetings", row: 2, id: "MTG-2563-001", action: "updated", issues: [] }],
  ]);
  it("a valid row shares its meeting's action; an invalid one says what was kept", () => {
    const { kept } = attach({ read: true, rows: [valid(2, "ก"), invalid(3)] });
    const out = detailOutcomes("attendees", [valid(2, "ก"), invalid(3)], saved, kept);
    expect(out.map((o) => o.action)).toEqual(["updated", "invalid"]);
    expect(out[1]!.issues.map((i) => i.code)).toEqual(["STORED_VERSION_KEPT"]);
  });
  it("a valid row whose meeting was not saved is not saved either, and says why", () => {
    const notSaved = new Map([["1/2563", { ...saved.get("1/2563")!, action: "invalid" as const }]]);
    const [o] = detailOutcomes("attendees", [valid(2, "ก")], notSaved, {
      attendees: new Set(),
      agenda: new Set(),
    });
    expect(o).toMatchObject({ action: "invalid" });
    expect(o!.issues[0]).toMatchObject({ code: "HELD_BACK", severity: "error" });
    expect(o!.issues[0]!.message_en).toMatch(/meeting 1\/2563 was not saved/);
  });
});
