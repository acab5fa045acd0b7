// The programme summary in the outbox (outbox.ts): reports/summary-{scope}-{basis}-{year}_{revision},
// once to each recipient; the monthly run (summary-schedule.ts) sends a recipient who already has this
// revision the short note instead, through reports/…_{revision}_note-{month}, once a month.
import { type SummaryReportModel, summaryReportContent } from "../../domain/summary-report-model.ts";
import { type MonthlyPlan, planMonthlySend } from "../../domain/summary-schedule.ts";
import { buildNoChangeMessage, buildSummaryMessage } from "../mail/summary-message.ts";
import {
  deliveriesOf,
  type OutboxDeps,
  type OutboxDoc,
  REPORTS_COLLECTION,
  revisionOf,
  type SendStatus,
  sendOnce,
} from "./outbox.ts";

export const summaryRevision = (model: SummaryReportModel): string => revisionOf(summaryReportContent(model));

/** "all" for the province view, else the source's id (ids hold no "/"). */
export const summaryScopeKey = (spreadsheetId: string | undefined): string =>
  spreadsheetId === undefined ? "all" : spreadsheetId.replace(/[^\w.-]/g, "_");

export const summaryKey = (scopeKey: string, model: SummaryReportModel): string =>
  `summary-${scopeKey}-${model.basis}-${model.year}`;

interface SummarySend {
  model: SummaryReportModel;
  scopeKey: string;
  recipients: string[];
  pdf: () => Promise<Uint8Array>;
}

/** Sends the summary's revision once to each recipient (the command's and the function's --send). */
export async function sendSummaryOnce(deps: OutboxDeps, input: SummarySend): Promise<SendStatus> {
  const revision = summaryRevision(input.model);
  const key = summaryKey(input.scopeKey, input.model);
  return sendOnce(deps, {
    docId: `${key}_${revision}`,
    kind: "summary",
    revision,
    message: buildSummaryMessage(input.model, key, revision, input.recipients, await input.pdf()),
    fields: { summary: key },
  });
}

export interface MonthlyResult {
  revision: string;
  month: string;
  plan: MonthlyPlan;
  /** The PDF's send, when anyone needed it. */
  report?: SendStatus;
  /** The note's send, when anyone needed it. */
  note?: SendStatus;
}

/**
 * This month's run: the PDF to those who never had this revision, the note to those who had it in an
 * earlier month, nothing to those who had it this month. The PDF is rendered only when someone needs it.
 */
export async function sendSummaryMonthly(
  deps: OutboxDeps,
  input: SummarySend & { month: string },
): Promise<MonthlyResult> {
  const revision = summaryRevision(input.model);
  const key = summaryKey(input.scopeKey, input.model);
  const snap = await deps.db.collection(REPORTS_COLLECTION).doc(`${key}_${revision}`).get();
  const sentAt = new Map(
    deliveriesOf(snap.data() as Partial<OutboxDoc> | undefined).flatMap((d) =>
      d.state === "sent" && d.sentAt ? [[d.to, d.sentAt.toDate()] as const] : [],
    ),
  );
  const plan = planMonthlySend(input.recipients, sentAt, input.month);
  const result: MonthlyResult = { revision, month: input.month, plan };
  if (plan.pdf.length > 0) {
    result.report = await sendSummaryOnce(deps, { ...input, recipients: plan.pdf });
  }
  if (plan.note.length > 0) {
    const last = [...plan.note].map((to) => sentAt.get(to)!).sort((a, b) => b.getTime() - a.getTime())[0];
    result.note = await sendOnce(deps, {
      docId: `${key}_${revision}_note-${input.month}`,
      kind: "note",
      revision,
      message: buildNoChangeMessage(input.model, key, revision, input.month, plan.note, last),
      fields: { summary: key, month: input.month },
    });
  }
  return result;
}
