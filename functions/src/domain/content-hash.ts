// Content hashes of records, so a sync can tell an unchanged row (no write) from a changed one, and
// the provisional key of a row that has no id yet. Canonical JSON: sorted keys, no undefined fields.
import { createHash } from "node:crypto";

/** JSON with object keys sorted and undefined members dropped: equal data, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** The hash of a record's content (its id excluded: the id names the record, it is not content). */
export function contentHash(record: Record<string, unknown>): string {
  const { id: _id, ...content } = record;
  return sha256(canonicalJson(content)).slice(0, 32);
}

/**
 * The provisional key of a row that has no id yet: the same spreadsheet, tab and identifying content
 * give the same key, so a sync re-run after a crash finds the id it allocated before.
 */
export function rowKey(spreadsheetId: string, tab: string, fingerprint: string): string {
  return sha256(canonicalJson([spreadsheetId, tab, fingerprint])).slice(0, 40);
}

/**
 * The hash of a request body as it was sent (its members in the order the sender wrote them): a
 * re-sent body is the same text, and hashing it costs one pass, however many rows it carries.
 */
export const bodyHash = (body: unknown): string => sha256(JSON.stringify(body));
