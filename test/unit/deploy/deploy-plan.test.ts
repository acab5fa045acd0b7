import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadDeployConfig } from "../../../functions/deploy/deploy-config.ts";
import { deployPlan, FUNCTIONS, shellLine } from "../../../functions/deploy/deploy-plan.ts";

const ENV = {
  GOOGLE_CLOUD_PROJECT: "kbo-chiangmai",
  ID_TOKEN_AUDIENCE: "1234-abc.apps.googleusercontent.com",
  ALLOWED_CALLERS: "staff@example.go.th, boss@example.go.th",
};

describe("deploy plan", () => {
  const plan = deployPlan(loadDeployConfig(ENV), "dist/functions");
  const deploys = plan.filter((s) => s.argv.slice(0, 3).join(" ") === "gcloud functions deploy");

  it("deploys every function on gen2 nodejs24, with its memory, entry point and trigger", () => {
    expect(deploys.map((s) => s.argv[3])).toEqual(FUNCTIONS.map((f) => f.name));
    for (const s of deploys) {
      expect(s.argv).toContain("--gen2");
      expect(s.argv).toContain("--runtime=nodejs24");
      expect(s.argv).toContain(`--entry-point=${s.argv[3]}`);
      expect(s.argv).toContain("--region=asia-southeast1");
      expect(s.argv).toContain("--project");
    }
    const memory = (name: string) =>
      deploys.find((s) => s.argv[3] === name)!.argv.find((a) => a.startsWith("--memory="));
    expect(memory("meetingReport")).toBe("--memory=2Gi");
    expect(deploys.find((s) => s.argv[3] === "reconcile")!.argv).toContain("--trigger-topic=kbo-reconcile");
  });

  it("passes configuration as env vars and the SMTP URL only as a secret", () => {
    const report = deploys.find((s) => s.argv[3] === "meetingReport")!.argv;
    const env = report.find((a) => a.startsWith("--set-env-vars="))!;
    expect(env).toContain("ID_TOKEN_AUDIENCE=1234-abc.apps.googleusercontent.com");
    expect(env).toContain("ALLOWED_CALLERS=staff@example.go.th;boss@example.go.th");
    expect(env).toMatch(/KBO_SERVICE_ACCOUNT=kbo-functions@[a-z0-9-]+\.iam\.gserviceaccount\.com/);
    expect(env).not.toMatch(/SMTP/);
    expect(report).toContain("--set-secrets=SMTP_URL=kbo-smtp-url:latest");
    expect(deploys.find((s) => s.argv[3] === "sync")!.argv.join(" ")).not.toContain("SMTP_URL");
  });

  it("creates the scheduler job and deploys the Firestore rules", () => {
    const lines = plan.map((s) => shellLine(s.argv));
    expect(lines.some((l) => l.startsWith("gcloud scheduler jobs create pubsub kbo-reconcile"))).toBe(true);
    expect(lines.some((l) => l.includes("--time-zone=Asia/Bangkok"))).toBe(true);
    expect(lines.some((l) => l.includes("deploy --only firestore:rules,firestore:indexes"))).toBe(true);
  });

  it("creates the monthly summary: its function, topic and Cloud Scheduler job on the 1st at 08:00 Bangkok", () => {
    const lines = plan.map((s) => shellLine(s.argv));
    const job = lines.find((l) => l.startsWith("gcloud scheduler jobs create pubsub kbo-summary-report"));
    expect(job).toContain("'--schedule=0 8 1 * *'");
    expect(job).toContain("--time-zone=Asia/Bangkok");
    expect(job).toContain("--topic=kbo-summary-report");
    expect(lines).toContain("gcloud pubsub topics create kbo-summary-report --project kbo-chiangmai");
    const scheduled = deploys.find((s) => s.argv[3] === "scheduledSummaryReport")!.argv;
    expect(scheduled).toContain("--trigger-topic=kbo-summary-report");
    expect(scheduled).toContain("--memory=2Gi");
    expect(scheduled).toContain("--set-secrets=SMTP_URL=kbo-smtp-url:latest");
    const http = deploys.find((s) => s.argv[3] === "summaryReport")!.argv;
    expect(http).toContain("--trigger-http");
    const withRecipients = deployPlan(
      loadDeployConfig({ ...ENV, SUMMARY_RECIPIENTS: "boss@example.go.th, otop@example.go.th" }),
      "dist/functions",
    );
    const env = withRecipients
      .find((s) => s.argv[3] === "scheduledSummaryReport")!
      .argv.find((a) => a.startsWith("--set-env-vars="))!;
    expect(env).toContain("SUMMARY_RECIPIENTS=boss@example.go.th;otop@example.go.th");
    expect(() => loadDeployConfig({ ...ENV, SUMMARY_RECIPIENTS: "boss@example" })).toThrow(
      /SUMMARY_RECIPIENTS/,
    );
  });

  it("names a missing setting", () => {
    expect(() => loadDeployConfig({ GOOGLE_CLOUD_PROJECT: "kbo-chiangmai" })).toThrow(/ID_TOKEN_AUDIENCE/);
  });

  it("--dry-run prints the bundle and every command, and runs none", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["bin/run-ts.js", "functions/deploy/deploy.ts", "--dry-run"],
      { env: { ...process.env, ...ENV, PATH: "/nonexistent" } }, // no gcloud reachable: nothing may run
    );
    expect(stdout).toMatch(/# bundle: dist\/functions\/index\.js and its chunks \(\d+ KiB, SDKs external\)/);
    for (const step of plan) expect(stdout).toContain(shellLine(step.argv));
  });
});
