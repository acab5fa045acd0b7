// The Cloud Functions and their dependencies, registered with the Functions Framework. Side-effect
// free: index.ts (the deployed entry) and `kbo serve` call registerFunctions with their own deps.
// Handlers and heavy adapters load on first use, so a cold start loads only the Functions Framework,
// zod and the token verifier (Firestore on the first real request; puppeteer only in meetingReport).
import type { Firestore } from "@google-cloud/firestore";
import { type CloudEvent, cloudEvent, http } from "@google-cloud/functions-framework";
import { createLogger, type Logger } from "./adapters/log/logger.ts";
import type { Mailer } from "./adapters/mail/mailer.ts";
import type { PdfRenderer } from "./adapters/pdf/pdf-renderer.ts";
import type { QuotaPacer } from "./adapters/sheets/quota-pacer.ts";
import type { SheetsApi } from "./adapters/sheets/sheets-client.ts";
import { type Config, redactConfig } from "./config.ts";
import { type CallerVerifier, idTokenVerifier } from "./handlers/auth.ts";
import { answerFrameworkErrorsAsJson } from "./handlers/framework-errors.ts";
import { DEFAULT_MAX_BODY_BYTES, jsonHandler } from "./handlers/http.ts";
import { type RateLimiter, tokenBucketLimiter } from "./handlers/rate-limit.ts";
import {
  MeetingReportBodySchema,
  RebuildSummariesBodySchema,
  ScheduledSummaryMessageSchema,
  SummaryReportBodySchema,
  SyncBodySchema,
} from "./handlers/wire.ts";

export interface FunctionDeps {
  db: () => Firestore | Promise<Firestore>;
  verifyCaller: CallerVerifier;
  now: () => Date;
  /** The Sheets API client (default: Google's, with the service account's default credentials). */
  sheets?: () => SheetsApi | Promise<SheetsApi>;
  /** What the Sheets calls of this instance share: the quota pacer, and the account staff share with. */
  sheetsCalls?: () => Promise<{ pacer?: QuotaPacer; serviceAccount?: string }>;
  /** The PDF renderer (default: Chromium through puppeteer-core, started on the first report). */
  pdf?: () => Promise<PdfRenderer>;
  /** The mailer (default: SMTP_URL, else .eml files under out/mail). */
  mailer?: () => Promise<Mailer>;
  /** The bound on each caller's request rate, shared by every function (none when absent). */
  rateLimit?: RateLimiter;
  /** Structured logs; each request's entries carry its requestId. */
  log: Logger;
  /** The project id, linking log entries to Cloud Trace. */
  projectId?: string;
  /** Who receives the programme summary (SUMMARY_RECIPIENTS). */
  summaryRecipients?: string[];
}

/** Memoises an async factory: one browser, one client per process. */
function once<T>(make: () => T | Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= Promise.resolve().then(make);
    return value;
  };
}

export function createDeps(config: Config): FunctionDeps {
  const log = createLogger();
  // Once at start-up, with the SMTP password masked.
  log.info("configuration loaded", { config: redactConfig(config) });
  return {
    log,
    projectId: config.projectId,
    db: once(async () => (await import("./adapters/firestore/client.ts")).createFirestore(config)),
    verifyCaller: idTokenVerifier({
      audience: config.idTokenAudience,
      allowedCallers: config.allowedCallers,
    }),
    now: () => new Date(),
    rateLimit: tokenBucketLimiter(),
    sheets: once(async () => (await import("./adapters/sheets/sheets-client.ts")).sheetsApiFor(config)),
    sheetsCalls: once(async () => {
      const [{ quotaPacer }, { serviceAccountEmail }] = await Promise.all([
        import("./adapters/sheets/quota-pacer.ts"),
        import("./adapters/sheets/sheets-client.ts"),
      ]);
      return { pacer: quotaPacer(), serviceAccount: await serviceAccountEmail(config) };
    }),
    pdf: once(async () => {
      const { createPdfRenderer } = await import("./adapters/pdf/pdf-renderer.ts");
      // CHROMIUM_PATH, else a system Chromium, else @sparticuz/chromium (the cloud's): find-chromium.ts.
      return createPdfRenderer(config.chromiumPath ? { chromiumPath: config.chromiumPath } : {});
    }),
    mailer: once(async () => (await import("./adapters/mail/mailer.ts")).createMailer(config)),
    summaryRecipients: config.summaryRecipients,
  };
}

export const FUNCTION_NAMES = ["sync", "rebuildSummaries", "meetingReport", "summaryReport"] as const;
export const EVENT_FUNCTION_NAMES = ["reconcile", "scheduledSummaryReport"] as const;

/** The JSON a Pub/Sub CloudEvent carries (base64 in message.data); none or unreadable → {}. */
export function pubSubJson(event: CloudEvent<unknown>): unknown {
  const data = (event.data as { message?: { data?: string } } | undefined)?.message?.data;
  if (!data) return {};
  try {
    return JSON.parse(Buffer.from(data, "base64").toString("utf8"));
  } catch {
    return {};
  }
}

