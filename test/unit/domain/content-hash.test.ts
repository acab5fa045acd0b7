import { describe, expect, it } from "vitest";
import { canonicalJson, contentHash, rowKey } from "../../../functions/src/domain/content-hash.ts";

describe("canonicalJson", () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ a: undefined, b: [{ d: 1, c: 2 }] }, '{"b":[{"c":2,"d":1}]}'],
    [["x", 1], '["x",1]'],
  ])("%j → %s", (value, text) => expect(canonicalJson(value)).toBe(text));
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
