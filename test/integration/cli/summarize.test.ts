// `kbo summarize` as a real process on the real emulator: the sample workbook synced then summarised
// gives the seed's figures (JSON and the tabs written into the file, values only), a rebuild replaces
// the tabs, and an unsynced workbook is refused with exit 2. `--spreadsheet ID` writes the tabs of a
// Google spreadsheet through the strict Sheets stand-in (SHEETS_API_ROOT_URL), an unshared one refused,
// and without credentials it says what to set.
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { summarise } from "../../../functions/src/domain/summaries.ts";
import { type SheetsApiStandIn, startSheetsApiStandIn } from "../../support/sheets-api-stand-in.ts";
import { generatedProducts, seedProducts } from "../../support/summary-fixtures.ts";

const host = inject("firestoreHost");
const KBO = join(process.cwd(), "bin", "kbo.js");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-summarize-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function kbo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return kboWith({}, ...args);
}

async function kboWith(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [KBO, ...args], {
      cwd: dir,
      env: { ...process.env, FIRESTORE_EMULATOR_HOST: host, GOOGLE_CLOUD_PROJECT: "", ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("kbo summarize", () => {
  it("refuses a workbook that was never synced (exit 2)", async () => {
    const file = join(dir, "unsynced.xlsx");
    await copyFile("examples/kbo-sample.xlsx", file);
    const run = await kbo("summarize", file, "--json");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("WORKBOOK_NOT_SYNCED");
  });

  it("gives the seed's figures after kbo sync, and writes the three tabs into the file as values", async () => {
    const file = join(dir, "sample.xlsx");
    await copyFile("examples/kbo-sample.xlsx", file);
    expect((await kbo("sync", file)).code).toBe(0);
    const run = await kbo("summarize", file, "--json");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as {
      byCategory: { year: number; category: string; products: number; revenue: number }[];
      byDistrict: { year: number; products: number; revenue: number }[];
      meetings: { number: string; present: number }[];
    };
    const of = (year: number) =>
      Object.fromEntries(json.byCategory.filter((r) => r.year === year).map((r) => [r.category, r.products]));
    expect(of(2562)).toEqual({ food: 0, beverage: 2, textile: 3, decor: 6, herbal: 0 });
    expect(of(2563)).toEqual({ food: 2, beverage: 2, textile: 10, decor: 5, herbal: 1 });
    expect(json.byCategory).toContainEqual({
      year: 2563,
      category: "textile",
      products: 10,
      revenue: 154000,
    });
    const revenue2562 = json.byCategory.filter((r) => r.year === 2562).reduce((n, r) => n + r.revenue, 0);
    expect(revenue2562).toBe(272_500);
    expect(json.byDistrict.filter((r) => r.year === 2562).reduce((n, r) => n + r.products, 0)).toBe(11);
    expect(json.meetings.map((m) => m.number)).toEqual(["1/2563"]);

    // Twice: the second run replaces the tabs instead of adding more.
    expect((await kbo("summarize", file)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const names = wb.worksheets.map((w) => w.name);
    for (const tab of ["สรุปตามประเภท", "สรุปตามอำเภอ", "สรุปการประชุม"]) {
      expect(names.filter((n) => n === tab)).toHaveLength(1);
    }
    const ws = wb.getWorksheet("สรุปตามประเภท")!;
    expect(ws.getCell("A1").value).toBe("ปี พ.ศ.");
    expect(ws.getCell("A3").value).toBe(2562);
    expect(ws.getCell("L3").value).toBe(11);
    expect(ws.getCell("M3").value).toBe(272_500);
    expect(ws.getCell("M3").numFmt).toBe("#,##0");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    let formulas = 0;
    for (const sheet of wb.worksheets)
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) formulas++;
        }),
      );
    expect(formulas).toBe(0);
    // The record tabs are still there, untouched in number.
    expect(names).toContain("ผลิตภัณฑ์");
  });
});

describe("kbo summarize --spreadsheet (a Google spreadsheet, through the Sheets API)", () => {
  const SERVICE_ACCOUNT = "kbo-functions@demo-kbo-records.iam.gserviceaccount.com";
  const db = createFirestore({ firestoreEmulatorHost: host, projectId: inject("firestoreProjectId") });
  let standIn: SheetsApiStandIn;
  let env: Record<string, string>;
  beforeAll(async () => {
    standIn = await startSheetsApiStandIn();
    env = { SHEETS_API_ROOT_URL: standIn.rootUrl, KBO_SERVICE_ACCOUNT: SERVICE_ACCOUNT };
  });
  afterAll(async () => {
    await standIn.close();
    await db.terminate();
  });

  it("rewrites the summary tabs of an en_US spreadsheet from its records, and again without stacking", async () => {
    const id = standIn.createSpreadsheet("KBO Chiang Mai (US)", ["ผลิตภัณฑ์"], undefined, { locale: "en_US" });
    const products = generatedProducts(90);
    await seedProducts(db, products, id);
    const first = await kboWith(env, "summarize", "--spreadsheet", id);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`kbo summarize --spreadsheet ${id}: สรุปตามประเภท (สร้างใหม่/created)`);
    const expected = summarise(products).byCategory.total;
    expect(first.stdout).toContain(`รวม/total: ${expected.products} ผลิตภัณฑ์/products`);
    const total = standIn.cells(id, "สรุปตามประเภท").get("L8")?.userEnteredValue;
    expect(total).toEqual({ numberValue: expected.products });
    const again = await kboWith(env, "summarize", "--spreadsheet", id, "--fiscal", "--json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      spreadsheetId: id,
      tabs: { created: [], updated: ["สรุปตามประเภท", "สรุปตามอำเภอ", "สรุปการประชุม"] },
    });
    expect(standIn.cells(id, "สรุปการประชุม").get("C1")?.userEnteredValue).toEqual({
      stringValue: "ปีงบประมาณ",
    });
    for (const tab of ["สรุปตามประเภท", "สรุปตามอำเภอ"]) {
      expect(standIn.sheet(id, tab)!.charts).toHaveLength(1);
      expect(standIn.sheet(id, tab)!.protectedRanges).toHaveLength(1);
    }
  });

  it("refuses an unshared spreadsheet (exit 2), naming the e-mail to share it with", async () => {
    const id = standIn.createSpreadsheet("KBO ไม่ได้แชร์", ["ผลิตภัณฑ์"], undefined, { shared: false });
    const run = await kboWith(env, "summarize", "--spreadsheet", id);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`แชร์สเปรดชีตให้ ${SERVICE_ACCOUNT} เป็นผู้แก้ไข`);
    expect(run.stderr).toContain(`share it with ${SERVICE_ACCOUNT} as an editor`);
    expect(run.stderr).toContain("[SHEETS_PERMISSION_DENIED]");
  });

  it("without Application Default Credentials fails at once naming what to set, not with google-auth's error", async () => {
    // A machine never logged in: no key file, no gcloud login in HOME, no stand-in.
    const { GOOGLE_APPLICATION_CREDENTIALS, SHEETS_API_ROOT_URL, CLOUDSDK_CONFIG, ...rest } = process.env;
    const run = await promisify(execFile)(
      process.execPath,
      [KBO, "summarize", "--spreadsheet", "sheet-without-adc"],
      {
        cwd: dir,
        env: { ...rest, HOME: dir, FIRESTORE_EMULATOR_HOST: host, GOOGLE_CLOUD_PROJECT: "" },
      },
    ).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("[SHEETS_NO_CREDENTIALS]");
    expect(run.stderr).toContain("ไม่พบข้อมูลรับรองของ Google");
    expect(run.stderr).toContain("gcloud auth application-default login");
    expect(run.stderr).toContain("set GOOGLE_APPLICATION_CREDENTIALS");
    expect(run.stderr).not.toContain("SHEETS_UNAVAILABLE");
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it("wants a file or --spreadsheet, not both and not neither (exit 2)", async () => {
    expect((await kboWith(env, "summarize")).code).toBe(2);
    const both = await kboWith(env, "summarize", "x.xlsx", "--spreadsheet", "abc");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--spreadsheet");
  });
});
