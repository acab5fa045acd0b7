// Every HTTP function (sync, rebuildSummaries, meetingReport, summaryReport) through the Functions Framework's real
// server: no token, forged, expired, wrong audience or issuer, unverified or unknown caller → 401/403
// with nothing written; bodies over the limit → 413; one caller over the rate bound → 429 with
// Retry-After while another caller is still served.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { silentLogger } from "../../../functions/src/adapters/log/logger.ts";
import { createPdfRenderer } from "../../../functions/src/adapters/pdf/pdf-renderer.ts";
import { createSheetsApi } from "../../../functions/src/adapters/sheets/sheets-client.ts";
import { registerFunctions } from "../../../functions/src/functions.ts";
import { idTokenVerifier } from "../../../functions/src/handlers/auth.ts";
import { tokenBucketLimiter } from "../../../functions/src/handlers/rate-limit.ts";
import { type SheetsApiStandIn, startSheetsApiStandIn } from "../../support/sheets-api-stand-in.ts";
import { startTokenIssuer, type TokenIssuer } from "../support/id-tokens.ts";
import { MEETING_HEADER, meetingCells, PRODUCT_HEADER, productCells } from "../support/sync-fixtures.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers and documents, read only in assertions.
type Json = Record<string, any>;
const AUDIENCE = "1234-apps-script.apps.googleusercontent.com";
const CALLER = "staff@example.org";
const OTHER = "district-office@example.org";
const db = createFirestore({
  firestoreEmulatorHost: inject("firestoreHost"),
  projectId: inject("firestoreProjectId"),
});
const FUNCTIONS = ["sync", "rebuildSummaries", "meetingReport", "summaryReport"] as const;
type Fn = (typeof FUNCTIONS)[number];
const counts = { refusedRequests: 0, functions: FUNCTIONS.length, rateLimited: 0 };
let issuer: TokenIssuer;
let standIn: SheetsApiStandIn;
let sheetId: string;
let clock = 0;
const renderer = createPdfRenderer();
const servers = new Map<Fn, { server: Server; url: string }>();

