// A meeting's report in the outbox (outbox.ts): reports/{meeting}_{revision}, sent once to each of the
// meeting's recipients. The revision is a hash of what the report shows: an unchanged meeting never
// sends twice, an edited one sends its new revision; adding a recipient sends this revision to that
// recipient only.
import { createHash } from "node:crypto";
import type { Firestore } from "@google-cloud/firestore";
import type { MeetingWithDetails } from "../../domain/records.ts";
import { type ReportModel, reportContent, reportMeetingKey } from "../../domain/report-model.ts";
import { buildReportMessage } from "../mail/report-message.ts";
import { retryFirestore } from "../retry.ts";
import { collections, recordOfDoc } from "./collections.ts";
import { type OutboxDeps, type OutboxDoc, type SendStatus, sendOnce } from "./outbox.ts";

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
export const reportRevision = (model: ReportModel): string =>
  createHash("sha256").update(reportContent(model)).digest("hex").slice(0, 16);

export const reportDocId = (model: ReportModel, revision: string): string =>
  `${reportMeetingKey(model)}_${revision}`;

/** Sends a meeting report's revision once to each of its recipients (outbox.ts). */
export async function sendReportOnce(
  deps: OutboxDeps,
  input: { model: ReportModel; pdf: Uint8Array; revision?: string },
): Promise<SendStatus> {
  const revision = input.revision ?? reportRevision(input.model);
  return sendOnce(deps, {
    docId: reportDocId(input.model, revision),
    kind: "meeting",
    revision,
    message: buildReportMessage(input.model, revision, input.pdf),
    fields: {
      meeting: input.model.meetingNumber,
      ...(input.model.meetingId ? { meetingId: input.model.meetingId } : {}),
    },
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
