// The report e-mail over real SMTP (smtp-server on 127.0.0.1) and as an .eml file, parsed back with
// mailparser: Thai subject and file name decoded, body naming the meeting, PDF bytes identical.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer } from "../../../../functions/src/adapters/mail/mailer.ts";
import { buildReportMessage } from "../../../../functions/src/adapters/mail/report-message.ts";
import { createPdfRenderer } from "../../../../functions/src/adapters/pdf/pdf-renderer.ts";
import { buildReportModel } from "../../../../functions/src/domain/report-model.ts";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server.ts";
import { seedMeeting } from "../pdf/sample-meeting.ts";

const model = buildReportModel(seedMeeting());
let pdf: Uint8Array;
let smtp: TestSmtpServer;
let outDir: string;

beforeAll(async () => {
  const renderer = createPdfRenderer();
  pdf = await renderer.renderReport(model);
  await renderer.close();
  smtp = await startSmtpServer();
  outDir = await mkdtemp(join(tmpdir(), "kbo-mail-"));
});
afterAll(async () => {
  await smtp.stop();
  await rm(outDir, { recursive: true, force: true });
});

function expectReportMail(mail: Awaited<ReturnType<typeof simpleParser>>) {
  expect(mail.subject).toBe(
    "รายงานการประชุม คณะกรรมการเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) จังหวัดเชียงใหม่ ครั้งที่ 1/2563",
  );
  expect(mail.text).toContain("ครั้งที่ 1/2563");
  expect(mail.text).toContain("เมื่อวันจันทร์ที่ 13 มกราคม 2563");
  expect(mail.text).toContain("คณะกรรมการเครือข่ายองค์ความรู้");
  expect(mail.messageId).toBe("<report.1-2563.0123456789abcdef@kbo-records>");
  expect(mail.attachments).toHaveLength(1);
  const [attachment] = mail.attachments;
  expect(attachment!.filename).toBe("รายงานการประชุม ครั้งที่ 1-2563.pdf");
  expect(attachment!.contentType).toBe("application/pdf");
  expect(Buffer.compare(attachment!.content, Buffer.from(pdf))).toBe(0);
}

describe("mailer", () => {
  const message = () => buildReportMessage(model, "0123456789abcdef", pdf);

  it("sends over SMTP to the meeting's recipients", async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: "KBO <kbo@example.org>", outDir });
    await mailer.send(message());
    mailer.close();
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expectReportMail(mail);
    const to = Array.isArray(mail.to) ? mail.to : [mail.to!];
    expect(to.flatMap((t) => t.value.map((v) => v.address))).toEqual([
      "manager@example.org",
      "otop@example.org",
    ]);
  });

  it("writes an .eml file under out/mail without SMTP_URL", async () => {
    const mailer = createMailer({ mailFrom: "KBO <kbo@example.org>", outDir });
    const sent = await mailer.send(message());
    expect(sent.path).toBe(join(outDir, "mail", "report.1-2563.0123456789abcdef_kbo-records.eml"));
    expect(await readdir(join(outDir, "mail"))).toHaveLength(1);
    expectReportMail(await simpleParser(await readFile(sent.path!)));
  });

  it("refuses a meeting without recipients", async () => {
    const mailer = createMailer({ mailFrom: "k@example.org", outDir });
    await expect(mailer.send({ ...message(), to: [] })).rejects.toMatchObject({ code: "MAIL_NO_RECIPIENTS" });
  });

  it("reports an SMTP refusal as MAIL_SEND_FAILED", async () => {
    smtp.refuseNext(1);
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: "k@example.org", outDir });
    await expect(mailer.send(message())).rejects.toMatchObject({ code: "MAIL_SEND_FAILED" });
    mailer.close();
  });
});
