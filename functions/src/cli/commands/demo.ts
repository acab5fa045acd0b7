// `kbo demo` (what `npm start` runs): the whole flow on the sample workbook with the embedded defaults:
// Firestore, validate, sync, summaries, the PDF of meeting 1/2563 and its e-mail, the programme summary
// report with its charts, outputs under out/.
// A missing system piece (Java, Chromium) is named with the command that installs it; the rest still runs.
import { copyFile, mkdir, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { readMeetingAgendas } from "../../adapters/firestore/read-meeting-agendas.ts";
import { readSummaries } from "../../adapters/firestore/read-summaries.ts";
import { reportRevision, sendReportOnce } from "../../adapters/firestore/report-outbox.ts";
import { createMailer } from "../../adapters/mail/mailer.ts";
import { type ChromiumChoice, chooseChromium } from "../../adapters/pdf/find-chromium.ts";
import { documentFonts } from "../../adapters/pdf/fonts.ts";
import { createPdfRenderer } from "../../adapters/pdf/pdf-renderer.ts";
import { renderSummaryCharts, summaryReportDocument } from "../../adapters/pdf/summary-report-html.ts";
import { writeSummariesToWorkbook } from "../../adapters/workbook/write-summaries.ts";
import { isAppError } from "../../app-error.ts";
import { loadConfig } from "../../config.ts";
import { buildReportModel } from "../../domain/report-model.ts";
import { type Summaries, summarise } from "../../domain/summaries.ts";
import { buildSummaryTables } from "../../domain/summaries-tables.ts";
import {
  buildSummaryReportModel,
  type MeetingForSummary,
  summaryFigures,
} from "../../domain/summary-report-model.ts";
import { bangkokDate } from "../../domain/thai-date.ts";
import { formatValidation } from "../format-validation.ts";
import { type CliIo, EXIT } from "../io.ts";
import { type OpenFirestore, openFirestore } from "../open-firestore.ts";
import { resolvePath } from "../paths.ts";
import { meetingFromValidation } from "./report.ts";
import { formatSummaries } from "./summarize.ts";
import { formatSync, syncFile } from "./sync.ts";
import { validateFile } from "./validate.ts";

export const SAMPLE_WORKBOOK = fileURLToPath(
  new URL("../../../../examples/kbo-sample.xlsx", import.meta.url),
);
export const DEMO_MEETING = "1/2563";
const STEPS = 7;

const INSTALL = {
  java: "sudo apt-get install -y openjdk-17-jre-headless",
  emulator: "sudo apt-get install -y google-cloud-cli-firestore-emulator   (Google Cloud SDK apt repository)",
  chromium: "sudo apt-get install -y chromium",
} as const;

const indent = (text: string) =>
  text
    .split("\n")
    .map((l) => `      ${l}`)
    .join("\n");

/** Why the local Firestore could not start, and the one command that fixes it. */
function firestoreAdvice(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/java|ENOENT.*java|spawn java/i.test(message))
    return `Java ไม่ได้ติดตั้ง / Java is missing: ${INSTALL.java}`;
  if (isAppError(e) && e.code === "EMULATOR_NOT_FOUND") return `${message}\n      → ${INSTALL.emulator}`;
  return `${message}\n      → ${INSTALL.java}\n      → ${INSTALL.emulator}`;
}

