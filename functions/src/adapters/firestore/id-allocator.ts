// Ids for rows that have none, allocated in transactions so concurrent syncs never collide, and
// remembered under the row's provisional key (`rowkeys/{key}`) in the same transaction: a sync that
// dies before the ids reach the sheet finds them again on the next run instead of minting new ones.
import { FieldValue, type Firestore, type Timestamp } from "@google-cloud/firestore";
import { rowKey } from "../../domain/content-hash.ts";
import {
  formatRecordId,
  type MirroredTab,
  parseRecordIdParts,
  type SyncUnit,
} from "../../domain/sync-plan.ts";
import { COLLECTIONS } from "./converters.ts";
import { chunk, withRetry } from "./retry.ts";

/** Rows per allocation transaction (one provisional key each, plus the counter: ≤ 500 writes). */
const ALLOCATION_CHUNK = 450;

export interface AllocationRequest {
  tab: MirroredTab;
  spreadsheetId: string;
  /** Units without an id in the sheet. */
  units: SyncUnit[];
  /** Ids found in the sheet but not in the database: the counters must move past them. */
  reserve: string[];
  now: Timestamp;
}

const counterRef = (db: Firestore, tab: MirroredTab, yearBE: number) =>
  db.collection(COLLECTIONS.counters).doc(`${tab}-${yearBE}`);

/** Returns fingerprint → id for every unit; reuses ids allocated earlier for the same provisional key. */
export async function allocateIds(db: Firestore, req: AllocationRequest): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const byYear = new Map<number, SyncUnit[]>();
  for (const u of req.units) byYear.set(u.yearBE, [...(byYear.get(u.yearBE) ?? []), u]);
  const reserveByYear = new Map<number, number>();
  for (const id of req.reserve) {
    const parts = parseRecordIdParts(req.tab, id);
    if (parts) reserveByYear.set(parts.yearBE, Math.max(reserveByYear.get(parts.yearBE) ?? 0, parts.seq));
  }
  const years = new Set([...byYear.keys(), ...reserveByYear.keys()]);
  // Years are independent counters: allocate them in parallel; chunks of one year in turn.
  await Promise.all(
    [...years].map(async (year) => {
      const units = byYear.get(year) ?? [];
      const chunks = units.length ? chunk(units, ALLOCATION_CHUNK) : [[]];
      for (const part of chunks) {
        const got = await allocateChunk(db, req, year, part, reserveByYear.get(year) ?? 0);
        for (const [fp, id] of got) ids.set(fp, id);
      }
    }),
  );
  return ids;
}

async function allocateChunk(
  db: Firestore,
  req: AllocationRequest,
  yearBE: number,
  units: SyncUnit[],
  reserveSeq: number,
): Promise<Map<string, string>> {
  const keyRefs = units.map((u) =>
    db.collection(COLLECTIONS.rowKeys).doc(rowKey(req.spreadsheetId, req.tab, u.fingerprint)),
  );
  return withRetry(() =>
    db.runTransaction(async (tx) => {
      const out = new Map<string, string>();
      const counter = counterRef(db, req.tab, yearBE);
      const [counterSnap, ...keySnaps] = await tx.getAll(counter, ...keyRefs);
      let seq = Math.max((counterSnap?.get("next") as number | undefined) ?? 0, reserveSeq);
      const startSeq = (counterSnap?.get("next") as number | undefined) ?? 0;
      units.forEach((u, i) => {
        const existing = keySnaps[i]?.exists ? (keySnaps[i]!.get("id") as string) : undefined;
        if (existing) {
          out.set(u.fingerprint, existing);
          return;
        }
        seq += 1;
        const id = formatRecordId(req.tab, yearBE, seq);
        out.set(u.fingerprint, id);
        tx.create(keyRefs[i]!, {
          id,
          spreadsheetId: req.spreadsheetId,
          tab: req.tab,
          fingerprint: u.fingerprint,
          createdAt: req.now,
        });
      });
      if (seq !== startSeq) tx.set(counter, { next: seq, updatedAt: FieldValue.serverTimestamp() });
      return out;
    }),
  );
}
