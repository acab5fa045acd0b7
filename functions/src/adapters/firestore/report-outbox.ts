// Exactly-once delivery of meeting reports: reports/{meeting}_{revision} is an outbox document.
// A sender claims it in a transaction (pending → sending, with a lease), sends, then marks it sent;
// a failure marks it failed with the error and the attempt count, and it is retried with backoff up
// to a limit. A crash between sending and marking leaves a lease that expires; the resend carries
// the same Message-ID, so mail systems see one message. The revision is a hash of the report's
// content: an unchanged meeting never sends twice, an edited one sends its new revision.
import { createHash, randomUUID } from "node:crypto";
import { type DocumentReference, FieldValue, type Firestore, Timestamp } from "@google-cloud/firestore";
import { AppError } from "../../app-error.ts";
import type { ReportState } from "../../domain/closed-sets.ts";
import type { MeetingWithDetails } from "../../domain/records.ts";
import { type ReportModel, reportContent, reportMeetingKey } from "../../domain/report-model.ts";
import type { Mailer } from "../mail/mailer.ts";
import { buildReportMessage } from "../mail/report-message.ts";
import { retryFirestore } from "../retry.ts";
import { COLLECTIONS, collections, recordOfDoc } from "./collections.ts";

export { REPORT_STATES, type ReportState } from "../../domain/closed-sets.ts";

export interface ReportOutboxDoc {
  meeting: string;
  meetingId?: string;
  revision: string;
  state: ReportState;
  attempts: number;
  messageId: string;
  recipients: string[];
  claimId?: string;
  leaseUntil?: Timestamp;
  nextAttemptAt?: Timestamp;
  error?: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  sentAt?: Timestamp;
}

export interface SendStatus {
  status: ReportState;
  messageId?: string;
  attempts: number;
  /** True when this call delivered the message; false when it was already sent or in hand elsewhere. */
  delivered: boolean;
  error?: string;
}

export interface OutboxOptions {
  /** How long a claim holds before another sender may take over (a crashed sender's claim). */
  leaseMs?: number;
  /** Attempts over all calls before the report stays failed. */
  maxAttempts?: number;
  /** Attempts within one call. */
  attemptsPerCall?: number;
  /** Delay before attempt n+1 after n failures. */
  backoffMs?: (failures: number) => number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface OutboxDeps {
  db: Firestore;
  mailer: Mailer;
  options?: OutboxOptions;
}

/** A short hash of the report's content (every field it shows, canonical JSON). */
export const reportRevision = (model: ReportModel): string =>
  createHash("sha256").update(reportContent(model)).digest("hex").slice(0, 16);

export const reportDocId = (model: ReportModel, revision: string): string =>
  `${reportMeetingKey(model)}_${revision}`;

const defaultBackoff = (failures: number) => Math.min(1000 * 2 ** (failures - 1), 5 * 60_000);

type Claim = { kind: "claimed"; claimId: string; attempts: number } | { kind: "skip"; status: SendStatus };

async function claim(
  db: Firestore,
  ref: DocumentReference,
  seed: Omit<ReportOutboxDoc, "state" | "attempts" | "createdAt" | "updatedAt">,
  now: Date,
  o: Required<Pick<OutboxOptions, "leaseMs" | "maxAttempts">>,
): Promise<Claim> {
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const doc = snap.data() as ReportOutboxDoc | undefined;
    const at = now.getTime();
    const status = (d: ReportOutboxDoc): SendStatus => ({
      status: d.state,
      messageId: d.messageId,
      attempts: d.attempts,
      delivered: false,
      ...(d.error ? { error: d.error } : {}),
    });
    if (doc?.state === "sent") return { kind: "skip", status: status(doc) };
    if (doc?.state === "sending" && doc.leaseUntil && doc.leaseUntil.toMillis() > at) {
      return { kind: "skip", status: status(doc) };
    }
    if (doc && doc.attempts >= o.maxAttempts) return { kind: "skip", status: status(doc) };
    if (doc?.state === "failed" && doc.nextAttemptAt && doc.nextAttemptAt.toMillis() > at) {
      return { kind: "skip", status: status(doc) };
    }
    const claimId = randomUUID();
    const attempts = (doc?.attempts ?? 0) + 1;
    const stamp = Timestamp.fromDate(now);
    const fields = {
      state: "sending" as const,
      attempts,
      claimId,
      leaseUntil: Timestamp.fromMillis(at + o.leaseMs),
      updatedAt: stamp,
    };
    if (doc) tx.update(ref, { ...fields, nextAttemptAt: FieldValue.delete() });
    else tx.create(ref, { ...seed, ...fields, createdAt: stamp });
    return { kind: "claimed", claimId, attempts };
  });
}

