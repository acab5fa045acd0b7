// Sends mail with nodemailer: over SMTP_URL when configured, else (the embedded default) as .eml files
// under <outDir>/mail/ so a demo run shows exactly what would have been sent.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { AppError } from "../../app-error.ts";
import type { Config } from "../../config.ts";
import type { MailMessage } from "./report-message.ts";

export interface SentMail {
  messageId: string;
  /** Where the .eml was written, for the file transport. */
  path?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<SentMail>;
  close(): void;
}

const fileName = (messageId: string) => `${messageId.replace(/^<|>$/g, "").replace(/[^\w.-]+/g, "_")}.eml`;

export function createMailer(config: Pick<Config, "smtpUrl" | "mailFrom" | "outDir">): Mailer {
  const smtp = Boolean(config.smtpUrl);
  const transport: Transporter = smtp
    ? nodemailer.createTransport(config.smtpUrl!)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      if (message.to.length === 0) {
        throw new AppError("MAIL_NO_RECIPIENTS", "ไม่มีผู้รับรายงาน / the meeting has no recipients");
      }
      let info: { messageId?: string; message?: unknown };
      try {
        info = await transport.sendMail({
          from: config.mailFrom,
          to: message.to,
          subject: message.subject,
          text: message.text,
          messageId: message.messageId,
          attachments: message.attachments.map((a) => ({
            filename: a.filename,
            content: Buffer.from(a.content),
            contentType: a.contentType,
          })),
        });
      } catch (cause) {
        const detail = cause instanceof Error ? cause.message : String(cause);
        throw new AppError("MAIL_SEND_FAILED", `ส่งอีเมลไม่สำเร็จ / sending failed: ${detail}`, { cause });
      }
      if (smtp) return { messageId: message.messageId };
      const dir = join(config.outDir, "mail");
      const path = join(dir, fileName(message.messageId));
      await mkdir(dir, { recursive: true });
      await writeFile(path, info.message as Buffer);
      return { messageId: message.messageId, path };
    },
    close: () => transport.close(),
  };
}
