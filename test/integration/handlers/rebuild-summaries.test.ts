// The `rebuildSummaries` function through the Functions Framework's real server: ID-token auth,
// body validation, the Sheets stand-in written from the emulator's records, Sheets errors as statuses.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { createSheetsApi } from "../../../functions/src/adapters/sheets/sheets-client.ts";
import { registerFunctions } from "../../../functions/src/functions.ts";
import { idTokenVerifier } from "../../../functions/src/handlers/auth.ts";
import { type SheetsApiStandIn, startSheetsApiStandIn } from "../../support/sheets-api-stand-in.ts";
import { generatedProducts, seedProducts } from "../../support/summary-fixtures.ts";
import { startTokenIssuer, type TokenIssuer } from "../support/id-tokens.ts";

const AUDIENCE = "1234-apps-script.apps.googleusercontent.com";
const CALLER = "staff@example.org";
const db = createFirestore({
  firestoreEmulatorHost: inject("firestoreHost"),
  projectId: inject("firestoreProjectId"),
});
let issuer: TokenIssuer;
let standIn: SheetsApiStandIn;
let server: Server;
let url: string;
let token: string;

beforeAll(async () => {
  issuer = await startTokenIssuer();
  standIn = await startSheetsApiStandIn();
  registerFunctions({
    db: () => db,
    verifyCaller: idTokenVerifier({
      audience: AUDIENCE,
      allowedCallers: [CALLER],
      certsUrl: issuer.certsUrl,
    }),
    now: () => new Date("2020-01-20T03:00:00Z"),
    sheets: () => createSheetsApi({ rootUrl: standIn.rootUrl }),
  });
  server = getTestServer("rebuildSummaries");
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  token = await issuer.sign({ email: CALLER, aud: AUDIENCE });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await standIn.close();
  await issuer.close();
  await db.terminate();
});

async function post(body: unknown, bearer: string | null = token) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    json: (await res.json()) as { error?: { code?: string }; [key: string]: unknown },
  };
}

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
});