/** Marks the outcome, unless another sender has taken the claim over meanwhile. */
async function settle(
  db: Firestore,
  ref: DocumentReference,
  claimId: string,
  fields: Record<string, unknown>,
): Promise<void> {
  await db.runTransaction(async (tx) => {
    const doc = (await tx.get(ref)).data() as ReportOutboxDoc | undefined;
    if (!doc || doc.state === "sent") return;
    // A sent mark always wins: the message went out whoever's claim it was.
    if (doc.claimId !== claimId && fields.state !== "sent") return;
    tx.update(ref, fields);
  });
}

/**
 * Sends a report's revision once: claims its outbox document, mails it, records the outcome.
 * Retries within the call with backoff (attemptsPerCall), and a later call resumes after a failure.
 */
export async function sendReportOnce(
  deps: OutboxDeps,
  input: { model: ReportModel; pdf: Uint8Array; revision?: string },
): Promise<SendStatus> {
  const o = {
    leaseMs: 120_000,
    maxAttempts: 5,
    attemptsPerCall: 3,
    backoffMs: defaultBackoff,
    now: () => new Date(),
    sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
    ...deps.options,
  };
  const revision = input.revision ?? reportRevision(input.model);
  const message = buildReportMessage(input.model, revision, input.pdf);
  if (message.to.length === 0) {
    throw new AppError("MAIL_NO_RECIPIENTS", "ไม่มีผู้รับรายงาน / the meeting has no recipients");
  }
  const ref = deps.db.collection(COLLECTIONS.reports).doc(reportDocId(input.model, revision));
  const seed = {
    meeting: input.model.meetingNumber,
    ...(input.model.meetingId ? { meetingId: input.model.meetingId } : {}),
    revision,
    messageId: message.messageId,
    recipients: message.to,
  };
  for (let attempt = 1; ; attempt++) {
    const c = await claim(deps.db, ref, seed, o.now(), o);
    if (c.kind === "skip") return c.status;
    try {
      await deps.mailer.send(message);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const now = o.now();
      const backoff = o.backoffMs(c.attempts);
      await settle(deps.db, ref, c.claimId, {
        state: "failed",
        error,
        leaseUntil: FieldValue.delete(),
        nextAttemptAt: Timestamp.fromMillis(now.getTime() + backoff),
        updatedAt: Timestamp.fromDate(now),
      });
      if (attempt >= o.attemptsPerCall || c.attempts >= o.maxAttempts) {
        return {
          status: "failed",
          messageId: message.messageId,
          attempts: c.attempts,
          delivered: false,
          error,
        };
      }
      await o.sleep(backoff);
      continue;
    }
    const stamp = Timestamp.fromDate(o.now());
    await settle(deps.db, ref, c.claimId, {
      state: "sent",
      sentAt: stamp,
      updatedAt: stamp,
      error: FieldValue.delete(),
      leaseUntil: FieldValue.delete(),
      nextAttemptAt: FieldValue.delete(),
    });
    return { status: "sent", messageId: message.messageId, attempts: c.attempts, delivered: true };
  }
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
