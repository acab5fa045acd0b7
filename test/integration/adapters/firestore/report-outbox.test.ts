// The report outbox against the real Firestore emulator and a real SMTP server: one e-mail per
// report revision per recipient under concurrency, refusals recorded per recipient then retried for
// those only, crash recovery by lease, and reports sent by the version before per-recipient deliveries.
import type { Firestore } from "@google-cloud/firestore";
import { Timestamp } from "@google-cloud/firestore";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../../functions/src/adapters/firestore/client.ts";
import {
  legacyReportRevision,
  type OutboxOptions,
  type ReportOutboxDoc,
  reportDocId,
  reportRevision,
  sendReportOnce,
} from "../../../../functions/src/adapters/firestore/report-outbox.ts";
import { createMailer, type Mailer } from "../../../../functions/src/adapters/mail/mailer.ts";
import { reportMessageId } from "../../../../functions/src/adapters/mail/report-message.ts";
import { buildReportModel } from "../../../../functions/src/domain/report-model.ts";
import { clearFirestore } from "../../support/firestore-emulator.ts";
import { startSmtpServer, type TestSmtpServer } from "../../support/smtp-server.ts";
import { seedMeeting } from "../pdf/sample-meeting.ts";

const host = inject("firestoreHost");
const projectId = inject("firestoreProjectId");
const db: Firestore = createFirestore({ firestoreEmulatorHost: host, projectId });
let smtp: TestSmtpServer;
let mailer: Mailer;
// The PDF's bytes do not matter here (the mail test checks them); a small stand-in keeps this fast.
const pdf = new TextEncoder().encode("%PDF-1.4 รายงาน\n%%EOF");
const fast: OutboxOptions = { backoffMs: () => 30, attemptsPerCall: 3, maxAttempts: 5 };

beforeAll(async () => {
  smtp = await startSmtpServer();
  mailer = createMailer({ smtpUrl: smtp.url, mailFrom: "KBO <kbo@example.org>", outDir: "out" });
});
afterAll(async () => {
  mailer.close();
  await smtp.stop();
  await db.terminate();
});
beforeEach(async () => {
  await clearFirestore(host, projectId);
  smtp.reset();
});

const outboxDoc = async (model: ReturnType<typeof buildReportModel>) =>
  (
    await db
      .collection("reports")
      .doc(reportDocId(model, reportRevision(model)))
      .get()
  ).data() as ReportOutboxDoc | undefined;

