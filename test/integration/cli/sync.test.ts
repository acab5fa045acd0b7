// `kbo sync` as a real process against the real emulator: output, exit codes and write-back, and the
// mass-deletion guard on the command line. Crashes at named points: reliability/crash-points.test.ts.
import { copyFile, mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { readWorkbook } from "../../../functions/src/adapters/workbook/read-workbook.ts";
import { readMetaOfFile } from "../../../functions/src/adapters/workbook/workbook-identity.ts";
import { type KboRun, runKbo } from "../support/kbo-process.ts";
import { productCells, products, writeSyncWorkbook } from "../support/sync-fixtures.ts";

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

function runSync(file: string, args: string[] = []): Promise<KboRun> {
  return runKbo(["sync", file, ...args], {
    cwd: dir,
    env: { ...process.env, FIRESTORE_EMULATOR_HOST: host, GOOGLE_CLOUD_PROJECT: "" },
  });
}

/** Changes one cell as staff would, in Excel. */
async function editCell(file: string, sheet: string, address: string, value: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  wb.getWorksheet(sheet)!.getCell(address).value = value;
  await wb.xlsx.writeFile(file);
}

async function docsOf(spreadsheetId: string) {
  const snap = await db.collection("products").where("source.spreadsheetId", "==", spreadsheetId).get();
  return snap.docs.map((d) => d.data());
}

async function sheetIdOf(file: string): Promise<string | undefined> {
  return (await readMetaOfFile(file)).spreadsheetId;
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

  it("a moved workbook stays the same workbook; a backup put back at its old place syncs its own figures", async () => {
    const file = join(dir, "unchanged.xlsx");
    await writeSyncWorkbook(file, products(5));
    const json = async (f: string) => {
      const run = await runSync(f, ["--json"]);
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout.trim().split("\n").at(-1)!);
    };
    expect(await json(file)).toMatchObject({ counts: { created: 5 } });
    // Run again unchanged: every row unchanged, no write.
    expect(await json(file)).toMatchObject({ counts: { unchanged: 5 }, writes: 0 });
    // The workbook moves away, is edited and synced there (same identity); a backup of its old bytes is
    // put back in its old place: its next sync puts its own figure back.
    const backup = join(dir, "unchanged-backup.xlsx");
    await copyFile(file, backup);
    const moved = join(dir, "unchanged-moved.xlsx");
    await rename(file, moved);
    await editCell(moved, "ผลิตภัณฑ์", "H2", "99999");
    expect(await json(moved)).toMatchObject({ counts: { updated: 1, unchanged: 4 }, identity: "moved" });
    await rename(backup, file);
    expect(await json(file)).toMatchObject({ counts: { updated: 1, unchanged: 4 } });
  });

  it("refuses (exit 2, nothing changed) to tombstone most of a tab unless --confirm-deletes", async () => {
    const file = join(dir, "mass.xlsx");
    await writeSyncWorkbook(file, products(12));
    const first = JSON.parse((await runSync(file, ["--json"])).stdout.trim().split("\n").at(-1)!);
    expect(first.counts.created).toBe(12);
    // Staff cut most rows out of the tab (to move them elsewhere, say).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet("ผลิตภัณฑ์")!;
    for (let r = 4; r <= 13; r++) {
      sheet.getRow(r).eachCell((c) => {
        c.value = null;
      });
    }
    await wb.xlsx.writeFile(file);
    const refused = await runSync(file);
    expect(refused.code, refused.stdout + refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/จะลบ 10 จาก 12/);
    expect(refused.stderr).toMatch(/--confirm-deletes/);
    expect(refused.stderr).toMatch(/\[DELETES_NEED_CONFIRMATION\]/);
    expect((await docsOf(first.spreadsheetId)).filter((d) => d.deleted === false)).toHaveLength(12);
    const confirmed = await runSync(file, ["--json", "--confirm-deletes"]);
    expect(confirmed.code).toBe(0);
    expect(JSON.parse(confirmed.stdout.trim().split("\n").at(-1)!).counts.deleted).toBe(10);
    expect((await docsOf(first.spreadsheetId)).filter((d) => d.deleted === false)).toHaveLength(2);
  });
});
