// The one e-mail outbox every report goes through (reports/{key}_{revision}): exactly once per
// recipient. Each recipient's delivery is claimed in a transaction (pending → sending, with a lease),
// sent, and settled (sent, or failed with the server's answer), so one address refused by the server
// never marks another as failed, nor a refused one as sent; a later call retries only the failed ones.
// A crash between sending and settling leaves a lease that expires; the resend carries the same
// Message-ID. Delivery state is recorded on the document, not thrown (docs/architecture.md, the outbox).
import { createHash, randomUUID } from "node:crypto";
import { type DocumentReference, FieldValue, type Firestore, Timestamp } from "@google-cloud/firestore";
import { AppError } from "../../app-error.ts";
import type { ReportState } from "../../domain/closed-sets.ts";
import type { Mailer } from "../mail/mailer.ts";
import type { MailMessage } from "../mail/report-message.ts";
import { defaultSleep, type RetryRule, withRetry } from "../retry.ts";
import { COLLECTIONS } from "./collections.ts";

export { REPORT_STATES, type ReportState } from "../../domain/closed-sets.ts";
export const REPORTS_COLLECTION = COLLECTIONS.reports;

/** A revision: 16 hex digits of the SHA-256 of what a report shows (the key of what was sent). */
export const revisionOf = (content: string): string =>
  createHash("sha256").update(content).digest("hex").slice(0, 16);

/** What an outbox document carries: a meeting's report, the programme summary, or a no-change note. */
export const OUTBOX_KINDS = ["meeting", "summary", "note"] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** One recipient's delivery of the document's message. */
export interface Delivery {
  to: string;
  state: ReportState;
  attempts: number;
  claimId?: string;
  leaseUntil?: Timestamp;
  /** A transient failure's earliest retry; a permanent one (5xx) is retried by the next call. */
  nextAttemptAt?: Timestamp;
  /** The server's answer, e.g. "550 5.1.1 <x@y>: mailbox unavailable". */
  error?: string;
  permanent?: boolean;
  sentAt?: Timestamp;
  /** The earlier document (OutboxEntry.earlier) this delivery's state was taken from. */
  carriedFrom?: string;
}

export interface OutboxDoc {
  kind: OutboxKind;
  revision: string;
  /** Summed up over the current recipients: sent when every one has it, failed when any failed. */
  state: ReportState;
  /** The most attempts any recipient needed. */
  attempts: number;
  messageId: string;
  /** The recipients asked for last; a delivery of someone no longer listed is kept, never retried. */
  recipients: string[];
  deliveries: Delivery[];
  error?: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** When every current recipient had it. */
  sentAt?: Timestamp;
  [extra: string]: unknown;
}

export interface RecipientStatus {
  to: string;
  status: ReportState;
  attempts: number;
  /** True when this call delivered to this recipient. */
  delivered: boolean;
  sentAt?: Date;
  error?: string;
  permanent?: boolean;
  /** A transient failure: the next call before this time leaves it alone. */
  nextAttemptAt?: Date;
}

export interface SendStatus {
  status: ReportState;
  messageId: string;
  attempts: number;
  /** True when this call delivered to at least one recipient. */
  delivered: boolean;
  /** The first failure's answer, naming its address. */
  error?: string;
  recipients: RecipientStatus[];
  /** The addresses that did not get it (failed), for the message and the exit code. */
  failed: string[];
}

