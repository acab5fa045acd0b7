// The deployment's settings, read once from the environment of `npm run deploy` and validated with zod
// (the functions' own runtime settings stay in functions/src/config.ts).
import { z } from "zod";
import { AppError } from "../src/app-error.ts";

export const DeployConfigSchema = z.object({
  GOOGLE_CLOUD_PROJECT: z
    .string()
    .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, "expected a Google Cloud project id"),
  KBO_REGION: z
    .string()
    .regex(/^[a-z]+-[a-z]+\d$/)
    .default("asia-southeast1"),
  ID_TOKEN_AUDIENCE: z.string().min(1, "the Apps Script OAuth client id"),
  ALLOWED_CALLERS: z.string().min(3, "comma-separated caller e-mails"),
  MAIL_FROM: z.string().min(3).default("KBO records <kbo-records@example.go.th>"),
  KBO_SMTP_SECRET: z
    .string()
    .regex(/^[a-zA-Z][\w-]*$/)
    .default("kbo-smtp-url"),
  KBO_SERVICE_ACCOUNT: z.string().optional(),
  KBO_RECONCILE_SCHEDULE: z.string().default("*/30 * * * *"),
  /** The monthly summary: the 1st at 08:00 (Asia/Bangkok). */
  KBO_SUMMARY_SCHEDULE: z.string().default("0 8 1 * *"),
  /** Who receives the programme summary (comma-separated e-mails); none: the monthly run sends nothing. */
  SUMMARY_RECIPIENTS: z
    .string()
    .optional()
    .refine(
      (v) =>
        !v ||
        v
          .split(/[\s,;]+/)
          .filter(Boolean)
          .every((e) => z.email().safeParse(e).success),
      "expected comma-separated e-mail addresses",
    ),
});

export type DeployConfig = z.infer<typeof DeployConfigSchema> & { serviceAccount: string };

export function loadDeployConfig(env: Record<string, string | undefined>): DeployConfig {
  const parsed = DeployConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new AppError(
      "DEPLOY_CONFIG_INVALID",
      `ตั้งค่าการ deploy ไม่ครบ / deploy settings: ${lines.join("; ")}`,
    );
  }
  const c = parsed.data;
  return {
    ...c,
    serviceAccount:
      c.KBO_SERVICE_ACCOUNT ?? `kbo-functions@${c.GOOGLE_CLOUD_PROJECT}.iam.gserviceaccount.com`,
  };
}
