// Ids for rows that have none, allocated in one transaction so concurrent syncs never collide, and
// remembered under the row's provisional key in the same transaction: a sync that dies before the ids
// reach the sheet finds them again on the next run instead of minting new ones. The keys live in 256
// bucket documents per source and tab (`rowkeys/{source}-{bucket}`), so a sync of any size writes at
// most 256 of them plus the year counters, where one document per row doubled the cost of a first sync.
import { FieldValue, type Firestore, type Timestamp } from "@google-cloud/firestore";
import { rowKey } from "../../domain/content-hash.ts";
import {
  formatRecordId,
  type MirroredTab,
  parseRecordIdParts,
  type SyncUnit,
} from "../../domain/sync-plan.ts";
import { retryFirestore } from "../retry.ts";
import { COLLECTIONS } from "./converters.ts";

export interface AllocationRequest {
  tab: MirroredTab;
  spreadsheetId: string;
  /** Units without an id in the sheet. */
  units: SyncUnit[];
  /** Ids found in the sheet but not in the database: the counters must move past them. */
  reserve: string[];
  now: Timestamp;
}

export interface Allocation {
  /** fingerprint → id, for every unit. */
  ids: Map<string, string>;
  /** Ids minted by this call: no document can hold them yet. */
  fresh: Set<string>;
  /** Documents written (bucket documents and counters). */
  writes: number;
}

/** The bucket of a provisional key: its first two hex digits (256 buckets). */
const bucketOf = (key: string) => key.slice(0, 2);

const counterRef = (db: Firestore, tab: MirroredTab, yearBE: number) =>
  db.collection(COLLECTIONS.counters).doc(`${tab}-${yearBE}`);

/** Returns an id for every unit; reuses ids allocated earlier for the same provisional key. */
export async function allocateIds(db: Firestore, req: AllocationRequest): Promise<Allocation> {
  const source = rowKey(req.spreadsheetId, req.tab, "").slice(0, 16);
  const keyed = req.units.map((u) => ({ unit: u, key: rowKey(req.spreadsheetId, req.tab, u.fingerprint) }));
  const buckets = [...new Set(keyed.map((k) => bucketOf(k.key)))].sort();
  const bucketRefs = buckets.map((b) => db.collection(COLLECTIONS.rowKeys).doc(`${source}-${b}`));
  const reserveByYear = new Map<number, number>();
  for (const id of req.reserve) {
    const parts = parseRecordIdParts(req.tab, id);
    if (parts) reserveByYear.set(parts.yearBE, Math.max(reserveByYear.get(parts.yearBE) ?? 0, parts.seq));
  }
  const years = [...new Set([...req.units.map((u) => u.yearBE), ...reserveByYear.keys()])].sort();
  const counterRefs = years.map((y) => counterRef(db, req.tab, y));

  return retryFirestore(() =>
    db.runTransaction(async (tx) => {
      const snaps = await tx.getAll(...counterRefs, ...bucketRefs);
      const start = new Map(years.map((y, i) => [y, (snaps[i]?.get("next") as number | undefined) ?? 0]));
      const next = new Map(years.map((y) => [y, Math.max(start.get(y)!, reserveByYear.get(y) ?? 0)]));
      const keys = new Map<string, Record<string, string>>();
      buckets.forEach((b, i) => {
        const json = snaps[years.length + i]?.get("keysJson");
        keys.set(b, typeof json === "string" ? (JSON.parse(json) as Record<string, string>) : {});
      });
      const ids = new Map<string, string>();
      const fresh = new Set<string>();
      const dirty = new Set<string>();
      for (const { unit, key } of keyed) {
        const bucket = keys.get(bucketOf(key))!;
        const existing = bucket[key];
        if (existing) {
          ids.set(unit.fingerprint, existing);
          continue;
        }
        const seq = next.get(unit.yearBE)! + 1;
        next.set(unit.yearBE, seq);
        const id = formatRecordId(req.tab, unit.yearBE, seq);
        bucket[key] = id;
        dirty.add(bucketOf(key));
        ids.set(unit.fingerprint, id);
        fresh.add(id);
      }
      let writes = 0;
      buckets.forEach((b, i) => {
        if (!dirty.has(b)) return;
        // One JSON text, not a map: Firestore would index every key of a map.
        tx.set(bucketRefs[i]!, {
          spreadsheetId: req.spreadsheetId,
          tab: req.tab,
          keysJson: JSON.stringify(keys.get(b)),
          updatedAt: req.now,
        });
        writes++;
      });
      years.forEach((y, i) => {
        if (next.get(y) === start.get(y)) return;
        tx.set(counterRefs[i]!, { next: next.get(y), updatedAt: FieldValue.serverTimestamp() });
        writes++;
      });
      return { ids, fresh, writes };
    }),
  );
}