export interface OutboxOptions {
  /** How long a claim holds before another sender may take over (a crashed sender's claim). */
  leaseMs?: number;
  /** Attempts per recipient over all calls before it stays failed. */
  maxAttempts?: number;
  /** Attempts within one call (transient failures only: a 5xx waits for the next call). */
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

export interface OutboxEntry {
  /** The document id: `{key}_{revision}`. */
  docId: string;
  kind: OutboxKind;
  revision: string;
  message: MailMessage;
  /** Fields kept on the document for readers (e.g. the meeting's number and id). */
  fields?: Record<string, string>;
  /**
   * Ids of documents holding this very message under an earlier key (a meeting report sent before
   * recipients left its revision): a recipient sent there counts as sent here, and one being sent
   * there (a live lease) is waited for. Read in every claim, so a late "sent" there is seen.
   */
  earlier?: string[];
}

const defaultBackoff = (failures: number) => Math.min(1000 * 2 ** (failures - 1), 5 * 60_000);

/** The deliveries of a document, including one written before deliveries were per recipient. */
export function deliveriesOf(doc: Partial<OutboxDoc> | undefined): Delivery[] {
  if (!doc) return [];
  if (Array.isArray(doc.deliveries)) return doc.deliveries;
  // A whole-message document: every recipient shared its state.
  return (doc.recipients ?? []).map((to) => ({
    to,
    state: doc.state ?? "pending",
    attempts: doc.attempts ?? 0,
    ...(doc.claimId ? { claimId: doc.claimId as string } : {}),
    ...(doc.leaseUntil ? { leaseUntil: doc.leaseUntil as Timestamp } : {}),
    ...(doc.nextAttemptAt ? { nextAttemptAt: doc.nextAttemptAt as Timestamp } : {}),
    ...(doc.sentAt ? { sentAt: doc.sentAt } : {}),
    ...(doc.error ? { error: doc.error } : {}),
  }));
}

const held = (d: Delivery, at: number) => d.state === "sending" && (d.leaseUntil?.toMillis() ?? 0) > at;

/** The document's state, summed up over the recipients asked for. */
function overall(current: Delivery[], at: number): ReportState {
  if (current.length > 0 && current.every((d) => d.state === "sent")) return "sent";
  if (current.some((d) => held(d, at))) return "sending";
  if (current.some((d) => d.state === "failed")) return "failed";
  return "pending";
}

/** Firestore refuses undefined: a delivery is written with only the fields it has. */
function clean(d: Delivery): Delivery {
  return Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined)) as unknown as Delivery;
}

function docFields(deliveries: Delivery[], recipients: string[], now: Date) {
  const at = now.getTime();
  const current = recipients.map((to) => deliveries.find((d) => d.to === to)!);
  const state = overall(current, at);
  const failure = current.find((d) => d.state === "failed");
  const lastSent = current.reduce<Timestamp | undefined>(
    (m, d) => (d.sentAt && (!m || d.sentAt.toMillis() > m.toMillis()) ? d.sentAt : m),
    undefined,
  );
  return {
    state,
    attempts: Math.max(0, ...current.map((d) => d.attempts)),
    recipients,
    deliveries: deliveries.map(clean),
    updatedAt: Timestamp.fromDate(now),
    error: failure?.error ? `${failure.to}: ${failure.error}` : undefined,
    sentAt: state === "sent" ? lastSent : undefined,
  };
}

/** An update removes the fields that no longer apply; a new document simply lacks them. */
const forUpdate = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === undefined ? FieldValue.delete() : v]));
const forCreate = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));

function statusOf(entry: OutboxEntry, deliveries: Delivery[], delivered: Set<string>, now: Date): SendStatus {
  const current = entry.message.to.map((to) => deliveries.find((d) => d.to === to)!);
  const at = now.getTime();
  const recipients: RecipientStatus[] = current.map((d) => ({
    to: d.to,
    status: d.state,
    attempts: d.attempts,
    delivered: delivered.has(d.to),
    ...(d.sentAt ? { sentAt: d.sentAt.toDate() } : {}),
    ...(d.error ? { error: d.error } : {}),
    ...(d.permanent ? { permanent: true } : {}),
    ...(d.state === "failed" && d.nextAttemptAt ? { nextAttemptAt: d.nextAttemptAt.toDate() } : {}),
  }));
  const failed = recipients.filter((r) => r.status === "failed");
  return {
    status: overall(current, at),
    messageId: entry.message.messageId,
    attempts: Math.max(0, ...current.map((d) => d.attempts)),
    delivered: delivered.size > 0,
    ...(failed[0] ? { error: `${failed[0].to}: ${failed[0].error ?? "failed"}` } : {}),
    recipients,
    failed: failed.map((r) => r.to),
  };
}

type Claim = { claimId: string; to: string[]; deliveries: Delivery[] };

/**
 * Takes over what the earlier documents say of a recipient who is not sent here: sent there is sent
 * here; being sent there (a live lease) is held here until that lease ends. A carried hold whose
 * earlier sender finished without sending is let go. Returns whether any delivery changed.
 */
