// `kbo report FILE.xlsx --meeting N/BBBB [--out F.pdf] [--send] [--thai-digits]`: renders the
// meeting's form-11 PDF from the workbook; `--send` mails it once per revision through the outbox.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { reportRevision, sendReportOnce } from "../../adapters/firestore/report-outbox.ts";
import { createMailer } from "../../adapters/mail/mailer.ts";
import { createPdfRenderer } from "../../adapters/pdf/pdf-renderer.ts";
import { AppError } from "../../app-error.ts";
import { type Config, loadConfig } from "../../config.ts";
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

async function sendThroughOutbox(config: Config, io: CliIo, model: ReportModel, pdf: Uint8Array) {
  const { db, close } = await openFirestore(io);
  const mailer = createMailer({ ...config, outDir: resolvePath(io, config.outDir) });
  try {
    return await sendReportOnce({ db, mailer }, { model, pdf, revision: reportRevision(model) });
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
        const renderer = createPdfRenderer(config.chromiumPath ? { chromiumPath: config.chromiumPath } : {});
        let pdf: Uint8Array;
        try {
          pdf = await renderer.renderReport(model);
        } finally {
          await renderer.close();
        }
        const out = resolvePath(io, options.out ?? join(config.outDir, model.fileName));
        await mkdir(dirname(out), { recursive: true });
        await writeFile(out, pdf);
        io.stdout(`เขียนรายงานแล้ว / wrote ${out} (${pdf.length} bytes, revision ${reportRevision(model)})`);
        if (options.send) {
          const s = await sendThroughOutbox(config, io, model, pdf);
          const what = s.delivered
            ? "ส่งแล้ว / sent"
            : s.status === "sent"
              ? "ส่งไปก่อนแล้ว / already sent"
              : s.status;
          io.stdout(`อีเมล / e-mail: ${what} ${s.messageId ?? ""}${s.error ? ` (${s.error})` : ""}`.trim());
          if (s.status !== "sent") setExit(EXIT.unusableInput);
        }
      },
    );
}
