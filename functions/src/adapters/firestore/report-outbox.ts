// A meeting's report in the outbox (outbox.ts): reports/{meeting}_{revision}, sent once to each of the
// meeting's recipients. The revision is a hash of what the report shows: an unchanged meeting never
// sends twice, an edited one sends its new revision; adding a recipient sends this revision to that
// recipient only. Reports sent before recipients left the revision (documents without `deliveries`,
// under a key hashed with the recipient list) still count: docs/architecture.md, "The e-mail outbox".
import type { Firestore } from "@google-cloud/firestore";
import type { MeetingWithDetails } from "../../domain/records.ts";
import {
  type ReportModel,
  reportContent,
  reportContentWithRecipients,
  reportMeetingKey,
} from "../../domain/report-model.ts";
import { buildReportMessage } from "../mail/report-message.ts";
import { retryFirestore } from "../retry.ts";
import { collections, recordOfDoc } from "./collections.ts";
import {
  deliveriesOf,
  type OutboxDeps,
  type OutboxDoc,
  REPORTS_COLLECTION,
  revisionOf,
  type SendStatus,
  sendOnce,
} from "./outbox.ts";

export {
  type OutboxDeps,
  type OutboxOptions,
  REPORT_STATES,
  REPORTS_COLLECTION,
  type ReportState,
  type SendStatus,
} from "./outbox.ts";

/** A meeting report's outbox document. */
export interface ReportOutboxDoc extends OutboxDoc {
  meeting: string;
  meetingId?: string;
}

/** A short hash of the report's content (every field it shows, canonical JSON). */
export const reportRevision = (model: ReportModel): string => revisionOf(reportContent(model));

/** The revision the same report had, sent to `recipients`, before recipients left the hash. */
export const legacyReportRevision = (model: ReportModel, recipients: readonly string[]): string =>
  revisionOf(reportContentWithRecipients(model, recipients));

/**
 * The documents in which earlier versions recorded sending this very report (the same content, to
 * whichever recipients they had then): written before deliveries were per recipient, they have no
 * `kind` and are keyed by `legacyReportRevision`. Looked for only while a recipient is not yet sent
 * under the current key, so a report everyone has costs one read.
 */
export async function earlierReportDocs(db: Firestore, model: ReportModel, docId: string): Promise<string[]> {
  const reports = db.collection(REPORTS_COLLECTION);
  const current = await retryFirestore(() => reports.doc(docId).get());
  const ds = deliveriesOf(current.data() as Partial<OutboxDoc> | undefined);
  if (model.recipients.every((to) => ds.some((d) => d.to === to && d.state === "sent"))) return [];
  // By number, not id: a report rendered from the workbook before its first sync had no meeting id.
  const snap = await retryFirestore(() =>
    reports.where("meeting", "==", model.meetingNumber).select("kind", "revision", "recipients").get(),
  );
  const key = reportMeetingKey(model);
  return snap.docs.flatMap((d) => {
    const { kind, revision, recipients } = d.data() as Partial<ReportOutboxDoc>;
    const old =
      kind === undefined &&
      typeof revision === "string" &&
      Array.isArray(recipients) &&
      d.id === `${key}_${revision}` &&
      revision === legacyReportRevision(model, recipients);
    return old && d.id !== docId ? [d.id] : [];
  });
}

export const reportDocId = (model: ReportModel, revision: string): string =>
  `${reportMeetingKey(model)}_${revision}`;

/** Sends a meeting report's revision once to each of its recipients (outbox.ts). */
export async function sendReportOnce(
  deps: OutboxDeps,
  input: { model: ReportModel; pdf: Uint8Array; revision?: string },
): Promise<SendStatus> {
  const revision = input.revision ?? reportRevision(input.model);
  const docId = reportDocId(input.model, revision);
  return sendOnce(deps, {
    docId,
    kind: "meeting",
    revision,
    message: buildReportMessage(input.model, revision, input.pdf),
    fields: {
      meeting: input.model.meetingNumber,
      ...(input.model.meetingId ? { meetingId: input.model.meetingId } : {}),
    },
    earlier: await earlierReportDocs(deps.db, input.model, docId),
  });
}

/** The meeting a report is made from, as mirrored (meetings/{id} with attendees and agenda inside). */
export async function loadMeetingForReport(
  db: Firestore,
  spreadsheetId: string,
  number: string,
): Promise<MeetingWithDetails | undefined> {
  const snap = await retryFirestore(() =>
    collections(db)
      .meetings.where("source.spreadsheetId", "==", spreadsheetId)
      .where("number", "==", number)
      .where("deleted", "==", false)
      .get(),
  );
  const doc = snap.docs[0]?.data();
  if (!doc) return undefined;
  const { attendees, agenda, ...meeting } = recordOfDoc(doc);
  return { meeting: { ...meeting, recipients: meeting.recipients ?? [] }, attendees, agenda };
}
