// The `meetingReport` function through the Functions Framework's real server: the seed's meeting
// mirrored into the emulator, rendered by real Chromium and e-mailed through a real SMTP server, once.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { mirrorWorkbook } from "../../../functions/src/adapters/firestore/mirror-workbook.ts";
import { createMailer } from "../../../functions/src/adapters/mail/mailer.ts";
import { createPdfRenderer } from "../../../functions/src/adapters/pdf/pdf-renderer.ts";
import { readWorkbook } from "../../../functions/src/adapters/workbook/read-workbook.ts";
import { DEFAULT_MAIL_FROM } from "../../../functions/src/config.ts";
import { knownTabs, validateWorkbook } from "../../../functions/src/domain/validate-workbook.ts";
import { registerFunctions } from "../../../functions/src/functions.ts";
import { idTokenVerifier } from "../../../functions/src/handlers/auth.ts";
import { startTokenIssuer, type TokenIssuer } from "../support/id-tokens.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.ts";

const AUDIENCE = "1234-apps-script.apps.googleusercontent.com";
const CALLER = "staff@example.org";
const SHEET = "sheet-report-test";
const db = createFirestore({
  firestoreEmulatorHost: inject("firestoreHost"),
  projectId: inject("firestoreProjectId"),
});
const renderer = createPdfRenderer();
let issuer: TokenIssuer;
let smtp: TestSmtpServer;
let server: Server;
let url: string;
let token: string;

beforeAll(async () => {
  const wb = await readWorkbook("examples/kbo-sample.xlsx");
  const validation = validateWorkbook(wb, { today: "2020-01-13" });
  await mirrorWorkbook(db, {
    spreadsheetId: SHEET,
    validation,
    tabs: knownTabs(wb),
    actor: "test",
    now: new Date(),
  });
  issuer = await startTokenIssuer();
  smtp = await startSmtpServer();
  const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: DEFAULT_MAIL_FROM, outDir: "out" });
  registerFunctions({
    db: () => db,
    verifyCaller: idTokenVerifier({
      audience: AUDIENCE,
      allowedCallers: [CALLER],
      certsUrl: issuer.certsUrl,
    }),
    now: () => new Date(),
    pdf: async () => renderer,
    mailer: async () => mailer,
  });
  server = getTestServer("meetingReport");
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  token = await issuer.sign({ email: CALLER, aud: AUDIENCE });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await renderer.close();
  await smtp.stop();
  await issuer.close();
  await db.terminate();
});

async function post(body: unknown, bearer: string | null = token) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

describe("meetingReport over HTTP", () => {
  it("returns the PDF of a mirrored meeting and e-mails it once however often it is asked", async () => {
    const first = await post({ spreadsheetId: SHEET, meeting: "1/2563", send: true });
    expect(first.status).toBe(200);
    const pdf = Buffer.from(first.json.pdfBase64, "base64");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(first.json.send).toMatchObject({
      status: "sent",
      messageId: expect.stringMatching(/^<report\.1-2563\./),
    });
    const again = await Promise.all(
      [1, 2, 3].map(() => post({ spreadsheetId: SHEET, meeting: "1/2563", send: true })),
    );
    for (const r of again) {
      expect(r.status).toBe(200);
      expect(r.json.revision).toBe(first.json.revision);
      expect(r.json.send.status).toBe("sent");
    }
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.subject).toContain("1/2563");
    expect(Buffer.compare(smtp.messages[0]!.attachments[0]!.content, pdf)).toBe(0);
  });

  it("renders without sending when not asked, 404s an unknown meeting, 401s without a token", async () => {
    const quiet = await post({ spreadsheetId: SHEET, meeting: "1/2563" });
    expect(quiet.json.send).toEqual({ status: "not_requested" });
    expect((await post({ spreadsheetId: SHEET, meeting: "9/2563" })).status).toBe(404);
    expect((await post({ spreadsheetId: SHEET, meeting: "1/2563" }, null)).status).toBe(401);
    expect((await post({ spreadsheetId: SHEET, meeting: "1-2563" })).status).toBe(400);
  });
});
