// The `rebuildSummaries` function through the Functions Framework's real server: ID-token auth,
// body validation, the Sheets stand-in written from the emulator's records, Sheets errors as statuses.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { createSheetsApi } from "../../../functions/src/adapters/sheets/sheets-client.ts";
import { type SheetsApiStandIn, startSheetsApiStandIn } from "../../support/sheets-api-stand-in.ts";
import { generatedProducts, seedProducts } from "../../support/summary-fixtures.ts";
import { type FunctionServer, startFunctionServer } from "../support/function-server.ts";

const db = createFirestore({
  firestoreEmulatorHost: inject("firestoreHost"),
  projectId: inject("firestoreProjectId"),
});
const SERVICE_ACCOUNT = "kbo-functions@demo-kbo-records.iam.gserviceaccount.com";
let standIn: SheetsApiStandIn;
let fn: FunctionServer;

beforeAll(async () => {
  standIn = await startSheetsApiStandIn();
  fn = await startFunctionServer("rebuildSummaries", {
    db: () => db,
    now: () => new Date("2020-01-20T03:00:00Z"),
    sheets: () => createSheetsApi({ rootUrl: standIn.rootUrl }),
    sheetsCalls: async () => ({ serviceAccount: SERVICE_ACCOUNT }),
  });
});
afterAll(async () => {
  await fn.close();
  await standIn.close();
  await db.terminate();
});

const post = (body: unknown, bearer: string | null = fn.token) => fn.post(body, bearer);

describe("rebuildSummaries over HTTP", () => {
  it("rewrites the summary tabs of the spreadsheet named in the body", async () => {
    const id = standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์"]);
    const products = generatedProducts(120);
    await seedProducts(db, products, id);
    const { status, json } = await post({ spreadsheetId: id });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      spreadsheetId: id,
      tabs: { created: ["สรุปตามประเภท", "สรุปตามอำเภอ", "สรุปการประชุม"], updated: [] },
      products: products.filter((p) => !p.deleted).length,
      years: [2561, 2562, 2563, 2564, 2565],
      apiCalls: 2,
    });
    expect(standIn.cells(id, "สรุปตามประเภท").get("A3")?.userEnteredValue).toEqual({ numberValue: 2561 });
  });

  it("refuses callers without a token (401) and bad bodies (400)", async () => {
    expect((await post({ spreadsheetId: "x" }, null)).status).toBe(401);
    const bad = await post({ spreadsheetId: "" });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.code).toBe("BAD_REQUEST");
    expect((await post({ spreadsheetId: "x", basis: "lunar" })).status).toBe(400);
  });

  it("answers 404 SHEETS_NOT_FOUND for a spreadsheet the API does not know", async () => {
    const { status, json } = await post({ spreadsheetId: "no-such-spreadsheet" });
    expect(status).toBe(404);
    expect(json.error?.code).toBe("SHEETS_NOT_FOUND");
  });

  it("answers 403 SHEETS_PERMISSION_DENIED for a spreadsheet not shared with the service account, naming it", async () => {
    const id = standIn.createSpreadsheet("KBO ไม่ได้แชร์", ["ผลิตภัณฑ์"], undefined, { shared: false });
    const { status, json } = await post({ spreadsheetId: id });
    expect(status).toBe(403);
    expect(json.error?.code).toBe("SHEETS_PERMISSION_DENIED");
    expect(json.error?.message).toContain(`แชร์สเปรดชีตให้ ${SERVICE_ACCOUNT} เป็นผู้แก้ไข`);
    expect(json.error?.message).toContain(`share it with ${SERVICE_ACCOUNT} as an editor`);
  });
});
