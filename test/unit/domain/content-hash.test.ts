import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash, rowKey } from "../../../functions/src/domain/content-hash.ts";

/** The definition canonicalJson is written out from: JSON.stringify of a copy with its keys sorted. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sorted(v);
    }
    return out;
  }
  return value;
}

describe("canonicalJson", () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ a: undefined, b: [{ d: 1, c: 2 }] }, '{"b":[{"c":2,"d":1}]}'],
    [["x", 1], '["x",1]'],
    [
      { d: new Date("2020-01-13T00:00:00Z"), t: 'ก"ข\n', n: null },
      '{"d":"2020-01-13T00:00:00.000Z","n":null,"t":"ก\\"ข\\n"}',
    ],
    [[undefined, 1], "[null,1]"],
  ])("%j → %s", (value, text) => expect(canonicalJson(value)).toBe(text));

  it("is exactly JSON.stringify of a key-sorted copy, for any JSON-like value (stored hashes stay valid)", () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: "small" },
        fc.string(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.date({ noInvalidDate: true }),
        fc.array(tie("any"), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie("any"), { maxKeys: 5 }),
      ),
    })).any;
    fc.assert(fc.property(value, (v) => canonicalJson(v) === JSON.stringify(sorted(v))));
  });
});

describe("contentHash", () => {
  it("ignores key order, undefined fields and the id", () => {
    expect(contentHash({ a: 1, b: "ผ้า", id: "KBO-2563-001" })).toBe(
      contentHash({ b: "ผ้า", a: 1, c: undefined }),
    );
  });
  it("changes with any value", () => {
    expect(contentHash({ revenueSatang: 100 })).not.toBe(contentHash({ revenueSatang: 101 }));
  });
});

describe("rowKey", () => {
  it("differs by spreadsheet, tab and fingerprint", () => {
    const k = rowKey("s", "products", "2563|a|b");
    expect(rowKey("s", "products", "2563|a|b")).toBe(k);
    expect(
      new Set([
        k,
        rowKey("t", "products", "2563|a|b"),
        rowKey("s", "meetings", "2563|a|b"),
        rowKey("s", "products", "2563|a|c"),
      ]).size,
    ).toBe(4);
  });
});
