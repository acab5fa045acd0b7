// The `meetingReport` function: `{spreadsheetId, meeting, send}` → the meeting's PDF (base64), its
// revision and, when asked, the send status. One e-mail per report revision, however often called.
import type { SendStatus } from "../adapters/firestore/report-outbox.ts";
import type { Logger } from "../adapters/log/logger.ts";
import { AppError } from "../app-error.ts";
import type { MeetingWithDetails } from "../domain/records.ts";
import { buildReportModel, type ReportModel } from "../domain/report-model.ts";

import type { MeetingReportBody } from "./wire.ts";

export { type MeetingReportBody, MeetingReportBodySchema } from "./wire.ts";

export interface MeetingReportDeps {
  loadMeeting(spreadsheetId: string, number: string): Promise<MeetingWithDetails | undefined>;
  renderPdf(model: ReportModel): Promise<Uint8Array>;
  revisionOf(model: ReportModel): string;
  sendReport(input: { model: ReportModel; pdf: Uint8Array; revision: string }): Promise<SendStatus>;
  log: Logger;
}

export interface MeetingReportResult {
  pdfBase64: string;
  revision: string;
  fileName: string;
  send: {
    status: SendStatus["status"] | "not_requested";
    messageId?: string;
    attempts?: number;
    error?: string;
    /** Each recipient's outcome (sent now or before, failed with the server's answer). */
    recipients?: { to: string; status: SendStatus["status"]; error?: string }[];
    /** The addresses that did not get it: a later call retries only these. */
    failed?: string[];
  };
}

export async function meetingReport(
  deps: MeetingReportDeps,
  body: MeetingReportBody,
): Promise<MeetingReportResult> {
  const details = await deps.loadMeeting(body.spreadsheetId, body.meeting);
  if (!details) {
    throw new AppError(
      "NOT_FOUND",
      `ไม่พบการประชุมครั้งที่ ${body.meeting} ในไฟล์นี้ / meeting ${body.meeting} not found for this spreadsheet`,
    );
  }
  const model = buildReportModel(details, body.digits ? { digits: body.digits } : {});
  const revision = deps.revisionOf(model);
  const log = deps.log;
  const pdf = await deps.renderPdf(model);
  log.info("meetingReport: rendered", { meeting: body.meeting, revision, bytes: pdf.length });
  let send: MeetingReportResult["send"] = { status: "not_requested" };
  if (body.send) {
    const s = await deps.sendReport({ model, pdf, revision });
    log.info("meetingReport: send", {
      status: s.status,
      attempts: s.attempts,
      delivered: s.delivered,
      failed: s.failed,
    });
    send = {
      status: s.status,
      messageId: s.messageId,
      attempts: s.attempts,
      ...(s.error ? { error: s.error } : {}),
      recipients: s.recipients.map((r) => ({
        to: r.to,
        status: r.status,
        ...(r.error ? { error: r.error } : {}),
      })),
      failed: s.failed,
    };
  }
  return { pdfBase64: Buffer.from(pdf).toString("base64"), revision, fileName: model.fileName, send };
}
