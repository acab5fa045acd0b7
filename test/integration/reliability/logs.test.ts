// Structured logs and secrets: with SMTP_URL carrying a password, every function is run over HTTP
// (sync, rebuildSummaries, meetingReport with a send, a forged token) and reconcile as a CloudEvent,
// and everything written (the log sink, stdout, stderr) is captured: JSON lines with `severity`, one
// requestId and trace through every step of a request, and no password or ID token anywhere. The
// real `kbo report --send` against a refusing SMTP server is scanned the same way.
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { createLogger, LOG_SEVERITIES } from "../../../functions/src/adapters/log/logger.ts";
import { createPdfRenderer } from "../../../functions/src/adapters/pdf/pdf-renderer.ts";
import { createSheetsApi } from "../../../functions/src/adapters/sheets/sheets-client.ts";
import { loadConfig } from "../../../functions/src/config.ts";
import { createDeps, registerFunctions } from "../../../functions/src/functions.ts";
import { idTokenVerifier } from "../../../functions/src/handlers/auth.ts";
import { type SheetsApiStandIn, startSheetsApiStandIn } from "../../support/sheets-api-stand-in.ts";
import { startTokenIssuer, type TokenIssuer } from "../support/id-tokens.ts";
import { runKbo } from "../support/kbo-process.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.ts";
import {
  MEETING_HEADER,
  meetingCells,
  PRODUCT_HEADER,
  productCells,
  products,
  writeSyncWorkbook,
} from "../support/sync-fixtures.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers and documents, read only in assertions.
type Json = Record<string, any>;
const SECRET = "S3cr3t-Pa55w0rd-9f2c";
const AUDIENCE = "1234-apps-script.apps.googleusercontent.com";
const CALLER = "staff@example.org";
const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const host = inject("firestoreHost");
const db = createFirestore({ firestoreEmulatorHost: host, projectId: inject("firestoreProjectId") });
const lines: string[] = [];
const written: string[] = [];
const counts = { logLines: 0, capturedBytes: 0, secretsFound: 0 };
let issuer: TokenIssuer;
let standIn: SheetsApiStandIn;
let smtp: TestSmtpServer;
let smtpUrl: string;
let dir: string;
const renderer = createPdfRenderer();
const servers = new Map<string, Server>();
const tokens: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-logs-"));
  issuer = await startTokenIssuer();
  standIn = await startSheetsApiStandIn();
  smtp = await startSmtpServer();
  smtpUrl = smtp.url.replace("smtp://", `smtp://kbo-mailer:${SECRET}@`);
  // Everything the process writes from here on is kept for the scan.
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    vi.spyOn(stream, "write").mockImplementation(((chunk: unknown, ...rest: never[]) => {
      written.push(String(chunk));
      return original(chunk as string, ...rest);
    }) as typeof stream.write);
  }
  const config = loadConfig({
    FIRESTORE_EMULATOR_HOST: host,
    SMTP_URL: smtpUrl,
    ID_TOKEN_AUDIENCE: AUDIENCE,
    ALLOWED_CALLERS: CALLER,
  });
  const deps = createDeps(config);
  registerFunctions({
    ...deps,
    db: () => db,
    verifyCaller: idTokenVerifier({
      audience: AUDIENCE,
      allowedCallers: [CALLER],
      certsUrl: issuer.certsUrl,
    }),
    sheets: () => createSheetsApi({ rootUrl: standIn.rootUrl }),
    pdf: async () => renderer,
    log: createLogger({ sink: (line) => lines.push(line), level: "DEBUG" }),
  });
  for (const name of ["sync", "rebuildSummaries", "meetingReport", "reconcile"]) {
    const server = getTestServer(name);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.set(name, server);
  }
}, 60_000);
afterAll(async () => {
  vi.restoreAllMocks();
  console.log(`[reliability] logs: ${JSON.stringify(counts)}`);
  for (const s of servers.values()) await new Promise((resolve) => s.close(resolve));
  await renderer.close();
  await smtp.stop();
  await standIn.close();
  await issuer.close();
  await db.terminate();
  await rm(dir, { recursive: true, force: true });
});

const urlOf = (name: string) => `http://127.0.0.1:${(servers.get(name)!.address() as AddressInfo).port}/`;

