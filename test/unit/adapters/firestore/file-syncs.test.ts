// The fileSyncs memory expires: the TTL field every record carries, and the policy that deletes by it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COLLECTIONS } from "../../../../functions/src/adapters/firestore/converters.ts";
import {
  FILE_SYNC_EXPIRY_FIELD,
  fileSyncExpiry,
} from "../../../../functions/src/adapters/firestore/file-syncs.ts";

interface FieldOverride {
  collectionGroup: string;
  fieldPath: string;
  ttl?: boolean;
  indexes: unknown[];
}

describe("fileSyncs expiry", () => {
  it.each([
    ["2026-11-24T03:00:00Z", "2026-12-01T03:00:00Z"],
    ["2026-12-31T23:59:59Z", "2027-01-07T23:59:59Z"],
  ])("a memory written at %s expires a week later, at %s", (now, expected) => {
    expect(fileSyncExpiry(new Date(now)).toISOString()).toBe(new Date(expected).toISOString());
  });

  it("is the field of a TTL policy that firebase deploy applies", () => {
    const config = JSON.parse(readFileSync("firestore.indexes.json", "utf8")) as {
      fieldOverrides: FieldOverride[];
    };
    const ttl = config.fieldOverrides.filter((o) => o.ttl === true);
    expect(ttl).toEqual([
      { collectionGroup: COLLECTIONS.fileSyncs, fieldPath: FILE_SYNC_EXPIRY_FIELD, ttl: true, indexes: [] },
    ]);
  });
});
