// The monthly summary run on the Firestore emulator and a real SMTP server: the first run of a month
// sends the PDF once to each recipient, a re-run in the same month sends nothing, a month with no
// change sends the short ไม่มีความเปลี่ยนแปลง note (once), and a change sends the new revision. And the
// `summaryReport` function through the Functions Framework's real server: 401, 403, 400 naming the
// field, 200 with the PDF, and its send once per recipient.
import type { Firestore } from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { silentLogger } from "../../../functions/src/adapters/log/logger.ts";
import { createMailer, type Mailer } from "../../../functions/src/adapters/mail/mailer.ts";
import { createPdfRenderer } from "../../../functions/src/adapters/pdf/pdf-renderer.ts";
import { summaryReportPorts } from "../../../functions/src/adapters/summary-report-ports.ts";
import { scheduledSummaryReport, summaryReport } from "../../../functions/src/handlers/summary-report.ts";
import { clearFirestore } from "../support/firestore-emulator.ts";
import { type FunctionServer, startFunctionServer, TEST_AUDIENCE } from "../support/function-server.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.ts";

const host = inject("firestoreHost");
const projectId = inject("firestoreProjectId");
const db: Firestore = createFirestore({ firestoreEmulatorHost: host, projectId });
const renderer = createPdfRenderer();
const RECIPIENTS = ["director@example.go.th", "otop@example.go.th"];
let smtp: TestSmtpServer;
let mailer: Mailer;
let clock = new Date("2026-12-01T01:00:00Z"); // 08:00 on 1 December in Bangkok
let renders = 0;

const ports = () =>
  summaryReportPorts({
    db,
    renderer: async () => {
      renders++;
      return renderer;
    },
    mailer: async () => mailer,
    recipients: RECIPIENTS,
    now: () => clock,
    log: silentLogger,
  });

async function seed(revenue2563: number) {
  const batch = db.batch();
  const product = (id: string, year: number, category: string, district: string, revenueSatang: number) =>
    batch.set(db.collection("products").doc(id), {
      id,
      year,
      category,
      district,
      revenueSatang,
      deleted: false,
      source: { spreadsheetId: "sheet-a", tab: "ผลิตภัณฑ์", row: 2 },
    });
  product("KBO-2562-001", 2562, "textile", "สันกำแพง", 10_000_00);
  product("KBO-2562-002", 2562, "decor", "หางดง", 5_000_00);
  product("KBO-2563-001", 2563, "textile", "สันกำแพง", revenue2563);
  batch.set(db.collection("meetings").doc("MTG-2563-001"), {
    id: "MTG-2563-001",
    number: "1/2563",
    title: "การประชุมคณะกรรมการ KBO",
    date: "2020-01-13",
    attendees: [],
    agenda: [{ meeting: "1/2563", item: "1", subject: "เรื่องที่ประธานแจ้ง", resolution: "ที่ประชุมรับทราบ" }],
    deleted: false,
    source: { spreadsheetId: "sheet-a", tab: "การประชุม", row: 2 },
  });
  await batch.commit();
}

beforeAll(async () => {
  await clearFirestore(host, projectId);
  smtp = await startSmtpServer();
  mailer = createMailer({ smtpUrl: smtp.url, mailFrom: "KBO <kbo@example.org>", outDir: "out" });
  await seed(7_500_00);
});
afterAll(async () => {
  mailer.close();
  await renderer.close();
  await smtp.stop();
  await db.terminate();
});