function carryEarlier(deliveries: Delivery[], earlier: Delivery[], to: string[], at: number): boolean {
  let changed = false;
  for (const address of to) {
    const i = deliveries.findIndex((d) => d.to === address);
    const d = deliveries[i]!;
    if (d.state === "sent") continue;
    const there = earlier.filter((e) => e.to === address);
    const carried = there.find((e) => e.state === "sent") ?? there.find((e) => held(e, at));
    if (carried) {
      if (d.carriedFrom === carried.carriedFrom && d.state === carried.state) continue;
      deliveries[i] = {
        to: address,
        state: carried.state,
        attempts: carried.attempts,
        ...(carried.sentAt ? { sentAt: carried.sentAt } : {}),
        ...(carried.state === "sending" ? { claimId: carried.claimId, leaseUntil: carried.leaseUntil } : {}),
        carriedFrom: carried.carriedFrom,
      };
      changed = true;
    } else if (d.carriedFrom) {
      deliveries[i] = { to: address, state: "pending", attempts: d.attempts };
      changed = true;
    }
  }
  return changed;
}

async function claim(
  db: Firestore,
  ref: DocumentReference,
  entry: OutboxEntry,
  now: Date,
  o: Required<Pick<OutboxOptions, "leaseMs" | "maxAttempts">>,
): Promise<Claim> {
  return db.runTransaction(async (tx) => {
    const [snap, ...earlierSnaps] = await Promise.all([
      tx.get(ref),
      ...(entry.earlier ?? []).map((id) => tx.get(ref.parent.doc(id))),
    ]);
    const doc = snap!.data() as Partial<OutboxDoc> | undefined;
    const at = now.getTime();
    const deliveries = deliveriesOf(doc).map((d) => ({ ...d }));
    for (const to of entry.message.to) {
      if (!deliveries.some((d) => d.to === to)) deliveries.push({ to, state: "pending", attempts: 0 });
    }
    const earlier = earlierSnaps.flatMap((e) =>
      deliveriesOf(e.data() as Partial<OutboxDoc> | undefined).map((d) => ({ ...d, carriedFrom: e.id })),
    );
    const carried = carryEarlier(deliveries, earlier, entry.message.to, at);
    const claimId = randomUUID();
    const claimed: string[] = [];
    for (const d of deliveries) {
      if (!entry.message.to.includes(d.to)) continue;
      const free =
        d.state === "pending" ||
        (d.state === "sending" && !held(d, at)) ||
        (d.state === "failed" &&
          d.attempts < o.maxAttempts &&
          (d.permanent || (d.nextAttemptAt?.toMillis() ?? 0) <= at));
      if (!free || d.attempts >= o.maxAttempts) continue;
      Object.assign(d, {
        state: "sending",
        attempts: d.attempts + 1,
        claimId,
        leaseUntil: Timestamp.fromMillis(at + o.leaseMs),
        nextAttemptAt: undefined,
      });
      claimed.push(d.to);
    }
    const recipientsChanged = doc?.recipients?.join("\n") !== entry.message.to.join("\n");
    if (claimed.length > 0 || !doc || recipientsChanged || carried) {
      const fields = docFields(deliveries, entry.message.to, now);
      if (doc) tx.update(ref, forUpdate(fields));
      else
        tx.create(ref, {
          kind: entry.kind,
          revision: entry.revision,
          messageId: entry.message.messageId,
          ...entry.fields,
          ...forCreate(fields),
          createdAt: Timestamp.fromDate(now),
        });
    }
    return { claimId, to: claimed, deliveries };
  });
}

interface Outcome {
  sent: string[];
  failed: { to: string; error: string; permanent: boolean }[];
}