async function post(name: string, body: unknown, token: string, trace = `${TRACE}/1;o=1`) {
  tokens.push(token);
  const res = await fetch(urlOf(name), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
      "x-cloud-trace-context": trace,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

const entries = () => lines.map((l) => JSON.parse(l) as Json);

describe("structured logs", () => {
  it("carry one requestId and trace through every step, and never a password or a token", async () => {
    const token = await issuer.sign({ email: CALLER, aud: AUDIENCE });
    const sheetId = standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์"]);
    const synced = await post(
      "sync",
      {
        spreadsheetId: sheetId,
        tab: "ผลิตภัณฑ์",
        header: PRODUCT_HEADER,
        rows: [0, 1, 2].map((i) => ({ row: i + 2, values: productCells(i) })),
        requestId: "logs-products-0001",
      },
      token,
    );
    expect(synced.status).toBe(200);
    const meeting = await post(
      "sync",
      {
        spreadsheetId: sheetId,
        tab: "การประชุม",
        header: MEETING_HEADER,
        rows: [{ row: 2, values: meetingCells() }],
        requestId: "logs-meeting-0001",
      },
      token,
      "5bf92f3577b34da6a3ce929d0e0e4736/2;o=1",
    );
    expect(meeting.status).toBe(200);
    const rebuilt = await post(
      "rebuildSummaries",
      { spreadsheetId: sheetId },
      token,
      "6bf92f3577b34da6a3ce929d0e0e4736/3",
    );
    expect(rebuilt.status).toBe(200);
    const report = await post(
      "meetingReport",
      { spreadsheetId: sheetId, meeting: "1/2563", send: true },
      token,
      "7bf92f3577b34da6a3ce929d0e0e4736/4",
    );
    expect(report.status, JSON.stringify(report.json).slice(0, 300)).toBe(200);
    const forged = await issuer.signWithStrangerKey({ email: CALLER, aud: AUDIENCE });
    const refusedAnswer = await post("sync", { requestId: "logs-forged-0001" }, forged);
    expect(refusedAnswer.status).toBe(401);
    // The refusal names the reason, never the token itself (google-auth-library quotes it whole).
    expect(JSON.stringify(refusedAnswer.json)).not.toContain(forged.split(".")[2]);
    const event = await fetch(urlOf("reconcile"), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "ce-id": "logs-event-1",
        "ce-specversion": "1.0",
        "ce-type": "google.cloud.pubsub.topic.v1.messagePublished",
        "ce-source": "//pubsub.googleapis.com/projects/demo-kbo-records/topics/kbo-reconcile",
      },
      body: JSON.stringify({
        message: { data: Buffer.from(JSON.stringify({ spreadsheetIds: [sheetId] })).toString("base64") },
      }),
    });
    expect(event.status).toBeLessThan(300);

    // Every line is a Cloud Logging entry.
    const all = entries();
    counts.logLines = all.length;
    for (const e of all) {
      expect(LOG_SEVERITIES).toContain(e.severity);
      expect(typeof e.message).toBe("string");
      expect(typeof e.requestId).toBe("string");
    }
    // One requestId (the body's) and the platform's trace through every step of a sync.
    const productSteps = all.filter((e) => e.requestId === "logs-products-0001");
    expect(productSteps.map((e) => e.message)).toEqual([
      "request received",
      "sync: validated",
      "sync: mirrored",
      "request answered",
    ]);
    for (const e of productSteps) {
      expect(e["logging.googleapis.com/trace"]).toBe(`projects/demo-kbo-records/traces/${TRACE}`);
      expect(e.function).toBe("sync");
    }
    // Without a body requestId, the trace id is the request's id.
    const rebuild = all
      .filter((e) => e.requestId === "6bf92f3577b34da6a3ce929d0e0e4736")
      .map((e) => e.message);
    expect(rebuild).toEqual([
      "request received",
      "rebuildSummaries: read from Firestore",
      "rebuildSummaries: tabs written",
      "request answered",
    ]);
    const reportSteps = all
      .filter((e) => e.requestId === "7bf92f3577b34da6a3ce929d0e0e4736")
      .map((e) => e.message);
    expect(reportSteps).toEqual([
      "request received",
      "meetingReport: rendered",
      "meetingReport: send",
      "request answered",
    ]);
    const refused = all.find((e) => e.requestId === "logs-forged-0001");
    expect(refused).toMatchObject({
      severity: "WARNING",
      message: "request refused",
      status: 401,
      code: "INVALID_TOKEN",
    });
    const reconcileSteps = all.filter((e) => e.requestId === "reconcile-logs-event-1").map((e) => e.message);
    expect(reconcileSteps).toEqual([
      "reconcile: started",
      "reconcile: source compared",
      "reconcile: finished",
    ]);

    // The configuration was logged once at start-up, redacted.
    const captured = [...lines, ...written].join("\n");
    counts.capturedBytes = captured.length;
    const configLine = written
      .join("")
      .split("\n")
      .find((l) => l.includes('"configuration loaded"'));
    expect(configLine).toBeDefined();
    expect(JSON.parse(configLine!).config.smtpUrl).toBe(smtpUrl.replace(SECRET, "***"));
    // No password and no ID token, anywhere.
    counts.secretsFound = captured.split(SECRET).length - 1;
    expect(counts.secretsFound).toBe(0);
    for (const t of tokens) expect(captured).not.toContain(t.split(".")[2]);
  }, 60_000);

  it("kbo report --send with a refusing SMTP server prints no password", async () => {
    const file = join(dir, "report.xlsx");
    await writeSyncWorkbook(file, products(2), true);
    smtp.refuseAll(true);
    const run = await runKbo(["report", file, "--meeting", "1/2563", "--send"], {
      cwd: dir,
      env: { ...process.env, FIRESTORE_EMULATOR_HOST: host, GOOGLE_CLOUD_PROJECT: "", SMTP_URL: smtpUrl },
    });
    smtp.refuseAll(false);
    expect(run.stdout + run.stderr).toMatch(/failed|ล้มเหลว|451|pending/i);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  }, 60_000);
});