describe("the monthly summary (Cloud Scheduler, the 1st at 08:00)", () => {
  it("sends once per recipient; a re-run in the same month sends nothing; a month without change sends the note once", async () => {
    const first = await scheduledSummaryReport(ports(), {});
    expect(first!.plan).toEqual({ pdf: RECIPIENTS, note: [], done: [] });
    expect(smtp.envelopes).toEqual([RECIPIENTS]);
    const mail = smtp.messages[0]!;
    expect(mail.subject).toContain("รายงานสรุปผลการดำเนินงาน KBO ประจำปี 2563 เทียบกับปี 2562");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["รายงานสรุปผลการดำเนินงาน KBO ปี 2563.pdf"]);
    expect(mail.text).toContain("ปี 2562 มีผลิตภัณฑ์เข้าร่วม 2 ผลิตภัณฑ์");
    expect(renders).toBe(1);

    // The same month again (a retry, a second trigger): nothing sent, nothing rendered.
    clock = new Date("2026-12-15T03:00:00Z");
    const again = await scheduledSummaryReport(ports(), {});
    expect(again!.plan).toEqual({ pdf: [], note: [], done: RECIPIENTS });
    expect(smtp.messages).toHaveLength(1);
    expect(renders).toBe(1);

    // January, no change: the short note, no PDF, once.
    clock = new Date("2027-01-01T01:00:00Z");
    const note = await scheduledSummaryReport(ports(), {});
    expect(note!.plan).toEqual({ pdf: [], note: RECIPIENTS, done: [] });
    expect(note!.revision).toBe(first!.revision);
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[1]!.subject).toContain("ไม่มีความเปลี่ยนแปลง (มกราคม 2570)");
    expect(smtp.messages[1]!.attachments).toHaveLength(0);
    expect(smtp.messages[1]!.text).toContain("ไม่มีความเปลี่ยนแปลง");
    expect(renders).toBe(1);
    await scheduledSummaryReport(ports(), {});
    expect(smtp.messages).toHaveLength(2);

    // February, after an edit: the new revision's PDF to both.
    await seed(9_000_00);
    clock = new Date("2027-02-01T01:00:00Z");
    const changed = await scheduledSummaryReport(ports(), {});
    expect(changed!.revision).not.toBe(first!.revision);
    expect(changed!.plan.pdf).toEqual(RECIPIENTS);
    expect(smtp.messages).toHaveLength(3);
    expect(smtp.messages[2]!.attachments).toHaveLength(1);
    const docs = await db.collection("reports").get();
    expect(docs.docs.map((d) => d.get("kind")).sort()).toEqual(["note", "summary", "summary"]);
  });

  it("the function's send after the monthly run sends nothing more; one source's summary on its own", async () => {
    const body = { allSources: true, send: true } as const;
    const answer = await summaryReport(ports(), { ...body });
    expect(answer.send).toMatchObject({ status: "sent", failed: [] });
    expect(smtp.messages).toHaveLength(3);
    const one = await summaryReport(ports(), { spreadsheetId: "sheet-a", send: false });
    expect(one).toMatchObject({ year: 2563, basis: "programme", send: { status: "not_requested" } });
    expect(Buffer.from(one.pdfBase64, "base64").subarray(0, 5).toString()).toBe("%PDF-");
    await expect(summaryReport(ports(), { send: false })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("summaryReport over HTTP (the Functions Framework's server, a verified ID token)", () => {
  let fn: FunctionServer;
  let rendered = 0;
  beforeAll(async () => {
    fn = await startFunctionServer("summaryReport", {
      db: () => db,
      now: () => clock,
      pdf: async () => {
        rendered++;
        return renderer;
      },
      mailer: async () => mailer,
      summaryRecipients: RECIPIENTS,
    });
  });
  afterAll(() => fn.close());

  it("401 without a token, 403 for a caller not allowed, 400 naming the bad field; nothing rendered or sent", async () => {
    const mails = smtp.messages.length;
    const anonymous = await fn.post({ allSources: true, send: true }, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe("UNAUTHENTICATED");
    const stranger = await fn.issuer.sign({ email: "stranger@example.org", aud: TEST_AUDIENCE });
    const refused = await fn.post({ allSources: true, send: true }, stranger);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("CALLER_NOT_ALLOWED");
    const bad: [unknown, string][] = [
      [{ allSources: true, year: 1999, send: true }, "year"],
      [{ allSources: true, year: "2563" }, "year"],
      [{ allSources: true, basis: "calendar" }, "basis"],
      [{ allSources: "yes" }, "allSources"],
      [{ spreadsheetId: "", send: true }, "spreadsheetId"],
      [{ send: true }, "spreadsheetId"],
      [{ allSources: true, send: "yes" }, "send"],
    ];
    for (const [body, field] of bad) {
      const res = await fn.post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("BAD_REQUEST");
      expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual([field]);
    }
    expect(rendered).toBe(0);
    expect(smtp.messages).toHaveLength(mails);
  });

  it("200 with the PDF, its revision, year and basis; a send goes to each recipient once however often it is asked", async () => {
    const quiet = await fn.post({ spreadsheetId: "sheet-a", year: 2562, basis: "fiscal" });
    expect(quiet.status, JSON.stringify(quiet.json).slice(0, 300)).toBe(200);
    expect(Buffer.from(quiet.json.pdfBase64, "base64").subarray(0, 5).toString()).toBe("%PDF-");
    expect(quiet.json).toMatchObject({
      year: 2562,
      basis: "fiscal",
      fileName: "รายงานสรุปผลการดำเนินงาน KBO ปีงบประมาณ 2562.pdf",
      revision: expect.stringMatching(/^[0-9a-f]{16}$/),
      send: { status: "not_requested" },
    });

    await seed(9_900_00); // a new revision nobody has had
    const mails = smtp.messages.length;
    const answers = await Promise.all([1, 2].map(() => fn.post({ allSources: true, send: true })));
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.json.revision).toBe(answers[0]!.json.revision);
    }
    const again = await fn.post({ allSources: true, send: true });
    expect(again.json.send).toMatchObject({
      status: "sent",
      failed: [],
      recipients: RECIPIENTS.map((to) => ({ to, status: "sent" })),
    });
    expect(smtp.messages.length - mails).toBe(1);
    expect(smtp.envelopes.at(-1)).toEqual(RECIPIENTS);
  });
});
