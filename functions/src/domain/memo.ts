// A bounded memo for pure parsers of the cells a sheet repeats on thousands of rows (categories,
// districts, attendance, years): results by the cell's text or number, treated as immutable.
const MAX_ENTRIES = 2_000;

export function memoByText<C, R>(parse: (cell: C) => R): (cell: C) => R {
  const cache = new Map<C, R>();
  return (cell) => {
    if (typeof cell !== "string" && typeof cell !== "number") return parse(cell);
    const hit = cache.get(cell);
    if (hit !== undefined) return hit;
    const result = parse(cell);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(cell, result);
    return result;
  };
}
