// `kbo sync` as a real process against the real emulator: output, exit codes and write-back, and the
// kill test: SIGKILL at moments spread over a run, re-run, and exactly one record per row remains.
import { copyFile, mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { readWorkbook } from "../../../functions/src/adapters/workbook/read-workbook.ts";
import { readMetaOfFile } from "../../../functions/src/adapters/workbook/workbook-identity.ts";
import { type KboRun, runKbo } from "../support/kbo-process.ts";
import { auditEntries, productCells, products, writeSyncWorkbook } from "../support/sync-fixtures.ts";

const host = inject("firestoreHost");
const db = createFirestore({ firestoreEmulatorHost: host, projectId: inject("firestoreProjectId") });
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-sync-"));
});
afterAll(async () => {
  await db.terminate();
  await rm(dir, { recursive: true, force: true });
});

function runSync(file: string, args: string[] = [], killAfterMs?: number): Promise<KboRun> {
  return runKbo(["sync", file, ...args], {
    cwd: dir,
    env: { ...process.env, FIRESTORE_EMULATOR_HOST: host, GOOGLE_CLOUD_PROJECT: "" },
    killAfterMs,
  });
}

async function docsOf(spreadsheetId: string) {
  const snap = await db.collection("products").where("source.spreadsheetId", "==", spreadsheetId).get();
  return snap.docs.map((d) => d.data());
}

async function sheetIdOf(file: string): Promise<string | undefined> {
  return (await readMetaOfFile(file)).spreadsheetId;
}

/** Changes one cell as staff would, in Excel. */
async function editCell(file: string, sheet: string, address: string, value: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  wb.getWorksheet(sheet)!.getCell(address).value = value;
  await wb.xlsx.writeFile(file);
}

