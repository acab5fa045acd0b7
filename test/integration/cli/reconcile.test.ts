// `kbo reconcile` as a real process on the real emulator and the strict Sheets stand-in
// (SHEETS_API_ROOT_URL): a new en_US spreadsheet is read, repaired into Firestore with its typed
// date right, registered, and what was repaired printed (exit 0); an unshared one is reported with the
// e-mail to share it with and not registered (exit 1); a run over every registered spreadsheet carries
// on past the unshared one and exits 1.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { listSources, registerSource } from "../../../functions/src/adapters/firestore/sources.ts";
import { createSheetsApi } from "../../../functions/src/adapters/sheets/sheets-client.ts";
import type { RawCell } from "../../../functions/src/domain/raw-workbook.ts";
import { bangkokDate } from "../../../functions/src/domain/thai-date.ts";
import { type SheetsApiStandIn, startSheetsApiStandIn } from "../../support/sheets-api-stand-in.ts";
import { MEETING_HEADER, meetingCells, PRODUCT_HEADER, productCells } from "../support/sync-fixtures.ts";

const host = inject("firestoreHost");
const db = createFirestore({ firestoreEmulatorHost: host, projectId: inject("firestoreProjectId") });
const KBO = join(process.cwd(), "bin", "kbo.js");
const SERVICE_ACCOUNT = "kbo-functions@demo-kbo-records.iam.gserviceaccount.com";
let dir: string;
let standIn: SheetsApiStandIn;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-reconcile-"));
  standIn = await startSheetsApiStandIn();
});
afterAll(async () => {
  await standIn.close();
  await db.terminate();
  await rm(dir, { recursive: true, force: true });
});

async function kbo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [KBO, ...args], {
      cwd: dir,
      env: {
        ...process.env,
        FIRESTORE_EMULATOR_HOST: host,
        GOOGLE_CLOUD_PROJECT: "",
        SHEETS_API_ROOT_URL: standIn.rootUrl,
        KBO_SERVICE_ACCOUNT: SERVICE_ACCOUNT,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Types a tab as staff would: USER_ENTERED, so dates are read by the spreadsheet's locale. */
async function typeTab(spreadsheetId: string, title: string, rows: RawCell[][]) {
  await createSheetsApi({ rootUrl: standIn.rootUrl }).spreadsheets.values.update({
    spreadsheetId,
    range: `'${title}'!A1`,
    valueInputOption: "USER_ENTERED",
    requestBody: { values: rows.map((r) => r.map((c) => c ?? "")) },
  });
}

describe("kbo reconcile", () => {
  let usSheet: string;
  let unshared: string;

  it("reads a new en_US spreadsheet, repairs it into Firestore, registers it and prints what it repaired", async () => {
    usSheet = standIn.createSpreadsheet("KBO (en_US)", ["ผลิตภัณฑ์", "การประชุม"], undefined, {
      locale: "en_US",
    });
    const meeting = meetingCells() as RawCell[];
    meeting[1] = "'1/2563";
    meeting[3] = "2/3/2020"; // 3 February 2020, as a US-locale sheet reads it
    await typeTab(usSheet, "ผลิตภัณฑ์", [PRODUCT_HEADER, productCells(0), productCells(1)]);
    await typeTab(usSheet, "การประชุม", [MEETING_HEADER, meeting]);

    const run = await kbo("reconcile", "--spreadsheet", usSheet);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("kbo reconcile: 1 สเปรดชีต/spreadsheets, ซ่อม/repaired 3 รายการ/records");
    expect(run.stdout).toContain(
      `✓ ${usSheet}: ผลิตภัณฑ์, การประชุม — สร้างใหม่/created 3; เขียนแท็บสรุปใหม่/summaries rewritten`,
    );
    expect(await listSources(db)).toContain(usSheet);
    const meetings = (await db.collection("meetings").where("source.spreadsheetId", "==", usSheet).get())
      .docs;
    expect(meetings.map((d) => bangkokDate(d.data().date.toDate()))).toEqual(["2020-02-03"]);
    expect(standIn.sheet(usSheet, "สรุปตามประเภท")).toBeDefined();

    const again = await kbo("reconcile", "--spreadsheet", usSheet);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`✓ ${usSheet}: ผลิตภัณฑ์, การประชุม — ไม่เปลี่ยนแปลง/unchanged 3`);
  });

  it("reports an unshared spreadsheet with the e-mail to share it with, exit 1, and does not register it", async () => {
    unshared = standIn.createSpreadsheet("KBO ไม่ได้แชร์", ["ผลิตภัณฑ์"], undefined, { shared: false });
    const run = await kbo("reconcile", "--spreadsheet", unshared);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `✗ ${unshared}: ระบบไม่มีสิทธิ์เปิดสเปรดชีต ${unshared}: แชร์สเปรดชีตให้ ${SERVICE_ACCOUNT} เป็นผู้แก้ไข`,
    );
    expect(run.stdout).toContain(`share it with ${SERVICE_ACCOUNT} as an editor`);
    expect(run.stdout).toContain("[SHEETS_PERMISSION_DENIED]");
    expect(await listSources(db)).not.toContain(unshared);
  });

  it("runs over every registered spreadsheet, carrying on past one that was unshared since (exit 1)", async () => {
    // Registered by an earlier sync, then unshared by its owner.
    await registerSource(db, unshared, "sync", new Date());
    const run = await kbo("reconcile");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("อ่านไม่ได้/could not be read 1");
    expect(run.stdout).toContain(`✓ ${usSheet}:`);
    expect(run.stdout).toContain(`✗ ${unshared}:`);
  });
});
