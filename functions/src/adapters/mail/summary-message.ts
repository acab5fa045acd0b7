// The e-mails of the programme summary: the report itself (the PDF under its Thai file name), and the
// short "ไม่มีความเปลี่ยนแปลง" note a month with no change sends instead. Message-IDs are fixed by report
// revision (and month, for the note), so a resend is recognisably the same message.
import { countText, NO_CHANGE, type SummaryReportModel } from "../../domain/summary-report-model.ts";
import { thaiMonthName } from "../../domain/summary-schedule.ts";
import { thaiLongDate } from "../../domain/thai-format.ts";
import type { MailMessage } from "./report-message.ts";

const FOOTER = ["", "--", "อีเมลนี้ส่งโดยระบบ KBO records / This message was sent by the KBO records system."];

export function buildSummaryMessage(
  model: SummaryReportModel,
  key: string,
  revision: string,
  recipients: string[],
  pdf: Uint8Array,
): MailMessage {
  return {
    messageId: `<summary.${key}.${revision}@kbo-records>`,
    to: recipients,
    subject: `${model.title} KBO ${model.period}`,
    text: [
      "เรียน ผู้บริหาร",
      "",
      `สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ขอส่ง${model.title}${model.programme} ${model.period} (${model.asOf})`,
      "",
      ...model.headlines,
      model.comparison,
      `การประชุมคณะกรรมการ ${countText(model.meetings.length)} ครั้ง`,
      "",
      `รายละเอียดพร้อมแผนภูมิตามไฟล์ที่แนบมาพร้อมนี้: ${model.fileName}`,
      ...FOOTER,
    ].join("\n"),
    attachments: [{ filename: model.fileName, content: pdf, contentType: "application/pdf" }],
  };
}

/** The month's note: the figures are those of the report already sent, on `sentAt`. */
export function buildNoChangeMessage(
  model: SummaryReportModel,
  key: string,
  revision: string,
  month: string,
  recipients: string[],
  sentAt: Date | undefined,
): MailMessage {
  const when = sentAt ? ` ที่ส่งเมื่อ ${thaiLongDate(sentAt.toISOString().slice(0, 10))}` : "";
  return {
    messageId: `<summary-note.${key}.${revision}.${month}@kbo-records>`,
    to: recipients,
    subject: `${model.title} KBO ${model.period}: ${NO_CHANGE} (${thaiMonthName(month)})`,
    text: [
      "เรียน ผู้บริหาร",
      "",
      `${NO_CHANGE}: ข้อมูลโครงการ KBO ${model.period} ยังเป็นไปตามรายงานฉบับ${when} (ฉบับ ${revision}) จึงไม่ส่งรายงานซ้ำในเดือน${thaiMonthName(month)}`,
      "",
      ...model.headlines,
      ...FOOTER,
    ].join("\n"),
    attachments: [],
  };
}