export function registerFunctions(deps: FunctionDeps): void {
  // What the Framework's body parsers refuse is answered as JSON too, with the same size bound.
  answerFrameworkErrorsAsJson(deps.log, DEFAULT_MAX_BODY_BYTES);
  // Every function: the caller's ID token first, then the caller's rate bound.
  const guard = {
    verifyCaller: deps.verifyCaller,
    rateLimit: deps.rateLimit,
    log: deps.log,
    projectId: deps.projectId,
  };
  http(
    "sync",
    jsonHandler({ schema: SyncBodySchema, name: "sync", ...guard }, async (body, ctx) => {
      const [{ sync }, { syncPortsOf }, db] = await Promise.all([
        import("./handlers/sync.ts"),
        import("./adapters/firestore/sync-ports.ts"),
        deps.db(),
      ]);
      return sync({ ...syncPortsOf(db), now: deps.now, log: ctx.log }, body, ctx.caller);
    }),
  );
  http(
    "rebuildSummaries",
    jsonHandler(
      { schema: RebuildSummariesBodySchema, name: "rebuildSummaries", ...guard },
      async (body, ctx) => {
        if (!deps.sheets) throw new Error("no Sheets API configured");
        const [{ rebuildSummaries }, { rebuildSummariesPorts }] = await Promise.all([
          import("./handlers/rebuild-summaries.ts"),
          import("./adapters/ports.ts"),
        ]);
        const calls = (await deps.sheetsCalls?.()) ?? {};
        return rebuildSummaries(
          rebuildSummariesPorts({ db: await deps.db(), sheets: await deps.sheets(), log: ctx.log, ...calls }),
          body,
        );
      },
    ),
  );
  http(
    "meetingReport",
    jsonHandler({ schema: MeetingReportBodySchema, name: "meetingReport", ...guard }, async (body, ctx) => {
      const [outbox, { meetingReport }, db] = await Promise.all([
        import("./adapters/firestore/report-outbox.ts"),
        import("./handlers/meeting-report.ts"),
        deps.db(),
      ]);
      return meetingReport(
        {
          loadMeeting: (spreadsheetId, number) => outbox.loadMeetingForReport(db, spreadsheetId, number),
          renderPdf: async (model) => {
            if (!deps.pdf) throw new Error("no PDF renderer configured");
            return (await deps.pdf()).renderReport(model);
          },
          revisionOf: outbox.reportRevision,
          log: ctx.log,
          sendReport: async (input) => {
            if (!deps.mailer) throw new Error("no mailer configured");
            return outbox.sendReportOnce({ db, mailer: await deps.mailer() }, input);
          },
        },
        body,
      );
    }),
  );
  const summaryPorts = async (log: Logger) => {
    const [{ summaryReportPorts }, db] = await Promise.all([
      import("./adapters/summary-report-ports.ts"),
      deps.db(),
    ]);
    return summaryReportPorts({
      db,
      renderer: async () => {
        if (!deps.pdf) throw new Error("no PDF renderer configured");
        return deps.pdf();
      },
      mailer: async () => {
        if (!deps.mailer) throw new Error("no mailer configured");
        return deps.mailer();
      },
      recipients: deps.summaryRecipients ?? [],
      now: deps.now,
      log,
    });
  };
  http(
    "summaryReport",
    jsonHandler({ schema: SummaryReportBodySchema, name: "summaryReport", ...guard }, async (body, ctx) => {
      const { summaryReport } = await import("./handlers/summary-report.ts");
      return summaryReport(await summaryPorts(ctx.log), body);
    }),
  );
  cloudEvent("scheduledSummaryReport", async (event: CloudEvent<unknown>) => {
    const { scheduledSummaryReport } = await import("./handlers/summary-report.ts");
    // A malformed message sends the province view rather than failing (and being redelivered) forever.
    const parsed = ScheduledSummaryMessageSchema.safeParse(pubSubJson(event));
    const log = deps.log.child({
      function: "scheduledSummaryReport",
      requestId: `summary-${event.id}`,
    });
    await scheduledSummaryReport(await summaryPorts(log), parsed.success ? parsed.data : {});
  });
  cloudEvent("reconcile", async (event: CloudEvent<unknown>) => {
    if (!deps.sheets) throw new Error("no Sheets API configured");
    const [{ ReconcileMessageSchema, reconcile }, { reconcilePorts }] = await Promise.all([
      import("./handlers/reconcile.ts"),
      import("./adapters/ports.ts"),
    ]);
    // A malformed message reconciles every source rather than failing (and being redelivered) forever.
    const parsed = ReconcileMessageSchema.safeParse(pubSubJson(event));
    const requestId = `reconcile-${event.id}`;
    const log = deps.log.child({ function: "reconcile", requestId });
    log.info("reconcile: started", { spreadsheetIds: parsed.success ? parsed.data.spreadsheetIds : "all" });
    const calls = (await deps.sheetsCalls?.()) ?? {};
    const result = await reconcile(
      reconcilePorts({ db: await deps.db(), sheets: await deps.sheets(), now: deps.now, log, ...calls }),
      parsed.success ? parsed.data : {},
      requestId,
    );
    log.info("reconcile: finished", { repaired: result.repaired, sources: result.sources.length });
  });
}
