// Nearest-name matching for closed sets (categories, districts): edit distance over comparison keys.
import { distance } from "fastest-levenshtein";
import { canonicalThai } from "./thai-marks.ts";

export interface Nearest<T> {
  item: T;
  distance: number;
}

export function nearest<T>(
  key: string,
  items: readonly T[],
  keysOf: (item: T) => readonly string[],
): Nearest<T> {
  let best: Nearest<T> = { item: items[0]!, distance: Number.POSITIVE_INFINITY };
  for (const item of items) {
    for (const k of keysOf(item)) {
      const d = distance(key, k);
      if (d < best.distance) best = { item, distance: d };
    }
  }
  return best;
}

/**
 * Lower case, no spaces, no punctuation staff sprinkle between words, Thai marks in one order (ำ typed
 * as ํ + า is ำ): two spellings that look alike on screen are one key, so "did you mean" never offers
 * the very name typed.
 */
export const matchKey = (s: string): string =>
  canonicalThai(s)
    .replace(/[\s,、/&.:;()"'-]+/g, "")
    .toLowerCase();