/** Records each claimed recipient's outcome, unless another sender took the claim over meanwhile. */
async function settle(
  db: Firestore,
  ref: DocumentReference,
  entry: OutboxEntry,
  claimId: string,
  outcome: Outcome,
  now: Date,
  backoffMs: (failures: number) => number,
): Promise<Delivery[]> {
  return db.runTransaction(async (tx) => {
    const doc = (await tx.get(ref)).data() as Partial<OutboxDoc> | undefined;
    const deliveries = deliveriesOf(doc).map((d) => ({ ...d }));
    const stamp = Timestamp.fromDate(now);
    for (const d of deliveries) {
      // A sent mark always wins: the message went out whoever's claim it was.
      if (outcome.sent.includes(d.to) && d.state !== "sent") {
        Object.assign(d, {
          state: "sent",
          sentAt: stamp,
          claimId: undefined,
          leaseUntil: undefined,
          nextAttemptAt: undefined,
          error: undefined,
          permanent: undefined,
        });
        continue;
      }
      const failure = outcome.failed.find((f) => f.to === d.to);
      if (!failure || d.state === "sent" || d.claimId !== claimId) continue;
      Object.assign(d, {
        state: "failed",
        error: failure.error,
        permanent: failure.permanent || undefined,
        claimId: undefined,
        leaseUntil: undefined,
        nextAttemptAt: failure.permanent
          ? undefined
          : Timestamp.fromMillis(now.getTime() + backoffMs(d.attempts)),
      });
    }
    tx.update(ref, forUpdate(docFields(deliveries, doc?.recipients ?? entry.message.to, now)));
    return deliveries;
  });
}

/**
 * Sends an entry's message once to each of its recipients: claims the deliveries that are due, mails
 * them in one SMTP transaction, records each recipient's outcome. Transient failures are retried within
 * the call (attemptsPerCall, by the project's retry helper, waiting backoffMs); refused addresses wait
 * for the next call.
 */
export async function sendOnce(deps: OutboxDeps, entry: OutboxEntry): Promise<SendStatus> {
  const o = {
    leaseMs: 120_000,
    maxAttempts: 5,
    attemptsPerCall: 3,
    backoffMs: defaultBackoff,
    now: () => new Date(),
    sleep: defaultSleep,
    ...deps.options,
  };
  if (entry.message.to.length === 0) {
    throw new AppError("MAIL_NO_RECIPIENTS", "ไม่มีผู้รับรายงาน / the report has no recipients");
  }
  const ref = deps.db.collection(REPORTS_COLLECTION).doc(entry.docId);
  const delivered = new Set<string>();
  const attempt = async (): Promise<SendStatus> => {
    const c = await claim(deps.db, ref, entry, o.now(), o);
    if (c.to.length === 0) return statusOf(entry, c.deliveries, delivered, o.now());
    let outcome: Outcome;
    try {
      const result = await deps.mailer.send({ ...entry.message, envelopeTo: c.to });
      outcome = {
        sent: result.accepted,
        failed: result.rejected.map((r) => ({ to: r.address, error: r.error, permanent: r.permanent })),
      };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const permanent = isAppErrorPermanent(e);
      outcome = { sent: [], failed: c.to.map((to) => ({ to, error, permanent })) };
    }
    for (const to of outcome.sent) delivered.add(to);
    const deliveries = await settle(deps.db, ref, entry, c.claimId, outcome, o.now(), o.backoffMs);
    const status = statusOf(entry, deliveries, delivered, o.now());
    const retry = outcome.failed.filter((f) => !f.permanent);
    const tries = Math.max(
      0,
      ...deliveries.filter((d) => retry.some((f) => f.to === d.to)).map((d) => d.attempts),
    );
    if (retry.length === 0 || tries >= o.maxAttempts) return status;
    throw new SendAgain(status, o.backoffMs(tries));
  };
  try {
    return await withRetry(attempt, sendAgainRule, {
      attempts: o.attemptsPerCall,
      maxDelayMs: Number.POSITIVE_INFINITY,
      sleep: o.sleep,
    });
  } catch (e) {
    // The call's last attempt still left a transient failure: its status says so, for the next call.
    if (e instanceof SendAgain) return e.status;
    throw e;
  }
}

/** An attempt that left transient failures (and attempts) over: another within this call is due. */
class SendAgain extends Error {
  readonly status: SendStatus;
  readonly waitMs: number;
  constructor(status: SendStatus, waitMs: number) {
    super("a recipient's delivery failed transiently");
    this.status = status;
    this.waitMs = waitMs;
  }
}

const sendAgainRule: RetryRule = {
  isRetryable: (e) => e instanceof SendAgain,
  delayHintMs: (e) => (e instanceof SendAgain ? e.waitMs : undefined),
};

/** A failure the server called permanent (5xx): retrying within the call would only be refused again. */
function isAppErrorPermanent(e: unknown): boolean {
  const details = (e as { details?: { permanent?: boolean } } | undefined)?.details;
  return details?.permanent === true;
}
