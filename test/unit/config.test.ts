// loadConfig: defaults, every setting's check, and a failure naming each bad setting (zod/mini with
// its English messages loaded); redactConfig masks the SMTP password.
import { describe, expect, it } from "vitest";
import { DEFAULT_MAIL_FROM, loadConfig, redactConfig } from "../../functions/src/config.ts";

describe("loadConfig", () => {
  it("runs on nothing configured, with the embedded defaults", () => {
    expect(loadConfig({})).toEqual({
      firestoreEmulatorHost: undefined,
      projectId: undefined,
      smtpUrl: undefined,
      mailFrom: DEFAULT_MAIL_FROM,
      chromiumPath: undefined,
      idTokenAudience: undefined,
      allowedCallers: [],
      outDir: "out",
      sheetsApiRootUrl: undefined,
      serviceAccount: undefined,
      summaryRecipients: [],
    });
  });

  it("reads SUMMARY_RECIPIENTS as a list, and names a bad address", () => {
    expect(
      loadConfig({ SUMMARY_RECIPIENTS: "Boss@Example.go.th; otop@example.go.th, boss@example.go.th" })
        .summaryRecipients,
    ).toEqual(["boss@example.go.th", "otop@example.go.th"]);
    expect(() => loadConfig({ SUMMARY_RECIPIENTS: "boss@example.go.th, otop@exmaple" })).toThrow(
      /SUMMARY_RECIPIENTS.*otop@exmaple/,
    );
  });

  it.each([
    {
      name: "an emulator without a project gets the demo project",
      env: { FIRESTORE_EMULATOR_HOST: "127.0.0.1:8080" },
      want: { firestoreEmulatorHost: "127.0.0.1:8080", projectId: "demo-kbo-records" },
    },
    {
      name: "an IPv6 emulator host",
      env: { FIRESTORE_EMULATOR_HOST: "[::1]:8080", GOOGLE_CLOUD_PROJECT: "kbo-prod-1" },
      want: { projectId: "kbo-prod-1" },
    },
    {
      name: "blank settings count as unset",
      env: { GOOGLE_CLOUD_PROJECT: "  ", SMTP_URL: "", KBO_OUT_DIR: "" },
      want: { projectId: undefined, smtpUrl: undefined, outDir: "out" },
    },
    {
      name: "callers split on commas, semicolons and spaces, lower-cased",
      env: { ALLOWED_CALLERS: "A@x.org, b@Y.org;c@z.org  d@w.org" },
      want: { allowedCallers: ["a@x.org", "b@y.org", "c@z.org", "d@w.org"] },
    },
    {
      name: "a Sheets API stand-in and the service account",
      env: {
        SHEETS_API_ROOT_URL: "http://127.0.0.1:8090/",
        KBO_SERVICE_ACCOUNT: "kbo@p.iam.gserviceaccount.com",
      },
      want: { sheetsApiRootUrl: "http://127.0.0.1:8090/", serviceAccount: "kbo@p.iam.gserviceaccount.com" },
    },
    {
      name: "smtps is accepted",
      env: { SMTP_URL: "smtps://u:p@mail.example.org:465" },
      want: { smtpUrl: "smtps://u:p@mail.example.org:465" },
    },
  ])("accepts $name", ({ env, want }) => {
    expect(loadConfig(env)).toMatchObject(want);
  });

  it.each([
    {
      env: { GOOGLE_CLOUD_PROJECT: "Bad_Project" },
      names: ["GOOGLE_CLOUD_PROJECT: expected a Google Cloud project id"],
    },
    { env: { FIRESTORE_EMULATOR_HOST: "localhost" }, names: ["FIRESTORE_EMULATOR_HOST: expected host:port"] },
    { env: { SMTP_URL: "http://mail.example.org" }, names: ["SMTP_URL: expected smtp://"] },
    { env: { MAIL_FROM: "ab" }, names: ["MAIL_FROM: Too small"] },
    {
      env: { SHEETS_API_ROOT_URL: "127.0.0.1:8090" },
      names: ["SHEETS_API_ROOT_URL: expected the API's root URL"],
    },
    {
      env: { KBO_SERVICE_ACCOUNT: "kbo-functions" },
      names: ["KBO_SERVICE_ACCOUNT: expected the service account's e-mail"],
    },
    {
      env: { ALLOWED_CALLERS: "staff@example.org, not-an-address" },
      names: ["ALLOWED_CALLERS: expected a comma-separated list"],
    },
    {
      env: { GOOGLE_CLOUD_PROJECT: "X", SMTP_URL: "ftp://x" },
      names: ["GOOGLE_CLOUD_PROJECT:", "SMTP_URL:"],
    },
  ])("refuses $env naming the setting", ({ env, names }) => {
    let error: { code?: string; message?: string } | undefined;
    try {
      loadConfig(env);
    } catch (e) {
      error = e as typeof error;
    }
    expect(error?.code).toBe("CONFIG_INVALID");
    for (const name of names) expect(error?.message).toContain(name);
  });
});

describe("redactConfig", () => {
  it("masks the SMTP password and nothing else", () => {
    const config = loadConfig({
      SMTP_URL: "smtp://kbo:s3cret-pass@mail.example.org:587",
      MAIL_FROM: "kbo@example.org",
    });
    const redacted = redactConfig(config);
    expect(redacted.smtpUrl).toBe("smtp://kbo:***@mail.example.org:587");
    expect(JSON.stringify(redacted)).not.toContain("s3cret-pass");
    expect(redacted.mailFrom).toBe("kbo@example.org");
  });
});
