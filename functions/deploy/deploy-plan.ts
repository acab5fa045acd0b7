// What `npm run deploy` does, as data: the gcloud/firebase commands for every function, the secret,
// the scheduler job, and the Firestore rules and indexes. Pure, so --dry-run and its test see exactly
// what a real deploy runs.
import type { DeployConfig } from "./deploy-config.ts";

export const FUNCTIONS = [
  { name: "sync", trigger: "http", memory: "512Mi", timeout: "300s", mail: false },
  { name: "rebuildSummaries", trigger: "http", memory: "512Mi", timeout: "300s", mail: false },
  // Chromium needs at least 1 GiB; 2 GiB keeps a 60-page report comfortable.
  { name: "meetingReport", trigger: "http", memory: "2Gi", timeout: "300s", mail: true },
  { name: "summaryReport", trigger: "http", memory: "2Gi", timeout: "300s", mail: true },
  {
    name: "reconcile",
    trigger: "topic",
    topic: "kbo-reconcile",
    memory: "512Mi",
    timeout: "540s",
    mail: true,
  },
  // The monthly programme summary (Chromium): woken by its own Cloud Scheduler job.
  {
    name: "scheduledSummaryReport",
    trigger: "topic",
    topic: "kbo-summary-report",
    memory: "2Gi",
    timeout: "540s",
    mail: true,
  },
] as const;

export const RUNTIME = "nodejs24";
export const RECONCILE_TOPIC = "kbo-reconcile";
export const SUMMARY_TOPIC = "kbo-summary-report";

export interface PlannedCommand {
  /** What it is for, shown before it runs. */
  why: string;
  argv: string[];
  /** Failing is fine (e.g. "create" of something that exists). */
  mayFail?: boolean;
}

export function deployPlan(c: DeployConfig, sourceDir: string): PlannedCommand[] {
  const project = ["--project", c.GOOGLE_CLOUD_PROJECT];
  const envVars = [
    `ID_TOKEN_AUDIENCE=${c.ID_TOKEN_AUDIENCE}`,
    `ALLOWED_CALLERS=${c.ALLOWED_CALLERS.replace(/\s*,\s*/g, ";")}`,
    `MAIL_FROM=${c.MAIL_FROM}`,
    // Named to staff whose spreadsheet is not shared with it (reconcile, rebuildSummaries).
    `KBO_SERVICE_ACCOUNT=${c.serviceAccount}`,
    // Who receives the programme summary; ";" as for ALLOWED_CALLERS.
    ...(c.SUMMARY_RECIPIENTS
      ? [`SUMMARY_RECIPIENTS=${c.SUMMARY_RECIPIENTS.replace(/\s*[,;]\s*/g, ";")}`]
      : []),
  ];
  const plan: PlannedCommand[] = [
    {
      why: "Pub/Sub topic that Cloud Scheduler uses to wake reconcile",
      argv: ["gcloud", "pubsub", "topics", "create", RECONCILE_TOPIC, ...project],
      mayFail: true,
    },
    {
      why: "Pub/Sub topic that Cloud Scheduler uses to start the monthly summary report",
      argv: ["gcloud", "pubsub", "topics", "create", SUMMARY_TOPIC, ...project],
      mayFail: true,
    },
    {
      why: "the SMTP URL (with its password) lives in Secret Manager, never in an environment variable",
      argv: ["gcloud", "secrets", "describe", c.KBO_SMTP_SECRET, ...project],
    },
  ];
  for (const fn of FUNCTIONS) {
    const argv = [
      "gcloud",
      "functions",
      "deploy",
      fn.name,
      "--gen2",
      `--runtime=${RUNTIME}`,
      `--region=${c.KBO_REGION}`,
      `--source=${sourceDir}`,
      `--entry-point=${fn.name}`,
      `--memory=${fn.memory}`,
      `--timeout=${fn.timeout}`,
      `--service-account=${c.serviceAccount}`,
      // ALLOWED_CALLERS is joined with ";" above: gcloud splits --set-env-vars on commas.
      `--set-env-vars=^|^${envVars.join("|")}`,
      ...(fn.mail ? [`--set-secrets=SMTP_URL=${c.KBO_SMTP_SECRET}:latest`] : []),
      ...(fn.trigger === "http"
        ? // Apps Script's identity token names the script's OAuth client, not the function URL, so Cloud Run's
          // IAM check cannot accept it: the function verifies the token and the caller itself.
          ["--trigger-http", "--allow-unauthenticated"]
        : [`--trigger-topic=${"topic" in fn ? fn.topic : RECONCILE_TOPIC}`]),
      ...project,
    ];
    plan.push({ why: `deploy ${fn.name} (${fn.memory})`, argv });
  }
  // Cloud Scheduler jobs publish to the functions' topics, on Bangkok's clock.
  const schedulerJob = (why: string, name: string, schedule: string, topic: string, body: string) => ({
    why,
    argv: [
      "gcloud",
      "scheduler",
      "jobs",
      "create",
      "pubsub",
      name,
      `--location=${c.KBO_REGION}`,
      `--schedule=${schedule}`,
      "--time-zone=Asia/Bangkok",
      `--topic=${topic}`,
      `--message-body=${body}`,
      ...project,
    ],
    mayFail: true,
  });
  plan.push(
    schedulerJob(
      "Cloud Scheduler wakes reconcile to repair what missed triggers left",
      "kbo-reconcile",
      c.KBO_RECONCILE_SCHEDULE,
      RECONCILE_TOPIC,
      '{"all":true}',
    ),
    schedulerJob(
      "Cloud Scheduler sends the programme summary on the 1st of each month at 08:00, Bangkok time",
      "kbo-summary-report",
      c.KBO_SUMMARY_SCHEDULE,
      SUMMARY_TOPIC,
      "{}",
    ),
    {
      why: "Firestore rules (deny every client) and indexes",
      argv: [
        "npx",
        "--yes",
        "firebase-tools@13",
        "deploy",
        "--only",
        "firestore:rules,firestore:indexes",
        ...project,
      ],
    },
  );
  return plan;
}

/** A command as a shell line, quoted where needed, for --dry-run and logs. */
export function shellLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(" ");
}
