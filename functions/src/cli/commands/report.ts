// `kbo report FILE.xlsx --meeting N/BBBB [--out F.pdf] [--send] [--thai-digits]`: renders the
// meeting's form-11 PDF from the workbook; `--send` mails it once per revision through the outbox.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import type { SendStatus } from "../../adapters/firestore/outbox.ts";
import { reportRevision, sendReportOnce } from "../../adapters/firestore/report-outbox.ts";
import { createMailer } from "../../adapters/mail/mailer.ts";
import { createPdfRenderer } from "../../adapters/pdf/pdf-renderer.ts";
import { AppError } from "../../app-error.ts";
import { type Config, loadConfig } from "../../config.ts";
import type { Issue } from "../../domain/issues.ts";
import type { MeetingWithDetails } from "../../domain/records.ts";
import { buildReportModel, type ReportModel } from "../../domain/report-model.ts";
import type { WorkbookValidation } from "../../domain/validate-workbook.ts";
import { type CliIo, EXIT } from "../io.ts";
import { openFirestore } from "../open-firestore.ts";
import { resolvePath } from "../paths.ts";
import { validateFile } from "./validate.ts";

/** The meeting and its valid attendee and agenda rows; invalid rows are left out (validate shows them). */
export function meetingFromValidation(v: WorkbookValidation, number: string): MeetingWithDetails {
  const meeting = v.meetings.find((r) => r.valid && r.record?.number === number)?.record;
  if (!meeting) {
    const known = v.meetings.flatMap((r) => (r.valid && r.record ? [r.record.number] : []));
    throw new AppError(
      "MEETING_NOT_FOUND",
      `ไม่พบการประชุมครั้งที่ ${number} ที่ถูกต้องในไฟล์ / no valid meeting ${number} in the workbook (found: ${known.join(", ") || "none"})`,
    );
  }
  const valid = <T extends { meeting: string }>(rows: { valid: boolean; record?: T }[]) =>
    rows.flatMap((r) => (r.valid && r.record && r.record.meeting === number ? [r.record] : []));
  return { meeting, attendees: valid(v.attendees), agenda: valid(v.agenda) };
}

/** The recipients cell's bad addresses of the meeting's row: never sent to, named at --send. */
export function badRecipients(v: WorkbookValidation, number: string): Issue[] {
  const row = v.meetings.find((r) => r.valid && r.record?.number === number);
  return (row?.issues ?? []).filter((i) => i.field === "recipients" && i.code === "EMAIL_INVALID");
}

/** Each recipient's outcome, one line each: who got it now, who had it, who did not and why. */
export function formatSendStatus(s: SendStatus, bad: Issue[] = []): string[] {
  const lines: string[] = [];
  const now = s.recipients.filter((r) => r.delivered).map((r) => r.to);
  const before = s.recipients.filter((r) => r.status === "sent" && !r.delivered).map((r) => r.to);
  const waiting = s.recipients
    .filter((r) => r.status === "pending" || r.status === "sending")
    .map((r) => r.to);
  if (now.length) lines.push(`  ✓ ส่งแล้ว / sent: ${now.join(", ")}`);
  if (before.length)
    lines.push(`  = ได้รับฉบับนี้ไปก่อนแล้ว ไม่ส่งซ้ำ / already had this revision: ${before.join(", ")}`);
  if (waiting.length)
    lines.push(`  … กำลังส่งโดยอีกกระบวนการ / being sent by another process: ${waiting.join(", ")}`);
  for (const r of s.recipients.filter((x) => x.status === "failed")) {
    const later = r.nextAttemptAt
      ? `; ลองใหม่ได้หลัง / next attempt after ${r.nextAttemptAt.toLocaleTimeString("en-GB", { timeZone: "Asia/Bangkok" })}`
      : "";
    lines.push(`  ✗ ส่งไม่ถึง / not delivered: ${r.to} (${r.error ?? "failed"}${later})`);
  }
  for (const i of bad) lines.push(`  ✗ ${i.column}${i.row}: ${i.message_th} / ${i.message_en}`);
  if (s.failed.length > 0) {
    lines.push(
      "  → แก้ไขแล้วสั่ง --send อีกครั้ง ระบบจะส่งเฉพาะผู้ที่ยังไม่ได้รับ / fix and run --send again: only those who did not get it are sent to",
    );
  }
  return lines;
}

async function sendThroughOutbox(config: Config, io: CliIo, model: ReportModel, pdf: Uint8Array) {
  const { db, close } = await openFirestore(io);
  const mailer = createMailer({ ...config, outDir: resolvePath(io, config.outDir) });
  try {
    return await sendReportOnce(
      { db, mailer, options: { now: io.now, sleep: io.sleep } },
      { model, pdf, revision: reportRevision(model) },
    );
  } finally {
    mailer.close();
    await close();
  }
}

export function registerReportCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("report")
    .description("สร้างรายงานการประชุมเป็น PDF / render a meeting's report as PDF")
    .argument("<file>", "the .xlsx workbook")
    .requiredOption("--meeting <number>", "the meeting number, e.g. 1/2563")
    .option("--out <file>", "where to write the PDF (default: out/<Thai file name>)")
    .option("--send", "e-mail it to the meeting's recipients (once per report revision)")
    .option("--thai-digits", "write the report's own numbers in Thai digits")
    .action(
      async (
        file: string,
        options: { meeting: string; out?: string; send?: boolean; thaiDigits?: boolean },
      ) => {
        const config = loadConfig(io.env);
        const { validation } = await validateFile(file, io);
        const model = buildReportModel(
          meetingFromValidation(validation, options.meeting.trim()),
          options.thaiDigits ? { digits: "thai" } : {},
        );
        const renderer =
          io.pdfRenderer ??
          createPdfRenderer(config.chromiumPath ? { chromiumPath: config.chromiumPath } : {});
        let pdf: Uint8Array;
        try {
          pdf = await renderer.renderReport(model);
        } finally {
          if (renderer !== io.pdfRenderer) await renderer.close();
        }
        const out = resolvePath(io, options.out ?? join(config.outDir, model.fileName));
        await mkdir(dirname(out), { recursive: true });
        await writeFile(out, pdf);
        io.stdout(`เขียนรายงานแล้ว / wrote ${out} (${pdf.length} bytes, revision ${reportRevision(model)})`);
        if (options.send) {
          const bad = badRecipients(validation, model.meetingNumber);
          if (model.recipients.length === 0) {
            const named = bad.length
              ? `: ${bad.map((i) => `${i.column}${i.row} ${i.message_en}`).join("; ")}`
              : "";
            throw new AppError(
              "MAIL_NO_RECIPIENTS",
              `ไม่มีผู้รับรายงานที่ใช้ได้ (PDF เขียนแล้ว) / no usable recipient, the PDF was written${named}`,
            );
          }
          const s = await sendThroughOutbox(config, io, model, pdf);
          const what = s.delivered
            ? "ส่งแล้ว / sent"
            : s.status === "sent"
              ? "ส่งไปก่อนแล้ว / already sent"
              : s.status;
          io.stdout(`อีเมล / e-mail: ${what} ${s.messageId}`);
          for (const line of formatSendStatus(s, bad)) io.stdout(line);
          if (s.status !== "sent" || bad.length > 0) setExit(EXIT.unusableInput);
        }
      },
    );
}
