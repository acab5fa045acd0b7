// The `meetingReport` function through the Functions Framework's real server: the seed's meeting
// mirrored into the emulator, rendered by real Chromium and e-mailed through a real SMTP server, once.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { mirror } from "../../../functions/src/adapters/firestore/mirror.ts";
import { createMailer } from "../../../functions/src/adapters/mail/mailer.ts";
import { createPdfRenderer } from "../../../functions/src/adapters/pdf/pdf-renderer.ts";
import { readWorkbook } from "../../../functions/src/adapters/workbook/read-workbook.ts";
import { DEFAULT_MAIL_FROM } from "../../../functions/src/config.ts";
import { knownTabs, validateWorkbook } from "../../../functions/src/domain/validate-workbook.ts";
import { type FunctionServer, startFunctionServer } from "../support/function-server.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.ts";

const SHEET = "sheet-report-test";
const db = createFirestore({
  firestoreEmulatorHost: inject("firestoreHost"),
  projectId: inject("firestoreProjectId"),
});
const renderer = createPdfRenderer();
let fn: FunctionServer;
let smtp: TestSmtpServer;

beforeAll(async () => {
  const wb = await readWorkbook("examples/kbo-sample.xlsx");
  const validation = validateWorkbook(wb, { today: "2020-01-13" });
  await mirror(db, {
    spreadsheetId: SHEET,
    validation,
    read: knownTabs(wb),
    actor: "test",
    now: new Date(),
  });
  smtp = await startSmtpServer();
  const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: DEFAULT_MAIL_FROM, outDir: "out" });
  fn = await startFunctionServer("meetingReport", {
    db: () => db,
    now: () => new Date(),
    pdf: async () => renderer,
    mailer: async () => mailer,
  });
});
afterAll(async () => {
  await fn.close();
  await renderer.close();
  await smtp.stop();
  await db.terminate();
});

const post = (body: unknown, bearer: string | null = fn.token) => fn.post(body, bearer);

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
