// `kbo summary-report FILE.xlsx | --all-sources [--year N | --fiscal N] [--out F.pdf] [--send]`: the
// programme summary for managers (a year against the one before, with charts) from what Firestore
// holds of the workbook (or of every source), as the summaryReport function makes it; `--send` mails it
// to SUMMARY_RECIPIENTS once per revision per recipient.
import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Command } from "commander";
import { silentLogger } from "../../adapters/log/logger.ts";
import { createMailer } from "../../adapters/mail/mailer.ts";
import { createPdfRenderer, type PdfRenderer } from "../../adapters/pdf/pdf-renderer.ts";
import { summaryReportPorts } from "../../adapters/summary-report-ports.ts";
import { readMetaOfFile } from "../../adapters/workbook/workbook-identity.ts";
import { AppError } from "../../app-error.ts";
import { loadConfig } from "../../config.ts";
import { type SummaryScope, scopeName, summaryModel } from "../../handlers/summary-report.ts";
import { type CliIo, EXIT } from "../io.ts";
import { openFirestore } from "../open-firestore.ts";
import { resolvePath } from "../paths.ts";
import { formatSendStatus } from "./report.ts";

interface Options {
  allSources?: boolean;
  year?: string;
  fiscal?: string;
  out?: string;
  send?: boolean;
}

const yearOf = (text: string, flag: string): number => {
  const year = Number(text);
  if (!Number.isInteger(year) || year < 2544 || year > 2700) {
    throw new AppError(
      "USAGE",
      `${flag} ต้องเป็นปี พ.ศ. เช่น 2563 / ${flag} takes a BE year, e.g. 2563 (got "${text}")`,
    );
  }
  return year;
};

export function registerSummaryReportCommand(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  program
    .command("summary-report")
    .description(
      "รายงานสรุปผลการดำเนินงานพร้อมแผนภูมิสำหรับผู้บริหาร / the programme summary with charts for managers",
    )
    .argument("[file]", "the .xlsx workbook (synced with `kbo sync` first)")
    .option("--all-sources", "every source together (the province view) instead of one workbook")
    .option("--year <year>", "the BE year (default: the latest with products, not after this year)")
    .option("--fiscal <year>", "the Thai fiscal year (October–September) for the meetings")
    .option("--out <file>", "where to write the PDF (default: out/<Thai file name>)")
    .option("--send", "e-mail it to SUMMARY_RECIPIENTS (once per revision per recipient)")
    .action(async (file: string | undefined, options: Options) => {
      if ((file === undefined) === !options.allSources) {
        throw new AppError(
          "USAGE",
          "ระบุไฟล์ หรือ --all-sources อย่างใดอย่างหนึ่ง / give either FILE.xlsx or --all-sources",
        );
      }
      if (options.year && options.fiscal) {
        throw new AppError("USAGE", "--year หรือ --fiscal อย่างใดอย่างหนึ่ง / give --year or --fiscal, not both");
      }
      const config = loadConfig(io.env);
      let spreadsheetId: string | undefined;
      if (file !== undefined) {
        spreadsheetId = (await readMetaOfFile(resolvePath(io, file))).spreadsheetId;
        if (!spreadsheetId) {
          throw new AppError(
            "WORKBOOK_NOT_SYNCED",
            `ไฟล์นี้ยังไม่เคยบันทึกลง Firestore: ใช้ kbo sync ${file} ก่อน / ${file} was never synced: run kbo sync ${file} first`,
          );
        }
      }
      const scope: SummaryScope = {
        ...(spreadsheetId ? { spreadsheetId } : {}),
        basis: options.fiscal ? "fiscal" : "programme",
      };
      const year = options.fiscal
        ? yearOf(options.fiscal, "--fiscal")
        : options.year
          ? yearOf(options.year, "--year")
          : undefined;
      const { db, close } = await openFirestore(io);
      let renderer: PdfRenderer | undefined;
      const mailer = createMailer({ ...config, outDir: resolvePath(io, config.outDir) });
      try {
        const ports = summaryReportPorts({
          db,
          renderer: async () => {
            renderer ??= createPdfRenderer(config.chromiumPath ? { chromiumPath: config.chromiumPath } : {});
            return renderer;
          },
          mailer: async () => mailer,
          recipients: config.summaryRecipients,
          now: io.now,
          log: silentLogger,
        });
        const model = await summaryModel(ports, scope, year, scopeName(scope, file && basename(file)));
        const pdf = await ports.renderPdf(model);
        const out = resolvePath(io, options.out ?? join(config.outDir, model.fileName));
        await mkdir(dirname(out), { recursive: true });
        await writeFile(out, pdf);
        io.stdout(
          `เขียนรายงานสรุปแล้ว / wrote ${out} (${pdf.length} bytes, ${model.period}, revision ${ports.revisionOf(model)})`,
        );
        for (const h of model.headlines) io.stdout(`  ${h}`);
        if (options.send) {
          if (config.summaryRecipients.length === 0) {
            throw new AppError(
              "MAIL_NO_RECIPIENTS",
              "ยังไม่ได้ตั้งผู้รับรายงานสรุป SUMMARY_RECIPIENTS (PDF เขียนแล้ว) / SUMMARY_RECIPIENTS is not set; the PDF was written",
            );
          }
          const s = await ports.send({ model, scope, pdf: async () => pdf });
          io.stdout(
            `อีเมล / e-mail: ${s.delivered ? "ส่งแล้ว / sent" : s.status === "sent" ? "ส่งไปก่อนแล้ว / already sent" : s.status} ${s.messageId}`,
          );
          for (const line of formatSendStatus(s)) io.stdout(line);
          if (s.status !== "sent") setExit(EXIT.unusableInput);
        }
      } finally {
        mailer.close();
        await renderer?.close();
        await close();
      }
    });
}