describe("kbo sync (real process)", () => {
  it("mirrors, writes ids and check cells back, reports counts, exits 1 with an invalid row", async () => {
    const file = join(dir, "small.xlsx");
    await writeSyncWorkbook(file, [...products(3), productCells(3, { category: "รถยนต์" })], true);
    const run = await runSync(file, ["--json"]);
    expect(run.stderr).not.toMatch(/Error|at .*\.ts/);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
    expect(out.counts).toMatchObject({ created: 4, invalid: 1, unchanged: 0 });
    const wb = await readWorkbook(file);
    const rows = wb.sheets.find((s) => s.name === "ผลิตภัณฑ์")!.rows;
    expect(rows.slice(1, 4).map((r) => r.cells[0])).toEqual(["KBO-2562-001", "KBO-2563-001", "KBO-2562-002"]);
    expect(rows[4]!.cells[0]).toBeNull();
    expect(String(rows[4]!.cells[10])).toMatch(/^ไม่ถูกต้อง ยังไม่บันทึก/);
    expect(out.spreadsheetId).toBe(await sheetIdOf(file));
    // Renaming the file keeps its identity: the second run finds every record unchanged.
    const moved = join(dir, "renamed.xlsx");
    await rename(file, moved);
    const again = await runSync(moved);
    expect(again.stdout).toMatch(/ย้ายหรือเปลี่ยนชื่อมาจาก/);
    expect(again.stdout).toMatch(/ไม่เปลี่ยนแปลง \/ unchanged: 4/);
    expect(again.stdout).toMatch(/สร้างใหม่ \/ created: 0/);
    expect((await docsOf(out.spreadsheetId)).length).toBe(3);
  });

  it("answers a re-sync of the unchanged file from two reads; an edit, or another sync of the source, takes the full path", async () => {
    const file = join(dir, "unchanged.xlsx");
    await writeSyncWorkbook(file, products(5));
    const json = async (f: string) => {
      const run = await runSync(f, ["--json"]);
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout.trim().split("\n").at(-1)!);
    };
    expect(await json(file)).toMatchObject({ counts: { created: 5 }, fileUnchanged: false });
    const again = await runSync(file);
    expect(again.stdout).toMatch(/ไฟล์ไม่เปลี่ยนแปลงตั้งแต่ซิงค์ครั้งก่อน/);
    expect(again.stdout).toMatch(/ไม่เปลี่ยนแปลง \/ unchanged: 5/);
    expect(await json(file)).toMatchObject({ counts: { unchanged: 5 }, writes: 0, fileUnchanged: true });
    // The memory answering it carries its expiry: Firestore's TTL policy deletes it a week on.
    const spreadsheetId = await sheetIdOf(file);
    const memories = (await db.collection("fileSyncs").where("spreadsheetId", "==", spreadsheetId).get())
      .docs;
    expect(memories).toHaveLength(1);
    const { at, expireAt } = memories[0]!.data();
    expect(expireAt.toMillis() - at.toMillis()).toBe(7 * 86_400_000);

    // The workbook moves away, is edited and synced there (same identity); a backup of its old bytes is
    // put back in its old place: that file's next sync must not trust its memory, and puts its own
    // figure back.
    const backup = join(dir, "unchanged-backup.xlsx");
    await copyFile(file, backup);
    const moved = join(dir, "unchanged-moved.xlsx");
    await rename(file, moved);
    await editCell(moved, "ผลิตภัณฑ์", "H2", "99999");
    expect(await json(moved)).toMatchObject({ counts: { updated: 1, unchanged: 4 }, identity: "moved" });
    await rename(backup, file);
    expect(await json(file)).toMatchObject({ counts: { updated: 1, unchanged: 4 }, fileUnchanged: false });

    // An edit of the file itself is read in full.
    await editCell(file, "ผลิตภัณฑ์", "H3", "12345");
    expect(await json(file)).toMatchObject({ counts: { updated: 1, unchanged: 4 }, fileUnchanged: false });
  });

  it("survives SIGKILL at any moment: re-runs leave exactly one record per row and a sound workbook", async () => {
    const N = 300;
    const reference = join(dir, "reference.xlsx");
    await writeSyncWorkbook(reference, products(N));
    const first = await runSync(reference, ["--json"]);
    expect(first.code).toBe(0);
    // Time a warm run (the first also warms the emulator up) to place the kills.
    const reference2 = join(dir, "reference-2.xlsx");
    await writeSyncWorkbook(reference2, products(N));
    const second = await runSync(reference2, ["--json"]);
    expect(second.code).toBe(0);
    const full = { ms: Math.min(first.ms, second.ms) };
    // Kill points spread over a whole run: at start-up, while reading, while mirroring, while writing back.
    const fractions = [0.15, 0.35, 0.55, 0.75];
    const signals: (string | null)[] = [];
    const jitter = () => 0.9 + Math.random() * 0.2;
    for (const [i, f] of fractions.entries()) {
      const file = join(dir, `kill-${i}.xlsx`);
      await writeSyncWorkbook(file, products(N));
      const killed = await runSync(file, [], Math.round(full.ms * f * jitter()));
      // The first re-run is killed too, half-way, for good measure.
      const killedAgain = i === 0 ? await runSync(file, [], Math.round(full.ms * 0.5 * jitter())) : killed;
      signals.push(killed.signal);
      const done = await runSync(file, ["--json"]);
      expect(done.code, `${done.stderr}\n(kills: ${killed.signal}, ${killedAgain.signal})`).toBe(0);
      const { spreadsheetId, counts } = JSON.parse(done.stdout.trim().split("\n").at(-1)!);
      expect(counts.invalid).toBe(0);
      expect(counts.created + counts.unchanged).toBe(N);
      const docs = await docsOf(spreadsheetId);
      expect(docs.length, `kill at ${f}`).toBe(N);
      expect(new Set(docs.map((d) => d.product)).size).toBe(N);
      expect(docs.every((d) => d.deleted === false)).toBe(true);
      // The workbook is whole and carries exactly the ids Firestore holds, one per row.
      const rows = (await readWorkbook(file)).sheets.find((s) => s.name === "ผลิตภัณฑ์")!.rows.slice(1);
      const ids = rows.map((r) => r.cells[0]);
      expect(new Set(ids).size).toBe(N);
      expect(new Set(ids)).toEqual(new Set(docs.map((d) => d.id)));
      const byId = new Map(docs.map((d) => [d.id, d.product]));
      for (const r of rows) expect(byId.get(r.cells[0] as string)).toBe(r.cells[2]);
      // One creation audit per record, however many runs were killed on the way.
      const created = (await auditEntries(db, spreadsheetId)).filter((e) => e.action === "created");
      expect(created.length).toBe(N);
      expect(new Set(created.map((e) => e.recordId)).size).toBe(N);
    }
    // The kills really landed mid-run (a run that finished first proves nothing).
    expect(signals.filter((s) => s === "SIGKILL").length).toBeGreaterThanOrEqual(3);
  }, 600_000);
});
