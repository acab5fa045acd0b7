// `kbo sync` as a real process, dying (SIGKILL, as a crash would) at each named point of a sync —
// after its ids are allocated, after the workbook is saved with them, after the first batch of
// records — then run again: every record exists exactly once, the workbook carries exactly the ids
// Firestore holds, and each record has one creation audit. No timing: the process kills itself at
// the step KBO_TEST_CRASH_AT names.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { readWorkbook } from "../../../functions/src/adapters/workbook/read-workbook.ts";
import { clearFirestore } from "../support/firestore-emulator.ts";
import { runKbo } from "../support/kbo-process.ts";
import { auditEntries, productCells, products, writeSyncWorkbook } from "../support/sync-fixtures.ts";

const host = inject("firestoreHost");
const projectId = inject("firestoreProjectId");
const db = createFirestore({ firestoreEmulatorHost: host, projectId });
/** More rows than one commit takes (249), so "batch-written" is mid-sync. */
const N = 600;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-crash-"));
});
beforeEach(() => clearFirestore(host, projectId));
afterAll(async () => {
  await db.terminate();
  await rm(dir, { recursive: true, force: true });
});

const sync = (file: string, crashAt?: string) =>
  runKbo(["sync", file, "--json"], {
    cwd: dir,
    env: {
      ...process.env,
      FIRESTORE_EMULATOR_HOST: host,
      GOOGLE_CLOUD_PROJECT: "",
      ...(crashAt ? { KBO_TEST_CRASH_AT: crashAt } : {}),
    },
  });

/** Every record exactly once, the file's ids are Firestore's, one creation audit each. */
async function expectExactlyOnce(file: string, names: string[]) {
  const docs = (await db.collection("products").get()).docs.map((d) => d.data());
  expect(
    docs
      .filter((d) => !d.deleted)
      .map((d) => d.product)
      .sort(),
  ).toEqual([...names].sort());
  expect(docs.length, "no record under a second identity or a second id").toBe(names.length);
  const rows = (await readWorkbook(file)).sheets.find((s) => s.name === "ผลิตภัณฑ์")!.rows.slice(1);
  const byId = new Map(docs.map((d) => [d.id as string, d.product as string]));
  expect(new Set(rows.map((r) => r.cells[0])).size).toBe(names.length);
  for (const r of rows) expect(byId.get(r.cells[0] as string)).toBe(r.cells[2]);
  const created = (await auditEntries(db)).filter((e) => e.action === "created");
  expect(created.map((e) => e.recordId).sort()).toEqual([...byId.keys()].sort());
}

const nameOf = (cells: ReturnType<typeof productCells>) => cells[2] as string;

describe("kbo sync dies at a named point of a first sync, then runs again", () => {
  it.each(["ids-allocated", "workbook-saved", "batch-written"])("at %s", async (point) => {
    const file = join(dir, `first-${point}.xlsx`);
    const rows = products(N);
    await writeSyncWorkbook(file, rows);
    const crashed = await sync(file, point);
    expect(crashed.signal, crashed.stderr).toBe("SIGKILL");
    const done = await sync(file);
    expect(done.code, done.stderr).toBe(0);
    await expectExactlyOnce(file, rows.map(nameOf));
  });

  it("twice in a row (after the save, then mid-batch), then to the end", async () => {
    const file = join(dir, "twice.xlsx");
    const rows = products(N);
    await writeSyncWorkbook(file, rows);
    expect((await sync(file, "workbook-saved")).signal).toBe("SIGKILL");
    expect((await sync(file, "batch-written")).signal).toBe("SIGKILL");
    expect((await sync(file)).code).toBe(0);
    await expectExactlyOnce(file, rows.map(nameOf));
  });
});

describe("kbo sync dies mid-batch while adding rows to a known workbook", () => {
  it("the rows already stored stay one each; the new ones end up stored once", async () => {
    const file = join(dir, "known.xlsx");
    const first = products(N);
    await writeSyncWorkbook(file, first);
    expect((await sync(file)).code).toBe(0);
    // Staff append rows below the ones that already carry ids, in Excel.
    const added = Array.from({ length: N }, (_, i) => productCells(N + i));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet("ผลิตภัณฑ์")!;
    for (const cells of added) sheet.addRow(cells);
    await wb.xlsx.writeFile(file);
    expect((await sync(file, "batch-written")).signal).toBe("SIGKILL");
    expect((await sync(file)).code).toBe(0);
    await expectExactlyOnce(file, [...first, ...added].map(nameOf));
  });
});
