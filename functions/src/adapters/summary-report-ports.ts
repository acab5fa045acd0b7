// The summary report's ports on Firestore, the PDF renderer and the outbox: what the function, the
// monthly run and `kbo summary-report` all pass to handlers/summary-report.ts.
import type { Firestore } from "@google-cloud/firestore";
import type { SummaryReportDeps } from "../handlers/summary-report.ts";
import { readMeetingAgendas } from "./firestore/read-meeting-agendas.ts";
import { readSummaries } from "./firestore/read-summaries.ts";
import {
  sendSummaryMonthly,
  sendSummaryOnce,
  summaryRevision,
  summaryScopeKey,
} from "./firestore/summary-outbox.ts";
import type { Logger } from "./log/logger.ts";
import type { Mailer } from "./mail/mailer.ts";
import type { PdfRenderer } from "./pdf/pdf-renderer.ts";
import { renderSummaryCharts, summaryReportDocument } from "./pdf/summary-report-html.ts";

export function summaryReportPorts(input: {
  db: Firestore;
  renderer: () => Promise<PdfRenderer>;
  mailer: () => Promise<Mailer>;
  recipients: string[];
  now: () => Date;
  log: Logger;
}): SummaryReportDeps {
  return {
    readSummaries: async (scope) => (await readSummaries(input.db, scope)).summaries,
    readMeetings: (scope) => readMeetingAgendas(input.db, scope.spreadsheetId),
    renderPdf: async (model) => {
      const [renderer, charts] = await Promise.all([input.renderer(), renderSummaryCharts(model)]);
      return renderer.renderDocument(summaryReportDocument(model, charts));
    },
    revisionOf: summaryRevision,
    recipients: input.recipients,
    send: async ({ model, scope, pdf }) =>
      sendSummaryOnce(
        { db: input.db, mailer: await input.mailer() },
        { model, scopeKey: summaryScopeKey(scope.spreadsheetId), recipients: input.recipients, pdf },
      ),
    sendMonthly: async ({ model, scope, pdf, month }) =>
      sendSummaryMonthly(
        { db: input.db, mailer: await input.mailer() },
        { model, scopeKey: summaryScopeKey(scope.spreadsheetId), recipients: input.recipients, pdf, month },
      ),
    now: input.now,
    log: input.log,
  };
}
