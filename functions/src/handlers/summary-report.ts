// The `summaryReport` function: `{spreadsheetId | allSources, year?, basis?, send?}` → the programme
// summary's PDF (base64), its revision and, when asked, each recipient's send status; and the monthly
// run Cloud Scheduler starts (scheduledSummaryReport): the PDF once per revision per recipient, a short
// "ไม่มีความเปลี่ยนแปลง" note in a month with no change, nothing on a re-run in the same month.
import type { SendStatus } from "../adapters/firestore/outbox.ts";
import type { MonthlyResult } from "../adapters/firestore/summary-outbox.ts";
import type { Logger } from "../adapters/log/logger.ts";
import { AppError } from "../app-error.ts";
import type { Summaries, YearBasis } from "../domain/summaries.ts";
import {
  buildSummaryReportModel,
  type MeetingForSummary,
  type SummaryReportModel,
} from "../domain/summary-report-model.ts";
import { bangkokMonth } from "../domain/summary-schedule.ts";
import { bangkokDate } from "../domain/thai-date.ts";
import type { SummaryReportBody } from "./wire.ts";

export interface SummaryScope {
  /** undefined: every source (the province view). */
  spreadsheetId?: string;
  basis: YearBasis;
}

export interface SummaryReportDeps {
  readSummaries(scope: SummaryScope): Promise<Summaries>;
  readMeetings(scope: SummaryScope): Promise<MeetingForSummary[]>;
  renderPdf(model: SummaryReportModel): Promise<Uint8Array>;
  revisionOf(model: SummaryReportModel): string;
  /** The SUMMARY_RECIPIENTS setting. */
  recipients: string[];
  send(input: {
    model: SummaryReportModel;
    scope: SummaryScope;
    pdf: () => Promise<Uint8Array>;
  }): Promise<SendStatus>;
  sendMonthly(input: {
    model: SummaryReportModel;
    scope: SummaryScope;
    pdf: () => Promise<Uint8Array>;
    month: string;
  }): Promise<MonthlyResult>;
  now: () => Date;
  log: Logger;
}

export interface SummaryReportResult {
  pdfBase64: string;
  revision: string;
  fileName: string;
  year: number;
  basis: YearBasis;
  send: {
    status: SendStatus["status"] | "not_requested";
    messageId?: string;
    recipients?: { to: string; status: SendStatus["status"]; error?: string }[];
    failed?: string[];
  };
}

const scopeOf = (body: {
  spreadsheetId?: string;
  allSources?: boolean;
  basis?: YearBasis;
}): SummaryScope => ({
  ...(body.allSources ? {} : { spreadsheetId: body.spreadsheetId }),
  basis: body.basis ?? "programme",
});

/** The model of a scope and year, from the summaries the summary tabs show. */
export async function summaryModel(
  deps: Pick<SummaryReportDeps, "readSummaries" | "readMeetings" | "now">,
  scope: SummaryScope,
  year: number | undefined,
  scopeName: string,
): Promise<SummaryReportModel> {
  const [summaries, meetings] = await Promise.all([deps.readSummaries(scope), deps.readMeetings(scope)]);
  return buildSummaryReportModel({
    summaries,
    meetings,
    ...(year ? { year } : {}),
    scope: scopeName,
    today: bangkokDate(deps.now()),
  });
}

export const scopeName = (scope: SummaryScope, label?: string): string =>
  scope.spreadsheetId === undefined ? "ทุกแหล่งข้อมูล (ภาพรวมจังหวัด)" : `แหล่งข้อมูล ${label ?? scope.spreadsheetId}`;

export async function summaryReport(
  deps: SummaryReportDeps,
  body: SummaryReportBody,
): Promise<SummaryReportResult> {
  if (!body.allSources && !body.spreadsheetId) {
    throw new AppError(
      "BAD_REQUEST",
      "ระบุ spreadsheetId หรือ allSources / give spreadsheetId or allSources: true",
      { details: [{ path: "spreadsheetId", message: "required unless allSources is true" }] },
    );
  }
  const log = deps.log;
  const scope = scopeOf(body);
  const model = await summaryModel(deps, scope, body.year, scopeName(scope));
  const revision = deps.revisionOf(model);
  const pdf = await deps.renderPdf(model);
  log.info("summaryReport: rendered", { year: model.year, basis: model.basis, revision, bytes: pdf.length });
  let send: SummaryReportResult["send"] = { status: "not_requested" };
  if (body.send) {
    if (deps.recipients.length === 0) {
      throw new AppError(
        "MAIL_NO_RECIPIENTS",
        "ยังไม่ได้ตั้งผู้รับรายงานสรุป (SUMMARY_RECIPIENTS) / SUMMARY_RECIPIENTS is not set",
      );
    }
    const s = await deps.send({ model, scope, pdf: async () => pdf });
    log.info("summaryReport: send", { status: s.status, delivered: s.delivered, failed: s.failed });
    send = {
      status: s.status,
      messageId: s.messageId,
      recipients: s.recipients.map((r) => ({
        to: r.to,
        status: r.status,
        ...(r.error ? { error: r.error } : {}),
      })),
      failed: s.failed,
    };
  }
  return {
    pdfBase64: Buffer.from(pdf).toString("base64"),
    revision,
    fileName: model.fileName,
    year: model.year,
    basis: model.basis,
    send,
  };
}

/** The monthly run: the province view by default; the PDF is rendered only when a recipient needs it. */
export async function scheduledSummaryReport(
  deps: SummaryReportDeps,
  message: { spreadsheetId?: string; basis?: YearBasis },
): Promise<MonthlyResult | undefined> {
  const log = deps.log;
  if (deps.recipients.length === 0) {
    log.warn("scheduledSummaryReport: SUMMARY_RECIPIENTS is not set; nothing sent");
    return undefined;
  }
  const scope = scopeOf({ ...message, allSources: message.spreadsheetId === undefined });
  const model = await summaryModel(deps, scope, undefined, scopeName(scope));
  const month = bangkokMonth(deps.now());
  const result = await deps.sendMonthly({ model, scope, pdf: () => deps.renderPdf(model), month });
  log.info("scheduledSummaryReport: sent", {
    month,
    year: model.year,
    revision: result.revision,
    pdf: result.plan.pdf,
    note: result.plan.note,
    done: result.plan.done,
    failed: [...(result.report?.failed ?? []), ...(result.note?.failed ?? [])],
  });
  return result;
}
