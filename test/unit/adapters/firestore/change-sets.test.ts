// Audit entries stay bounded: a change quoting long text keeps the names of what changed, so no change
// set (and no sync) can fail on Firestore's 1 MiB document limit.
import { describe, expect, it } from "vitest";
import {
  auditEntry,
  changeSet,
  changeSetEntries,
  ENTRY_CHARS,
} from "../../../../functions/src/adapters/firestore/change-sets.ts";

describe("auditEntry", () => {
  it("quotes the fields before and after when they are short", () => {
    const e = auditEntry("KBO-2563-001", "updated", 5, { revenueSatang: { before: 100, after: 200 } });
    expect(e).toEqual({
      recordId: "KBO-2563-001",
      action: "updated",
      row: 5,
      fields: { revenueSatang: { before: 100, after: 200 } },
    });
  });

  it("names the fields only when quoting them would pass the bound (20 agenda items of long details)", () => {
    const agenda = Array.from({ length: 20 }, (_, i) => ({ item: `${i + 1}`, details: "ก".repeat(20_000) }));
    const e = auditEntry("MTG-2563-001", "updated", 2, {
      agenda: { before: [], after: agenda },
      title: { before: "a", after: "b" },
    });
    expect(e.truncated).toBe(true);
    expect(e.fields).toEqual({ agenda: { before: "…", after: "…" }, title: { before: "…", after: "…" } });
    expect(JSON.stringify(e).length).toBeLessThan(ENTRY_CHARS);
  });
});

describe("changeSet", () => {
  it("keeps ids and actions queryable and the entries as one JSON text, read back whole", () => {
    const entries = [
      auditEntry("KBO-2563-001", "created", 2, {}),
      auditEntry("KBO-2563-002", "deleted", 3, { deleted: { before: false, after: true } }),
    ];
    const at = new Date("2020-01-20T03:00:00Z");
    const doc = changeSet(
      { tab: "products", spreadsheetId: "s", sheetName: "ผลิตภัณฑ์", actor: "staff@example.org", now: at },
      entries,
    );
    expect(doc).toMatchObject({
      collection: "products",
      by: "staff@example.org",
      at,
      requestId: null,
      source: { spreadsheetId: "s", tab: "ผลิตภัณฑ์" },
      recordIds: ["KBO-2563-001", "KBO-2563-002"],
      actions: ["created", "deleted"],
    });
    expect(changeSetEntries(doc)).toEqual(entries);
  });
});
