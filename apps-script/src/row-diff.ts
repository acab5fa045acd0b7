// Which current row each sent row has become while staff kept editing (inserts, deletes, sorts,
// pastes): identity is the id in รหัส, or for new rows the unchanged content, never the row number.
// A row edited since it was sent is left alone: its own queue entry sends it again.
import { contentKey, type TabSnapshot } from "./sheet-snapshot.ts";

/** sent row number → current row number, for the rows found unchanged. */
export function matchRows(sent: TabSnapshot, current: TabSnapshot): Map<number, number> {
  const matches = new Map<number, number>();
  const idOf = (s: TabSnapshot, values: (typeof s.rows)[number]["values"]) => {
    const c = s.layout.columns.id;
    const v = c === undefined ? null : values[c];
    return v === null || v === undefined || String(v).trim() === "" ? undefined : String(v).trim();
  };

  const currentById = new Map<string, number[]>();
  const currentNew = new Map<string, number[]>();
  const currentKey = new Map<number, string>();
  for (const r of current.rows) {
    const key = contentKey(current.layout, r.values);
    currentKey.set(r.row, key);
    const id = idOf(current, r.values);
    if (id) currentById.set(id, [...(currentById.get(id) ?? []), r.row]);
    else currentNew.set(key, [...(currentNew.get(key) ?? []), r.row]);
  }

  const sentNew = new Map<string, number[]>();
  for (const r of sent.rows) {
    const key = contentKey(sent.layout, r.values);
    const id = idOf(sent, r.values);
    if (id) {
      const rows = currentById.get(id) ?? [];
      // Two rows with one id is a problem the sync reports; write back only where it is clear.
      if (rows.length === 1 && currentKey.get(rows[0]!) === key) matches.set(r.row, rows[0]!);
      continue;
    }
    sentNew.set(key, [...(sentNew.get(key) ?? []), r.row]);
  }

  // Rows without an id: equal content, paired in sheet order (identical rows keep their order when
  // rows are inserted or deleted around them). When the counts differ, only rows still in place.
  for (const [key, sentRows] of sentNew) {
    const candidates = currentNew.get(key) ?? [];
    if (candidates.length === sentRows.length) {
      sentRows.forEach((row, i) => {
        matches.set(row, candidates[i]!);
      });
      continue;
    }
    for (const row of sentRows) if (candidates.includes(row)) matches.set(row, row);
  }
  return matches;
}
