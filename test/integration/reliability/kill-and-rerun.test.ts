// `kbo sync` as a real process, SIGKILLed at 20 random moments of a run (every fifth round killed a
// second time on the way), then re-run to completion: each time exactly the expected documents
// remain — one live record per row with the id the workbook carries, one creation audit per record.
// Extends the kill test of test/integration/cli/sync.test.ts from 4 placed kills to 20 random ones.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { readWorkbook } from "../../../functions/src/adapters/workbook/read-workbook.ts";
import { runKbo } from "../support/kbo-process.ts";
import { auditEntries, products, writeSyncWorkbook } from "../support/sync-fixtures.ts";

const host = inject("firestoreHost");
const db = createFirestore({ firestoreEmulatorHost: host, projectId: inject("firestoreProjectId") });
const ROUNDS = 20;
const N = 150;
const counts = { rounds: 0, roundsPassed: 0, kills: 0, killsMidRun: 0, reruns: 0, seed: 0 };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-kill-"));
});
afterAll(async () => {
  console.log(`[reliability] kill and re-run: ${JSON.stringify(counts)}`);
  await db.terminate();
  await rm(dir, { recursive: true, force: true });
});

const syncRun = (file: string, args: string[] = [], killAfterMs?: number) =>
  runKbo(["sync", file, ...args], {
    cwd: dir,
    env: { ...process.env, FIRESTORE_EMULATOR_HOST: host, GOOGLE_CLOUD_PROJECT: "" },
    killAfterMs,
  });

/** A small seeded generator, so a failing round can be replayed from the printed seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("kbo sync killed at random moments and re-run", () => {
  it(`${ROUNDS} rounds: exactly the expected documents every time`, async () => {
    counts.seed = Date.now() % 100_000;
    const next = random(counts.seed);
    const expected = new Set(products(N).map((cells) => cells[2] as string));
    // Warm, timed runs (the first also warms the emulator and the module cache).
    let fullMs = Number.POSITIVE_INFINITY;
    for (const w of [1, 2]) {
      const file = join(dir, `warm-${w}.xlsx`);
      await writeSyncWorkbook(file, products(N));
      const run = await syncRun(file, ["--json"]);
      expect(run.code, run.stderr).toBe(0);
      fullMs = Math.min(fullMs, run.ms);
    }
    for (let round = 0; round < ROUNDS; round++) {
      counts.rounds++;
      const file = join(dir, `round-${round}.xlsx`);
      await writeSyncWorkbook(file, products(N));
      const kills = round % 5 === 4 ? 2 : 1;
      const at: number[] = [];
      for (let k = 0; k < kills; k++) {
        // Within the first 65% of a warm run: later runs can be quicker than the timed ones.
        const ms = Math.round(fullMs * (0.03 + next() * 0.62));
        at.push(ms);
        const killed = await syncRun(file, [], ms);
        counts.kills++;
        if (killed.signal === "SIGKILL") counts.killsMidRun++;
      }
      const done = await syncRun(file, ["--json"]);
      counts.reruns++;
      // Runs grow quicker as caches warm: later kills are placed from the quickest run seen so far.
      const timedMs = fullMs;
      fullMs = Math.min(fullMs, done.ms);
      const context = `round ${round} (seed ${counts.seed}, kills at ${at.join(", ")} ms of ~${timedMs} ms)`;
      expect(done.code, `${context}\n${done.stderr}`).toBe(0);
      const { spreadsheetId, counts: c } = JSON.parse(done.stdout.trim().split("\n").at(-1)!);
      expect(c.invalid, context).toBe(0);
      expect(c.created + c.unchanged, context).toBe(N);
      // Every document of this source: live, one per row, exactly the expected products.
      const docs = (
        await db.collection("products").where("source.spreadsheetId", "==", spreadsheetId).get()
      ).docs.map((d) => d.data());
      expect(docs.length, context).toBe(N);
      expect(docs.every((d) => d.deleted === false)).toBe(true);
      expect(new Set(docs.map((d) => d.product)), context).toEqual(expected);
      // The workbook carries exactly the ids Firestore holds, each on its own product's row.
      const rows = (await readWorkbook(file)).sheets.find((s) => s.name === "ผลิตภัณฑ์")!.rows.slice(1);
      const byId = new Map(docs.map((d) => [d.id as string, d.product as string]));
      expect(new Set(rows.map((r) => r.cells[0])).size, context).toBe(N);
      for (const r of rows) expect(byId.get(r.cells[0] as string), context).toBe(r.cells[2]);
      // One creation audit per record, however many runs died on the way.
      const created = (await auditEntries(db, spreadsheetId)).filter((e) => e.action === "created");
      expect(created.length, context).toBe(N);
      expect(new Set(created.map((e) => e.recordId)), context).toEqual(new Set(byId.keys()));
      counts.roundsPassed++;
    }
    // Kills must land mid-run: a run that finished before its kill proves nothing. Half is the bar, not
    // three quarters: CI runs this beside other test projects, and a round that outruns its kill still
    // checks a clean re-run; the last full runs landed 24 of 24.
    expect(counts.killsMidRun).toBeGreaterThanOrEqual(Math.floor(counts.kills * 0.5));
  }, 900_000);
});
