// Configuration, read once from the environment by loadConfig and validated with zod (zod/mini).
// No other file reads process.env; everything else receives a Config.
// zod/mini: a tenth of classic zod's code, and this schema is checked on every cold start of a function.
import * as z from "zod/mini";
import { DEMO_PROJECT_ID } from "./adapters/firestore/collections.ts";
import { AppError } from "./app-error.ts";
import "./zod-messages.ts";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(z.transform(emptyToUndefined), z.optional(schema));

/** A list of e-mail addresses in one setting, separated by commas, semicolons or spaces; lower-cased. */
const emailList = z.pipe(
  optional(z.string()),
  z.transform((v) =>
    (v ?? "")
      .split(/[\s,;]+/)
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  ),
);

export const ConfigSchema = z.object({
  FIRESTORE_EMULATOR_HOST: optional(
    z
      .string()
      .check(
        z.regex(/^[\w.-]+:\d{1,5}$|^\[[\d:a-fA-F]+\]:\d{1,5}$/, "expected host:port, e.g. 127.0.0.1:8080"),
      ),
  ),
  GOOGLE_CLOUD_PROJECT: optional(
    z.string().check(z.regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "expected a Google Cloud project id")),
  ),
  SMTP_URL: optional(
    z.url({ protocol: /^smtps?$/, error: "expected smtp://user:pass@host:port or smtps://…" }),
  ),
  MAIL_FROM: optional(z.string().check(z.minLength(3))),
  CHROMIUM_PATH: optional(z.string().check(z.minLength(1))),
  ID_TOKEN_AUDIENCE: optional(z.string().check(z.minLength(1))),
  ALLOWED_CALLERS: emailList,
  KBO_OUT_DIR: optional(z.string().check(z.minLength(1))),
  SHEETS_API_ROOT_URL: optional(
    z.url({ protocol: /^https?$/, error: "expected the API's root URL, e.g. http://127.0.0.1:8090/" }),
  ),
  KBO_SERVICE_ACCOUNT: optional(z.email({ error: "expected the service account's e-mail" })),
  /** Tests only: `kbo sync` kills itself at this named step (the crash-point test). */
  KBO_TEST_CRASH_AT: optional(z.enum(["ids-allocated", "batch-written", "workbook-saved"])),
  SUMMARY_RECIPIENTS: emailList,
});

export interface Config {
  firestoreEmulatorHost?: string;
  projectId?: string;
  smtpUrl?: string;
  mailFrom: string;
  chromiumPath?: string;
  idTokenAudience?: string;
  allowedCallers: string[];
  outDir: string;
  /** Sheets API requests go here, without credentials (a local stand-in), instead of Google's. */
  sheetsApiRootUrl?: string;
  /** The service account the functions run as: staff share their spreadsheets with it. */
  serviceAccount?: string;
  /** Tests only: the step at which `kbo sync` dies (KBO_TEST_CRASH_AT). */
  testCrashAt?: "ids-allocated" | "batch-written" | "workbook-saved";
  /** Who receives the programme summary (the monthly e-mail and --send). */
  summaryRecipients: string[];
}

export const DEFAULT_MAIL_FROM = "KBO records <kbo-records@localhost>";

/** Reads and validates the configuration; throws CONFIG_INVALID naming every bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new AppError("CONFIG_INVALID", `ตั้งค่าไม่ถูกต้อง / invalid configuration: ${lines.join("; ")}`);
  }
  const c = parsed.data;
  if (c.ALLOWED_CALLERS.some((e) => !z.email().safeParse(e).success)) {
    throw new AppError(
      "CONFIG_INVALID",
      "ALLOWED_CALLERS: expected a comma-separated list of e-mail addresses",
    );
  }
  const badRecipients = c.SUMMARY_RECIPIENTS.filter((e) => !z.email().safeParse(e).success);
  if (badRecipients.length > 0) {
    throw new AppError(
      "CONFIG_INVALID",
      `SUMMARY_RECIPIENTS: ไม่ใช่อีเมล / not an e-mail address: ${badRecipients.join(", ")}`,
    );
  }
  return {
    firestoreEmulatorHost: c.FIRESTORE_EMULATOR_HOST,
    projectId: c.GOOGLE_CLOUD_PROJECT ?? (c.FIRESTORE_EMULATOR_HOST ? DEMO_PROJECT_ID : undefined),
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM ?? DEFAULT_MAIL_FROM,
    chromiumPath: c.CHROMIUM_PATH,
    idTokenAudience: c.ID_TOKEN_AUDIENCE,
    allowedCallers: c.ALLOWED_CALLERS,
    outDir: c.KBO_OUT_DIR ?? "out",
    sheetsApiRootUrl: c.SHEETS_API_ROOT_URL,
    serviceAccount: c.KBO_SERVICE_ACCOUNT,
    testCrashAt: c.KBO_TEST_CRASH_AT,
    summaryRecipients: [...new Set(c.SUMMARY_RECIPIENTS)],
  };
}

/** A copy safe to log: the SMTP password is replaced. */
export function redactConfig(config: Config): Config {
  if (!config.smtpUrl) return config;
  return { ...config, smtpUrl: config.smtpUrl.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@") };
}
