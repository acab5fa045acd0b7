// The e-mail that carries a meeting report: Thai subject and body naming the meeting, the PDF under
// its Thai file name, and a Message-ID fixed by meeting and revision so a resend is recognisably the
// same message.
import { type ReportModel, reportMeetingKey } from "../../domain/report-model.ts";

export interface MailMessage {
  messageId: string;
  /** Every recipient, as the To header names them. */
  to: string[];
  /** Whom this send is for (default: every recipient): a retry goes only to those who did not get it. */
  envelopeTo?: string[];
  subject: string;
  text: string;
  attachments: { filename: string; content: Uint8Array; contentType: string }[];
}

/** "<MTG-2563-001.3f2a…@kbo-records>": the same report revision always has the same id. */
export const reportMessageId = (model: ReportModel, revision: string): string =>
  `<report.${reportMeetingKey(model)}.${revision}@kbo-records>`;

export function buildReportMessage(model: ReportModel, revision: string, pdf: Uint8Array): MailMessage {
  const subject = `${model.title} ${model.number}`;
  const text = [
    "เรียน ผู้เกี่ยวข้อง",
    "",
    `สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ขอส่ง${model.title} ${model.number} ${model.date} รายละเอียดตามไฟล์ที่แนบมาพร้อมนี้`,
    "",
    `ไฟล์แนบ: ${model.fileName}`,
    "",
    "--",
    "อีเมลนี้ส่งโดยระบบ KBO records / This message was sent by the KBO records system.",
  ].join("\n");
  return {
    messageId: reportMessageId(model, revision),
    to: [...model.recipients],
    subject,
    text,
    attachments: [{ filename: model.fileName, content: pdf, contentType: "application/pdf" }],
  };
}
