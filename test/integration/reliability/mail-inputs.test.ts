// The partial-mail-failure corpus (test/fixtures/bad-inputs/mail-cases.ts) through the real
// `kbo report --send`, the Firestore emulator's outbox and a real SMTP server on 127.0.0.1 that refuses
// single recipients. Most cases run the command in this process (the same command, parser and exit
// codes as bin/kbo.js) with one Chromium for all and a clock the case moves on, so a backoff costs no
// real waiting; the cases marked `process` run bin/kbo.js itself.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Timestamp } from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import type { Delivery } from "../../../functions/src/adapters/firestore/outbox.ts";
import { legacyReportRevision } from "../../../functions/src/adapters/firestore/report-outbox.ts";
import { createPdfRenderer } from "../../../functions/src/adapters/pdf/pdf-renderer.ts";
import { meetingFromValidation } from "../../../functions/src/cli/commands/report.ts";
import { validateFile } from "../../../functions/src/cli/commands/validate.ts";
import type { CliIo } from "../../../functions/src/cli/io.ts";
import { main } from "../../../functions/src/cli/main.ts";
import { buildReportModel, reportMeetingKey } from "../../../functions/src/domain/report-model.ts";
import { TAB_SPECS } from "../../../functions/src/domain/tabs.ts";
import { MAIL_CASES, type MailCaseContext, type MailOutcome } from "../../fixtures/bad-inputs/mail-cases.ts";
import { type BuilderCell, writeWorkbook } from "../../support/workbook-builder.ts";
import { closedPort } from "../support/closed-port.ts";
import { clearFirestore } from "../support/firestore-emulator.ts";
import { runKbo } from "../support/kbo-process.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server.ts";

const host = inject("firestoreHost");
const projectId = inject("firestoreProjectId");
const db = createFirestore({ firestoreEmulatorHost: host, projectId });
let root: string;
let smtp: TestSmtpServer;
let downPort: number;
const renderer = createPdfRenderer();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "kbo-mail-cases-"));
  smtp = await startSmtpServer();
  // A port nobody listens on: the server "down".
  downPort = await closedPort();
});
afterAll(async () => {
  await renderer.close();
  await smtp.stop();
  await db.terminate();
  await rm(root, { recursive: true, force: true });
});

const row = (tab: "meetings" | "attendees" | "agenda", values: Record<string, BuilderCell>): BuilderCell[] =>
  TAB_SPECS[tab].columns.map((c) => values[c.field] ?? null);
const header = (tab: "meetings" | "attendees" | "agenda") => TAB_SPECS[tab].columns.map((c) => c.th);

function contextFor(dir: string, inChildProcess: boolean): MailCaseContext {
  let down = false;
  let n = 0;
  let clock = Date.parse("2020-01-20T03:00:00Z");
  const pdf = join(dir, "report.pdf");
  const env = () => ({
    ...process.env,
    FIRESTORE_EMULATOR_HOST: host,
    GOOGLE_CLOUD_PROJECT: "",
    SMTP_URL: down ? `smtp://127.0.0.1:${downPort}` : smtp.url,
    KBO_OUT_DIR: dir,
  });
  const io = (out: { stdout: string; stderr: string }): CliIo => ({
    stdout: (t) => {
      out.stdout += `${t}\n`;
    },
    stderr: (t) => {
      out.stderr += `${t}\n`;
    },
    env: env(),
    cwd: dir,
    now: () => new Date(clock),
    sleep: async (ms) => {
      clock += ms;
    },
    pdfRenderer: renderer,
  });
  return {
    async workbook(recipients, resolution = "ที่ประชุมรับทราบ") {
      const file = join(dir, `meeting-${++n}.xlsx`);
      await writeWorkbook(file, [
        {
          name: "การประชุม",
          rows: [
            header("meetings"),
            row("meetings", {
              number: "1/2563",
              title: "การประชุมคณะกรรมการ KBO",
              date: "13/01/2563",
              start: "09.30 น.",
              end: "12.00 น.",
              place: "ห้องประชุม",
              recorder: "นางสาวสมใจ ใจดี",
              checker: "นายสมชาย รักงาน",
              recipients,
            }),
          ],
        },
        {
          name: "ผู้เข้าประชุม",
          rows: [
            header("attendees"),
            row("attendees", {
              meeting: "1/2563",
              name: "นางสมศรี มีสุข",
              position: "ประธาน",
              organisation: "สนง.พช.",
              attendance: "มาประชุม",
            }),
          ],
        },
        {
          name: "วาระการประชุม",
          rows: [
            header("agenda"),
            row("agenda", { meeting: "1/2563", item: "1", subject: "เรื่องที่ประธานแจ้ง", resolution }),
          ],
        },
      ]);
      return file;
    },
    async send(file) {
      const args = ["report", file, "--meeting", "1/2563", "--send", "--out", pdf];
      if (inChildProcess) {
        const run = await runKbo(args, { cwd: dir, env: env() });
        return { code: run.code ?? -1, stdout: run.stdout, stderr: run.stderr } satisfies MailOutcome;
      }
      clock += 1_000;
      const out = { stdout: "", stderr: "" };
      const code = await main(["node", "kbo", ...args], io(out));
      return { code, ...out } satisfies MailOutcome;
    },
    wait(ms) {
      if (inChildProcess) throw new Error("a case run as a child process reads the real clock: no wait()");
      clock += ms;
    },
    async sentByOldVersion(file, recipients) {
      const { validation } = await validateFile(file, io({ stdout: "", stderr: "" }));
      const model = buildReportModel(meetingFromValidation(validation, "1/2563"));
      const revision = legacyReportRevision(model, recipients);
      const at = Timestamp.fromMillis(clock - 86_400_000);
      // The document as the outbox wrote it then: one state for the whole message, no kind, no deliveries.
      await db
        .collection("reports")
        .doc(`${reportMeetingKey(model)}_${revision}`)
        .set({
          meeting: model.meetingNumber,
          ...(model.meetingId ? { meetingId: model.meetingId } : {}),
          revision,
          state: "sent",
          attempts: 1,
          messageId: `<report.${reportMeetingKey(model)}.${revision}@kbo-records>`,
          recipients,
          createdAt: at,
          updatedAt: at,
          sentAt: at,
        });
    },
    pdfWritten: () =>
      stat(pdf).then(
        (s) => s.size > 1000,
        () => false,
      ),
    refuse: (address, code = 550) => smtp.refuseRecipient(address, code),
    down: (on) => {
      down = on;
    },
    received: () => smtp.envelopes.map((e) => [...e]),
    async outbox() {
      const snap = await db.collection("reports").orderBy("createdAt").get();
      return new Map(snap.docs.map((d) => [d.id, d.get("deliveries") as Delivery[]]));
    },
  };
}

describe("partial mail failures (issue 17 §5)", () => {
  it("has at least a dozen cases with unique ids", () => {
    expect(MAIL_CASES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(MAIL_CASES.map((c) => c.id)).size).toBe(MAIL_CASES.length);
  });

  it.each(MAIL_CASES.map((c) => [c.id, c] as const))("%s", async (_id, c) => {
    await clearFirestore(host, projectId);
    smtp.reset();
    const dir = await mkdtemp(join(root, "case-"));
    const ctx = contextFor(dir, c.process === true);
    const out = await c.run(ctx);
    c.message(out);
    await c.stored(ctx);
  });
});
