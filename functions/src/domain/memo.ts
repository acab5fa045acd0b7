// A bounded memo for pure parsers of closed-set text (categories, districts, attendance): a sheet
// repeats the same few values on thousands of rows. Results are treated as immutable.
const MAX_ENTRIES = 2_000;

export function memoByText<C, R>(parse: (cell: C) => R): (cell: C) => R {
  const cache = new Map<string, R>();
  return (cell) => {
    if (typeof cell !== "string") return parse(cell);
    const hit = cache.get(cell);
    if (hit !== undefined) return hit;
    const result = parse(cell);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(cell, result);
    return result;
  };
}
