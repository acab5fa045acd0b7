// The workbook-level corpus (test/fixtures/bad-inputs/workbook-cases.ts) through the real `kbo`
// command on real files against the Firestore emulator: each case's message, the file afterwards and
// what was stored. `kbo` runs in this process (the same command, parser and exit codes as bin/kbo.js)
// except where two processes or a process's exit matter. Firestore is emptied before each case.
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { readWorkbook } from "../../../functions/src/adapters/workbook/read-workbook.ts";
import { patchSheetCells } from "../../../functions/src/adapters/workbook/sheet-xml.ts";
import { readMetaOfFile } from "../../../functions/src/adapters/workbook/workbook-identity.ts";
import { XlsxPackage } from "../../../functions/src/adapters/workbook/xlsx-package.ts";
import { readZipParts } from "../../../functions/src/adapters/workbook/xlsx-zip.ts";
import { main } from "../../../functions/src/cli/main.ts";
import { columnLetter, type RawCell } from "../../../functions/src/domain/raw-workbook.ts";
import {
  type KboOutcome,
  type StoredRecord,
  WORKBOOK_CASE_CLASSES,
  WORKBOOK_CASES,
  type WorkbookCaseContext,
} from "../../fixtures/bad-inputs/workbook-cases.ts";
import { workbookBuffer } from "../../support/workbook-builder.ts";
import { clearFirestore } from "../support/firestore-emulator.ts";
import { runKbo } from "../support/kbo-process.ts";

const host = inject("firestoreHost");
const projectId = inject("firestoreProjectId");
const db = createFirestore({ firestoreEmulatorHost: host, projectId });
const env = { ...process.env, FIRESTORE_EMULATOR_HOST: host, GOOGLE_CLOUD_PROJECT: "" };
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "kbo-workbook-cases-"));
});
afterAll(async () => {
  await db.terminate();
  await rm(root, { recursive: true, force: true });
});

function contextFor(dir: string): WorkbookCaseContext {
  const kbo = async (args: string[]): Promise<KboOutcome> => {
    let stdout = "";
    let stderr = "";
    const code = await main(["node", "kbo", ...args], {
      stdout: (t) => {
        stdout += `${t}\n`;
      },
      stderr: (t) => {
        stderr += `${t}\n`;
      },
      env,
      cwd: dir,
      now: () => new Date("2020-01-20T03:00:00Z"),
      sleep: async () => {},
    });
    return { code, stdout, stderr };
  };
  return {
    path: (name) => join(dir, name),
    async write(name, sheets) {
      const file = join(dir, name);
      await writeFile(file, await workbookBuffer(sheets));
      return file;
    },
    async writeBytes(name, bytes) {
      const file = join(dir, name);
      await writeFile(file, bytes);
      return file;
    },
    sync: (file) => kbo(["sync", file]),
    validate: (file) => kbo(["validate", file, "--json"]),
    kbo,
    async kboProcess(args) {
      const run = await runKbo(args, { cwd: dir, env });
      return { code: run.code ?? -1, stdout: run.stdout, stderr: run.stderr };
    },
    async edit(file, change) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      change(wb);
      await wb.xlsx.writeFile(file);
    },
    async patch(file, sheet, cells) {
      const pkg = await XlsxPackage.read(await readFile(file), file);
      const part = pkg.sheets().find((s) => s.name === sheet)!.part!;
      let xml = pkg.text(part);
      const texts = [];
      for (const [ref, value] of Object.entries(cells)) {
        if (typeof value === "number") {
          xml = xml.replace(new RegExp(`(<c r="${ref}"[^>]*>)<v>[^<]*</v>`), `$1<v>${value}</v>`);
        } else if (typeof value === "string") {
          const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
          const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
          texts.push({ row: Number(m[2]), col, text: value });
        }
      }
      pkg.setText(part, patchSheetCells(xml, texts).xml);
      await writeFile(file, await pkg.toBuffer());
    },
    async cells(file, sheet) {
      const wb = await readWorkbook(file);
      const out = new Map<string, RawCell>();
      for (const r of wb.sheets.find((s) => s.name === sheet)?.rows ?? []) {
        r.cells.forEach((v, c) => {
          if (v !== null) out.set(`${columnLetter(c)}${r.row}`, v);
        });
      }
      return out;
    },
    async parts(file) {
      return new Map((await readZipParts(await readFile(file), file)).map((p) => [p.name, p.data]));
    },
    idOf: async (file) => (await readMetaOfFile(file)).spreadsheetId,
    async records(spreadsheetId, collection = "products") {
      const all = db.collection(collection);
      const snap = await (spreadsheetId === "*"
        ? all
        : all.where("source.spreadsheetId", "==", spreadsheetId)
      ).get();
      return snap.docs.map((d): StoredRecord => {
        const data = d.data();
        return {
          id: d.id,
          deleted: data.deleted === true,
          row: data.source.row,
          spreadsheetId: data.source.spreadsheetId,
          data,
        };
      });
    },
    rename: (from, to) => rename(from, to),
    copy: (from, to) => copyFile(from, to),
    bytes: (file) => readFile(file),
  };
}

describe("workbook-level corpus", () => {
  it("has at least 35 cases over every class, each with a unique name", () => {
    expect(WORKBOOK_CASES.length).toBeGreaterThanOrEqual(35);
    expect(new Set(WORKBOOK_CASES.map((c) => c.id)).size).toBe(WORKBOOK_CASES.length);
    const byClass = Object.fromEntries(
      WORKBOOK_CASE_CLASSES.map((k) => [k, WORKBOOK_CASES.filter((c) => c.class === k).length]),
    );
    console.log(`[reliability] workbook cases by class: ${JSON.stringify(byClass)}`);
    for (const k of WORKBOOK_CASE_CLASSES) expect(byClass[k], k).toBeGreaterThanOrEqual(4);
  });

  for (const [i, c] of WORKBOOK_CASES.entries()) {
    it(`${c.class}: ${c.id}`, async () => {
      await clearFirestore(host, projectId);
      const dir = join(root, `case-${i}`);
      await mkdir(dir);
      const ctx = contextFor(dir);
      const r = await c.run(ctx);
      c.message(r.out);
      for (const text of [r.out.stdout, r.out.stderr])
        expect(text).not.toMatch(/undefined|\[object Object\]/);
      await c.file(ctx, r);
      await c.stored(ctx, r);
    }, 120_000);
  }
});