beforeAll(async () => {
  issuer = await startTokenIssuer();
  standIn = await startSheetsApiStandIn();
  sheetId = standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์"]);
  registerFunctions({
    log: silentLogger,
    db: () => db,
    verifyCaller: idTokenVerifier({
      audience: AUDIENCE,
      allowedCallers: [CALLER, OTHER],
      certsUrl: issuer.certsUrl,
    }),
    now: () => new Date("2020-01-20T03:00:00Z"),
    sheets: () => createSheetsApi({ rootUrl: standIn.rootUrl }),
    rateLimit: tokenBucketLimiter({ burst: 5, perSecond: 0.5, now: () => clock }),
    pdf: async () => renderer,
  });
  for (const name of FUNCTIONS) {
    const server = getTestServer(name);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.set(name, { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
  }
});
afterAll(async () => {
  console.log(`[reliability] security: ${JSON.stringify(counts)}`);
  for (const { server } of servers.values()) await new Promise((resolve) => server.close(resolve));
  await renderer.close();
  await standIn.close();
  await issuer.close();
  await db.terminate();
});

const goodBody = (fn: Fn, tag: string): Record<string, unknown> => {
  if (fn === "sync") {
    return {
      spreadsheetId: "sheet-security",
      tab: "ผลิตภัณฑ์",
      header: PRODUCT_HEADER,
      rows: [{ row: 2, values: productCells(0) }],
      requestId: `security-${tag}`,
    };
  }
  if (fn === "rebuildSummaries") return { spreadsheetId: sheetId };
  if (fn === "summaryReport") return { allSources: true, send: true };
  return { spreadsheetId: "sheet-security", meeting: "1/2563", send: true };
};

async function post(fn: Fn, body: unknown, bearer: string | null, raw?: string) {
  const res = await fetch(servers.get(fn)!.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
    },
    body: raw ?? JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Json };
}

const written = async () =>
  (
    await Promise.all(
      ["products", "meetings", "requests", "changes", "reports"].map(
        async (c) => (await db.collection(c).count().get()).data().count,
      ),
    )
  ).reduce((a, b) => a + b, 0);

const BAD_TOKENS: [string, number, string, () => Promise<string | null>][] = [
  ["no token", 401, "UNAUTHENTICATED", async () => null],
  ["not a JWT", 401, "INVALID_TOKEN", async () => "not-a-jwt"],
  [
    "forged (unknown signing key)",
    401,
    "INVALID_TOKEN",
    () => issuer.signWithStrangerKey({ email: CALLER, aud: AUDIENCE }),
  ],
  ["expired", 401, "INVALID_TOKEN", () => issuer.sign({ email: CALLER, aud: AUDIENCE, expiresIn: -600 })],
  ["wrong audience", 401, "INVALID_TOKEN", () => issuer.sign({ email: CALLER, aud: "another-client" })],
  [
    "wrong issuer",
    401,
    "INVALID_TOKEN",
    () => issuer.sign({ email: CALLER, aud: AUDIENCE, iss: "https://evil.example" }),
  ],
  [
    "unverified e-mail",
    403,
    "EMAIL_NOT_VERIFIED",
    () => issuer.sign({ email: CALLER, aud: AUDIENCE, email_verified: false }),
  ],
  ["no e-mail", 403, "EMAIL_NOT_VERIFIED", () => issuer.sign({ aud: AUDIENCE })],
  [
    "unknown caller",
    403,
    "CALLER_NOT_ALLOWED",
    () => issuer.sign({ email: "stranger@example.org", aud: AUDIENCE }),
  ],
  [
    "caller name in another case is still the same caller list",
    403,
    "CALLER_NOT_ALLOWED",
    () => issuer.sign({ email: "STAFF@example.org.evil.example", aud: AUDIENCE }),
  ],
];

describe.each(FUNCTIONS)("%s refuses bad callers", (fn) => {
  it.each(BAD_TOKENS)("%s → %i %s, nothing written", async (_, status, code, token) => {
    const before = await written();
    const res = await post(fn, goodBody(fn, `bad-${code}`), await token());
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe(code);
    expect(await written()).toBe(before);
    counts.refusedRequests++;
  });

  it("answers 413 to a body over the 10 MiB limit", async () => {
    const token = await issuer.sign({ email: CALLER, aud: AUDIENCE });
    const body = { ...goodBody(fn, "big"), padding: "ก".repeat(4 * 1024 * 1024) };
    const res = await post(fn, body, token);
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("PAYLOAD_TOO_LARGE");
    counts.refusedRequests++;
  });
});

describe("an allowed caller", () => {
  it("is served by every function (the refusals above are the token's doing)", async () => {
    const token = await issuer.sign({ email: OTHER, aud: AUDIENCE });
    const synced = await post("sync", goodBody("sync", "good-0001"), token);
    expect(synced.status).toBe(200);
    const meeting = await post(
      "sync",
      {
        spreadsheetId: "sheet-security",
        tab: "การประชุม",
        header: MEETING_HEADER,
        rows: [{ row: 2, values: meetingCells() }],
        requestId: "security-meeting-0001",
      },
      token,
    );
    expect(meeting.status).toBe(200);
    expect((await post("rebuildSummaries", goodBody("rebuildSummaries", ""), token)).status).toBe(200);
    const report = await post("meetingReport", { ...goodBody("meetingReport", ""), send: false }, token);
    expect(report.status, JSON.stringify(report.json).slice(0, 300)).toBe(200);
    expect(Buffer.from(report.json.pdfBase64, "base64").subarray(0, 5).toString()).toBe("%PDF-");
    expect(report.json.send).toEqual({ status: "not_requested" });
    const summary = await post("summaryReport", { spreadsheetId: "sheet-security" }, token);
    expect(summary.status, JSON.stringify(summary.json).slice(0, 300)).toBe(200);
    expect(Buffer.from(summary.json.pdfBase64, "base64").subarray(0, 5).toString()).toBe("%PDF-");
    expect(summary.json.send).toEqual({ status: "not_requested" });
  }, 60_000);
});

describe("a bound on one caller's request rate", () => {
  it("the 6th request in a burst gets 429 with Retry-After; another caller is still served; time refills", async () => {
    clock = 1_000_000;
    const token = await issuer.sign({ email: CALLER, aud: AUDIENCE });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 7; i++) {
      const res = await post("sync", goodBody("sync", `rate-${i}-0001`), token);
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(limited!.json.error.code).toBe("RATE_LIMITED");
    expect(Number(limited!.headers.get("retry-after"))).toBe(2);
    counts.rateLimited += 2;
    // The bound is per caller: the other office is not held up.
    const other = await issuer.sign({ email: OTHER, aud: AUDIENCE });
    expect((await post("sync", goodBody("sync", "rate-other-0001"), other)).status).toBe(200);
    // Every function shares the bound.
    expect((await post("rebuildSummaries", goodBody("rebuildSummaries", ""), token)).status).toBe(429);
    clock += 2_000;
    expect((await post("sync", goodBody("sync", "rate-later-0001"), token)).status).toBe(200);
  });
});