describe("report outbox", () => {
  const model = buildReportModel(seedMeeting());

  it("sends one e-mail when two senders race, and none when asked again", async () => {
    const results = await Promise.all([
      sendReportOnce({ db, mailer, options: fast }, { model, pdf }),
      sendReportOnce({ db, mailer, options: fast }, { model, pdf }),
    ]);
    expect(results.filter((r) => r.delivered)).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.subject).toBe(`${model.title} ${model.number}`);
    const again = await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(again).toMatchObject({ status: "sent", delivered: false });
    expect(smtp.messages).toHaveLength(1);
    const doc = await outboxDoc(model);
    expect(doc).toMatchObject({ state: "sent", attempts: 1, meeting: "1/2563", meetingId: "MTG-2563-001" });
    expect(doc!.messageId).toBe(reportMessageId(model, reportRevision(model)));
    expect(smtp.messages[0]!.messageId).toBe(doc!.messageId);
  });

  it("records a refusal and retries with backoff within the call, sending once", async () => {
    smtp.refuseNext(1);
    const result = await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(result).toMatchObject({ status: "sent", attempts: 2, delivered: true });
    expect(smtp.refused()).toBeGreaterThanOrEqual(1);
    expect(smtp.messages).toHaveLength(1);
    expect(await outboxDoc(model)).toMatchObject({ state: "sent", attempts: 2 });
  });

  it("leaves a failed report with its error and attempts, and a later call sends it once", async () => {
    smtp.refuseAll(true);
    const failed = await sendReportOnce(
      { db, mailer, options: { ...fast, attemptsPerCall: 2 } },
      { model, pdf },
    );
    expect(failed).toMatchObject({ status: "failed", attempts: 2, delivered: false });
    const doc = await outboxDoc(model);
    expect(doc).toMatchObject({ state: "failed", attempts: 2 });
    expect(doc!.error).toMatch(/451|try again later/);
    for (const d of doc!.deliveries) expect(d.nextAttemptAt).toBeInstanceOf(Timestamp);
    expect(smtp.messages).toHaveLength(0);

    smtp.refuseAll(false);
    await new Promise((r) => setTimeout(r, 40));
    const sent = await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(sent).toMatchObject({ status: "sent", attempts: 3, delivered: true });
    expect(smtp.messages).toHaveLength(1);
    const after = await outboxDoc(model);
    expect(after!.error).toBeUndefined();
  });

  it("waits out the backoff of an earlier failure and stops at the attempt limit", async () => {
    smtp.refuseAll(true);
    const slow = { ...fast, backoffMs: () => 60_000, attemptsPerCall: 1, maxAttempts: 2 };
    await sendReportOnce({ db, mailer, options: slow }, { model, pdf });
    const early = await sendReportOnce({ db, mailer, options: slow }, { model, pdf });
    expect(early).toMatchObject({ status: "failed", attempts: 1, delivered: false });
    const later = () => new Date(Date.now() + 120_000);
    await sendReportOnce({ db, mailer, options: { ...slow, now: later } }, { model, pdf });
    smtp.refuseAll(false);
    const limit = await sendReportOnce({ db, mailer, options: { ...slow, now: later } }, { model, pdf });
    expect(limit).toMatchObject({ status: "failed", attempts: 2, delivered: false });
    expect(smtp.messages).toHaveLength(0);
  });

  it("one address refused (550) while the other is accepted: that one is failed and named, the other sent, and a later call retries only it", async () => {
    const [manager, otop] = model.recipients;
    smtp.refuseRecipient(otop!, 550);
    const first = await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(first).toMatchObject({ status: "failed", delivered: true, failed: [otop] });
    expect(first.error).toContain(otop);
    expect(first.error).toMatch(/550/);
    expect(first.recipients).toEqual([
      expect.objectContaining({ to: manager, status: "sent", delivered: true }),
      expect.objectContaining({ to: otop, status: "failed", delivered: false, permanent: true }),
    ]);
    // A 5xx is not retried within the call: one message, to the accepted address only.
    expect(smtp.envelopes).toEqual([[manager]]);
    const doc = await outboxDoc(model);
    expect(doc).toMatchObject({ state: "failed", recipients: [manager, otop] });
    expect(doc!.deliveries.find((d) => d.to === manager)).toMatchObject({ state: "sent", attempts: 1 });
    expect(doc!.deliveries.find((d) => d.to === otop)).toMatchObject({ state: "failed", attempts: 1 });
    expect(doc!.deliveries.find((d) => d.to === otop)!.error).toMatch(/550 5\.1\.1/);

    // Still refused: still failed, and the manager gets nothing more.
    const again = await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(again).toMatchObject({ status: "failed", delivered: false, failed: [otop] });
    expect(smtp.envelopes).toEqual([[manager]]);

    // The mailbox is fixed: the next call sends to it alone, under the same Message-ID.
    smtp.refuseRecipient(otop!, 0);
    const fixed = await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(fixed).toMatchObject({ status: "sent", delivered: true, failed: [] });
    expect(smtp.envelopes).toEqual([[manager], [otop]]);
    expect(smtp.messages[1]!.messageId).toBe(smtp.messages[0]!.messageId);
    // The header names both recipients; only the envelope is limited to the retry.
    const to = smtp.messages[1]!.to;
    expect((Array.isArray(to) ? to : [to!]).flatMap((t) => t.value.map((v) => v.address))).toEqual([
      manager,
      otop,
    ]);
    expect(await outboxDoc(model)).toMatchObject({ state: "sent" });
    const done = await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(done).toMatchObject({ status: "sent", delivered: false });
    expect(smtp.messages).toHaveLength(2);
  });

  it("every address refused at RCPT: each is failed with its own answer, nothing is marked sent", async () => {
    for (const r of model.recipients) smtp.refuseRecipient(r, 550);
    const s = await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(s).toMatchObject({ status: "failed", delivered: false, failed: model.recipients });
    expect(s.recipients.map((r) => r.error)).toEqual(model.recipients.map((r) => expect.stringContaining(r)));
    expect(smtp.messages).toHaveLength(0);
  });

  it("a temporary refusal (450) of one address is retried within the call, the other is not sent twice", async () => {
    const [manager, otop] = model.recipients;
    smtp.refuseRecipient(otop!, 450);
    let waits = 0;
    const s = await sendReportOnce(
      {
        db,
        mailer,
        options: {
          ...fast,
          sleep: async (ms) => {
            waits++;
            if (waits === 1) smtp.refuseRecipient(otop!, 0);
            await new Promise((r) => setTimeout(r, ms));
          },
        },
      },
      { model, pdf },
    );
    expect(s).toMatchObject({ status: "sent", delivered: true, failed: [] });
    expect(smtp.envelopes).toEqual([[manager], [otop]]);
    expect(s.recipients.find((r) => r.to === otop)).toMatchObject({ attempts: 2 });
    expect(s.recipients.find((r) => r.to === manager)).toMatchObject({ attempts: 1 });
  });

  it("a recipient added later gets this revision alone; the others are not sent it again", async () => {
    const one = { ...model, recipients: ["manager@example.org"] };
    await sendReportOnce({ db, mailer, options: fast }, { model: one, pdf });
    const two = { ...model, recipients: ["manager@example.org", "new@example.org"] };
    expect(reportRevision(two)).toBe(reportRevision(one));
    const s = await sendReportOnce({ db, mailer, options: fast }, { model: two, pdf });
    expect(s).toMatchObject({ status: "sent", delivered: true });
    expect(smtp.envelopes).toEqual([["manager@example.org"], ["new@example.org"]]);
  });

  it("sends a new revision, with a new Message-ID, when the meeting is edited", async () => {
    await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    const edited = seedMeeting();
    edited.agenda[0]!.resolution = "ที่ประชุมรับทราบและมอบหมายฝ่ายเลขานุการ";
    const editedModel = buildReportModel(edited);
    expect(reportRevision(editedModel)).not.toBe(reportRevision(model));
    expect(reportRevision(buildReportModel(seedMeeting()))).toBe(reportRevision(model));
    const result = await sendReportOnce({ db, mailer, options: fast }, { model: editedModel, pdf });
    expect(result).toMatchObject({ status: "sent", delivered: true });
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[0]!.messageId).not.toBe(smtp.messages[1]!.messageId);
    expect((await db.collection("reports").get()).size).toBe(2);
  });

  it("after a crash between sending and marking, resends under the same Message-ID once the lease ends", async () => {
    const revision = reportRevision(model);
    const ref = db.collection("reports").doc(reportDocId(model, revision));
    const crashed = {
      meeting: "1/2563",
      revision,
      state: "sending",
      attempts: 1,
      messageId: reportMessageId(model, revision),
      recipients: model.recipients,
      claimId: "crashed-sender",
      createdAt: Timestamp.now(),
      updatedAt: Timestamp.now(),
    };
    await ref.set({ ...crashed, leaseUntil: Timestamp.fromMillis(Date.now() + 60_000) });
    const held = await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(held).toMatchObject({ status: "sending", delivered: false });
    expect(smtp.messages).toHaveLength(0);

    await ref.set({ ...crashed, leaseUntil: Timestamp.fromMillis(Date.now() - 1) });
    const resent = await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(resent).toMatchObject({ status: "sent", attempts: 2, delivered: true });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.messageId).toBe(crashed.messageId);
  });
});

