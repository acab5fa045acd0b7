// A Firestore outage in the middle of a sync: a second emulator of this test's own (never the shared
// one) is stopped while a sync writes to it, then restarted on the same port from its export. The
// sync is retried (inside, and by the caller with the same requestId) and leaves exactly one record
// and one creation audit per row: nothing doubled, nothing lost.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Firestore } from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { DEMO_PROJECT_ID } from "../../../functions/src/adapters/firestore/collections.ts";
import {
  freePort,
  type RunningEmulator,
  startFirestoreEmulator,
} from "../../../functions/src/adapters/firestore/emulator-process.ts";
import { type SyncBody, type SyncResponse, sync } from "../../../functions/src/handlers/sync.ts";
import { auditEntries, PRODUCT_HEADER, productCells } from "../support/sync-fixtures.ts";
import { syncPorts } from "../support/sync-ports.ts";

const PROJECT = DEMO_PROJECT_ID;
const caller = { email: "staff@example.org" };
const counts = { outages: 0, internalRetriesSufficed: 0, callerRetries: 0, rows: 0 };
let dir: string;
let port: number;
let emulator: RunningEmulator;
let db: Firestore;

const start = async () => {
  emulator = await startFirestoreEmulator({ port, importData: dir, exportOnExit: dir, projectId: PROJECT });
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-outage-"));
  port = await freePort();
  await start();
  db = createFirestore({ firestoreEmulatorHost: emulator.host, projectId: PROJECT });
}, 120_000);
afterAll(async () => {
  console.log(`[reliability] Firestore outage: ${JSON.stringify(counts)}`);
  await db?.terminate();
  await emulator?.stop();
  await rm(dir, { recursive: true, force: true });
});

const body = (spreadsheetId: string, requestId: string, n: number): SyncBody => ({
  spreadsheetId,
  tab: "ผลิตภัณฑ์",
  header: PRODUCT_HEADER,
  rows: Array.from({ length: n }, (_, i) => ({ row: i + 2, values: productCells(i) as SyncBody["header"] })),
  requestId,
});
const deps = () => syncPorts(db);

describe("Firestore stopped during a sync and restarted", () => {
  it("the sync is retried and every row ends up stored exactly once", async () => {
    const n = 1200;
    // A warm, timed run places the outage inside a real sync.
    let fullMs = Number.POSITIVE_INFINITY;
    for (const w of [1, 2]) {
      const t0 = Date.now();
      await sync(deps(), body(`sheet-warm-${w}`, `outage-warm-${w}`, n), caller);
      fullMs = Math.min(fullMs, Date.now() - t0);
    }
    for (const [round, fraction] of [0.2, 0.4].entries()) {
      const sid = `sheet-outage-${round}`;
      const request = body(sid, `outage-${round}-0001`, n);
      const first = sync(deps(), request, caller).then(
        (r) => ({ ok: true as const, r }),
        (e: unknown) => ({ ok: false as const, e }),
      );
      let settled = false;
      void first.then(() => {
        settled = true;
      });
      await new Promise((r) => setTimeout(r, Math.round(fullMs * fraction)));
      // The outage must land while the sync is still at work (one that finished first proves nothing).
      expect(settled).toBe(false);
      await emulator.stop();
      counts.outages++;
      await new Promise((r) => setTimeout(r, 500));
      await start();
      let outcome = await first;
      if (outcome.ok) counts.internalRetriesSufficed++;
      // The caller (Apps Script) re-sends the same request until it is answered.
      for (let attempt = 0; !outcome.ok && attempt < 5; attempt++) {
        counts.callerRetries++;
        outcome = await sync(deps(), request, caller).then(
          (r) => ({ ok: true as const, r }),
          (e: unknown) => ({ ok: false as const, e }),
        );
      }
      expect(outcome.ok, String((outcome as { e?: unknown }).e)).toBe(true);
      const answer = (outcome as { r: SyncResponse }).r;
      expect(answer.rows.filter((r) => r.action === "invalid")).toEqual([]);
      // Nothing doubled, nothing lost.
      const docs = (await db.collection("products").where("source.spreadsheetId", "==", sid).get()).docs;
      expect(docs.length).toBe(n);
      expect(new Set(docs.map((d) => d.data().product)).size).toBe(n);
      expect(new Set(answer.rows.map((r) => r.id))).toEqual(new Set(docs.map((d) => d.id)));
      const created = (await auditEntries(db, sid)).filter((e) => e.action === "created");
      expect(created.length).toBe(n);
      expect(new Set(created.map((e) => e.recordId)).size).toBe(n);
      // A later sync of the same rows finds all of them, unchanged.
      const again = await sync(deps(), { ...request, requestId: `outage-${round}-0002` }, caller);
      expect(again.counts).toMatchObject({ created: 0, unchanged: n, updated: 0 });
      counts.rows += n;
    }
  }, 300_000);
});