export async function runDemo(io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  const out = resolvePath(io, config.outDir);
  const show = (p: string) => relative(io.cwd, p) || p;
  const outputs: string[] = [];
  const skipped: string[] = [];
  let step = 0;
  const begin = (th: string, en: string) => io.stdout(`\n[${++step}/${STEPS}] ${th} / ${en}`);

  io.stdout("KBO records · สาธิตการทำงานทั้งหมดกับสมุดงานตัวอย่าง / the whole flow on the sample workbook");

  begin("คัดลอกสมุดงานตัวอย่าง", "copying the sample workbook");
  await mkdir(out, { recursive: true });
  const workbook = join(out, "kbo-sample.xlsx");
  const existing = await stat(workbook).catch(() => undefined);
  if (existing) {
    io.stdout(`      ใช้ไฟล์เดิม (รหัสและผลตรวจสอบจากครั้งก่อน) / reusing ${show(workbook)} from the last run`);
  } else {
    await copyFile(SAMPLE_WORKBOOK, workbook);
    io.stdout(`      ${show(SAMPLE_WORKBOOK)} → ${show(workbook)}`);
  }
  outputs.push(
    `สมุดงาน (รหัส ผลตรวจสอบ แท็บสรุป) / workbook with ids, checks and summary tabs: ${show(workbook)}`,
  );

  begin("ตรวจสอบข้อมูล", "validating (what staff would see)");
  const { validation } = await validateFile(workbook, io);
  io.stdout(indent(formatValidation(validation, show(workbook))));

  begin("เริ่ม Firestore", "starting Firestore");
  let firestore: OpenFirestore | undefined;
  try {
    firestore = await openFirestore(io);
    io.stdout(`      ✓ ${firestore.where}`);
  } catch (e) {
    io.stdout(`      ✗ ${firestoreAdvice(e)}`);
    skipped.push("ซิงค์และส่งอีเมลผ่าน outbox / sync and the e-mail outbox (no Firestore)");
  }

  // What the summary report is made of: the summary tabs' figures and the meetings' resolutions.
  let summaryInput: { summaries: Summaries; meetings: MeetingForSummary[] } | undefined;
  try {
    begin("ซิงค์ลง Firestore และสร้างแท็บสรุป", "syncing to Firestore and rebuilding the summary tabs");
    if (firestore) {
      const synced = await syncFile(workbook, io, firestore.db);
      io.stdout(indent(formatSync(synced, show(workbook))));
      const { summaries } = await readSummaries(firestore.db, { spreadsheetId: synced.spreadsheetId });
      summaryInput = { summaries, meetings: await readMeetingAgendas(firestore.db, synced.spreadsheetId) };
      await writeSummariesToWorkbook(workbook, buildSummaryTables(summaries));
      io.stdout(indent(formatSummaries(summaries, show(workbook))));
    } else {
      // Without Firestore the summaries come from the validated rows themselves.
      const meetings = validation.meetings.flatMap((r) =>
        r.record
          ? [{ ...r.record, attendees: meetingFromValidation(validation, r.record.number).attendees }]
          : [],
      );
      const summaries = summarise(
        validation.products.flatMap((r) => (r.record ? [r.record] : [])),
        meetings,
      );
      summaryInput = {
        summaries,
        meetings: meetings.map((m) => ({ ...m, agenda: meetingFromValidation(validation, m.number).agenda })),
      };
      await writeSummariesToWorkbook(workbook, buildSummaryTables(summaries));
      io.stdout(
        indent(`(ไม่มี Firestore: สรุปจากแถวที่ถูกต้องในไฟล์ / no Firestore: summarised from the file's valid rows)`),
      );
      io.stdout(indent(formatSummaries(summaries, show(workbook))));
    }

    begin(
      `สร้างรายงานการประชุมครั้งที่ ${DEMO_MEETING} และส่งอีเมล`,
      `rendering meeting ${DEMO_MEETING}'s report and e-mailing it`,
    );
    let chromium: ChromiumChoice | undefined;
    try {
      // Without a system Chromium, @sparticuz/chromium (a dependency) is unpacked once (about 2 s).
      chromium = await chooseChromium(config.chromiumPath);
    } catch (e) {
      io.stdout(`      ✗ ${e instanceof Error ? e.message : String(e)}\n      → ${INSTALL.chromium}`);
      skipped.push("รายงาน PDF และอีเมล / the PDF report and its e-mail (no Chromium)");
    }
    if (chromium) {
      const model = buildReportModel(meetingFromValidation(validation, DEMO_MEETING));
      const choice = chromium;
      // One browser for both documents.
      const renderer = createPdfRenderer({ chromium: async () => choice });
      try {
        const pdf = await renderer.renderReport(model);
        const pdfPath = join(out, model.fileName);
        await writeFile(pdfPath, pdf);
        io.stdout(
          `      ✓ PDF ${show(pdfPath)} (${Math.round(pdf.length / 1024)} KB, ${choice.label}, ${documentFonts().primary})`,
        );
        outputs.push(`รายงานการประชุม PDF / meeting report: ${show(pdfPath)}`);
        if (firestore) {
          const mailer = createMailer({ ...config, outDir: out });
          try {
            const sent = await sendReportOnce(
              { db: firestore.db, mailer },
              { model, pdf, revision: reportRevision(model) },
            );
            const where = config.smtpUrl ? "SMTP" : show(join(out, "mail"));
            io.stdout(
              sent.delivered
                ? `      ✓ ส่งอีเมลแล้ว / e-mailed (${where}) ${sent.messageId}`
                : `      = ฉบับนี้ส่งไปแล้ว ไม่ส่งซ้ำ / this revision was already sent, not sent again (${sent.status})`,
            );
            outputs.push(
              config.smtpUrl
                ? `อีเมล / e-mail: sent through SMTP_URL`
                : `อีเมล (.eml เพราะไม่ได้ตั้ง SMTP_URL) / e-mail as .eml (SMTP_URL unset): ${where}/`,
            );
          } finally {
            mailer.close();
          }
        }

        begin("สร้างรายงานสรุปผลการดำเนินงานพร้อมแผนภูมิ", "rendering the programme summary with its charts");
        if (summaryInput) {
          const summary = buildSummaryReportModel({
            ...summaryInput,
            scope: `สมุดงานตัวอย่าง ${show(workbook)}`,
            today: bangkokDate(io.now()),
          });
          const charts = await renderSummaryCharts(summary);
          const summaryPdf = await renderer.renderDocument(summaryReportDocument(summary, charts));
          const summaryPath = join(out, summary.fileName);
          await writeFile(summaryPath, summaryPdf);
          io.stdout(
            `      ✓ PDF ${show(summaryPath)} (${Math.round(summaryPdf.length / 1024)} KB, ${summary.period}, ${summaryFigures(summary).length} ตัวเลข/figures)`,
          );
          for (const h of summary.headlines) io.stdout(`      ${h}`);
          outputs.push(`รายงานสรุปผลการดำเนินงาน PDF / programme summary: ${show(summaryPath)}`);
        }
      } finally {
        await renderer.close();
      }
    } else {
      begin("สร้างรายงานสรุปผลการดำเนินงานพร้อมแผนภูมิ", "rendering the programme summary with its charts");
      skipped.push("รายงานสรุป PDF / the programme summary (no Chromium)");
    }
  } finally {
    await firestore?.close();
  }

  begin("สรุปผล", "what was done");
  for (const o of outputs) io.stdout(`      • ${o}`);
  for (const s of skipped) io.stdout(`      ✗ ข้าม / skipped: ${s}`);
  if (firestore) io.stdout("      • ข้อมูล Firestore เก็บไว้ใน .kbo/ / Firestore data persists under .kbo/");
  io.stdout(
    skipped.length === 0
      ? "\nเสร็จสมบูรณ์ / done. ลองเปิดไฟล์ใน out/ / open the files under out/."
      : "\nเสร็จบางส่วน: ติดตั้งสิ่งที่ขาดตามคำสั่งข้างบนแล้วรันอีกครั้ง / partly done: install what is missing (commands above) and run again.",
  );
  return validation.ok ? EXIT.ok : EXIT.invalidRows;
}

export function registerDemoCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("demo")
    .description(
      "สาธิตการทำงานทั้งหมดกับสมุดงานตัวอย่าง / the whole flow on the sample workbook, outputs under out/",
    )
    .action(async () => {
      setExit(await runDemo(io));
    });
}