describe("reports an earlier version sent (before recipients left the revision)", () => {
  const model = buildReportModel(seedMeeting());
  const [manager, otop] = model.recipients as [string, string];

  /** An outbox document as kbo wrote it before deliveries were per recipient: one state for the whole message, keyed by content and recipients. */
  async function writeOldDoc(recipients: string[], fields: Record<string, unknown> = {}, m = model) {
    const revision = legacyReportRevision(m, recipients);
    const id = `1-2563_${revision}`;
    const at = Timestamp.fromDate(new Date("2026-10-01T02:00:00Z"));
    await db
      .collection("reports")
      .doc(id)
      .set({
        meeting: "1/2563",
        meetingId: "MTG-2563-001",
        revision,
        state: "sent",
        attempts: 1,
        messageId: `<report.1-2563.${revision}@kbo-records>`,
        recipients,
        createdAt: at,
        updatedAt: at,
        sentAt: at,
        ...fields,
      });
    return id;
  }

  it("computes the earlier revision as that version did (hashes it wrote for the seed's meeting)", () => {
    // Printed by kbo at the commit before d55f6f2, for this very meeting.
    expect(legacyReportRevision(model, model.recipients)).toBe("086cf63723ae6cc1");
    expect(legacyReportRevision(model, [manager])).toBe("83b24613248b9543");
    expect(reportRevision(model)).not.toBe("086cf63723ae6cc1");
  });

  it("a report sent before the upgrade is not sent again: each recipient counts as sent, carried from the old document", async () => {
    const old = await writeOldDoc([manager, otop]);
    const s = await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(s).toMatchObject({ status: "sent", delivered: false, failed: [] });
    expect(s.recipients.map((r) => [r.to, r.status, r.delivered])).toEqual([
      [manager, "sent", false],
      [otop, "sent", false],
    ]);
    expect(smtp.messages).toHaveLength(0);
    const doc = await outboxDoc(model);
    expect(doc).toMatchObject({ state: "sent", kind: "meeting" });
    expect(doc!.deliveries.map((d) => [d.to, d.state, d.carriedFrom])).toEqual([
      [manager, "sent", old],
      [otop, "sent", old],
    ]);
    // The old document is read, never changed.
    expect((await db.collection("reports").doc(old).get()).get("deliveries")).toBeUndefined();
    await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(smtp.messages).toHaveLength(0);
  });

  it("a recipient added since the old send gets the report alone", async () => {
    await writeOldDoc([manager]);
    const s = await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(s).toMatchObject({ status: "sent", delivered: true });
    expect(smtp.envelopes).toEqual([[otop]]);
  });

  it("every old document of the same content counts, whatever its recipients; a failed one sends nothing by itself", async () => {
    await writeOldDoc([manager]);
    await writeOldDoc([otop], { state: "failed", sentAt: null, error: "451 try again later" });
    await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(smtp.envelopes).toEqual([[otop]]);
  });

  it("an old document of other content (the meeting edited since) does not count: the new revision goes to both", async () => {
    const edited = seedMeeting();
    edited.agenda[0]!.resolution = "ที่ประชุมรับทราบและมอบหมายฝ่ายเลขานุการ";
    await writeOldDoc([manager, otop], {}, buildReportModel(edited));
    await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(smtp.envelopes).toEqual([[manager, otop]]);
  });

  it("an old process still sending it (a live lease) is waited for; its sent mark is then taken over, or, if it died, the report is sent once", async () => {
    const lease = (ms: number) => Timestamp.fromMillis(Date.now() + ms);
    const old = await writeOldDoc([manager, otop], {
      state: "sending",
      claimId: "old-sender",
      leaseUntil: lease(60_000),
      sentAt: null,
    });
    const held = await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(held).toMatchObject({ status: "sending", delivered: false });
    expect(smtp.messages).toHaveLength(0);
    // The old process finishes: its sent mark counts here.
    await db
      .collection("reports")
      .doc(old)
      .update({ state: "sent", sentAt: Timestamp.now(), leaseUntil: null });
    const after = await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    expect(after).toMatchObject({ status: "sent", delivered: false });
    expect(smtp.messages).toHaveLength(0);

    // Another meeting state: the old process died mid-send and its lease ran out.
    await clearFirestore(host, projectId);
    await writeOldDoc([manager, otop], {
      state: "sending",
      claimId: "old-sender",
      leaseUntil: lease(60_000),
      sentAt: null,
    });
    await sendReportOnce({ db, mailer, options: fast }, { model, pdf });
    const later = () => new Date(Date.now() + 120_000);
    const resent = await sendReportOnce({ db, mailer, options: { ...fast, now: later } }, { model, pdf });
    expect(resent).toMatchObject({ status: "sent", delivered: true });
    expect(smtp.envelopes).toEqual([[manager, otop]]);
  });
});
