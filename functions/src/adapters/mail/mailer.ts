// Sends mail with nodemailer: over SMTP_URL when configured, else (the embedded default) as .eml files
// under <outDir>/mail/ so a demo run shows exactly what would have been sent. Each recipient's answer
// is returned (accepted, or refused with the server's reply), never folded into one outcome.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { AppError } from "../../app-error.ts";
import type { Config } from "../../config.ts";
import type { MailMessage } from "./report-message.ts";

export interface RefusedRecipient {
  address: string;
  /** The server's reply, e.g. "550 5.1.1 <x@y>: Recipient address rejected". */
  error: string;
  /** A 5xx reply: the same message would be refused again. */
  permanent: boolean;
}

export interface SentMail {
  messageId: string;
  /** The recipients the server took the message for. */
  accepted: string[];
  /** The recipients it refused (the others still got the message). */
  rejected: RefusedRecipient[];
  /** Where the .eml was written, for the file transport. */
  path?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<SentMail>;
  close(): void;
}

const fileName = (messageId: string) => `${messageId.replace(/^<|>$/g, "").replace(/[^\w.-]+/g, "_")}.eml`;

const addressOf = (a: unknown): string =>
  (typeof a === "string" ? a : String((a as { address?: string }).address ?? "")).toLowerCase();

/** nodemailer's per-recipient RCPT TO errors as refusals. */
function refusedOf(errors: unknown[] | undefined): RefusedRecipient[] {
  return (errors ?? []).map((e) => {
    const err = e as { recipient?: string; response?: string; responseCode?: number; message?: string };
    const code = err.responseCode ?? 0;
    return {
      address: addressOf(err.recipient ?? ""),
      error: err.response ?? err.message ?? "refused",
      permanent: code >= 500 && code < 600,
    };
  });
}

/** The bare address of "Name <a@b>", for the envelope's MAIL FROM. */
const envelopeFrom = (from: string): string => /<([^>]+)>/.exec(from)?.[1] ?? from;

export function createMailer(config: Pick<Config, "smtpUrl" | "mailFrom" | "outDir">): Mailer {
  const smtp = Boolean(config.smtpUrl);
  const transport: Transporter = smtp
    ? nodemailer.createTransport(config.smtpUrl!)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const envelopeTo = message.envelopeTo ?? message.to;
      if (envelopeTo.length === 0) {
        throw new AppError("MAIL_NO_RECIPIENTS", "ไม่มีผู้รับรายงาน / the report has no recipients");
      }
      let info: { messageId?: string; message?: unknown; accepted?: unknown[]; rejectedErrors?: unknown[] };
      try {
        info = await transport.sendMail({
          from: config.mailFrom,
          to: message.to,
          // The header names every recipient; the envelope only those this send is for (a retry).
          envelope: { from: envelopeFrom(config.mailFrom), to: envelopeTo },
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
        const refused = refusedOf((cause as { rejectedErrors?: unknown[] }).rejectedErrors);
        // Every recipient refused at RCPT TO: each one's answer, not a failure of the whole send.
        if (refused.length > 0) return { messageId: message.messageId, accepted: [], rejected: refused };
        const detail = cause instanceof Error ? cause.message : String(cause);
        const code = (cause as { responseCode?: number }).responseCode;
        throw new AppError("MAIL_SEND_FAILED", `ส่งอีเมลไม่สำเร็จ / sending failed: ${detail}`, {
          cause,
          details: { permanent: typeof code === "number" && code >= 500 && code < 600 },
        });
      }
      const rejected = refusedOf(info.rejectedErrors);
      if (smtp) {
        const accepted = (info.accepted ?? []).map((a) => addressOf(a));
        return { messageId: message.messageId, accepted, rejected };
      }
      const dir = join(config.outDir, "mail");
      const path = join(dir, fileName(message.messageId));
      await mkdir(dir, { recursive: true });
      await writeFile(path, info.message as Buffer);
      return { messageId: message.messageId, accepted: [...envelopeTo], rejected: [], path };
    },
    close: () => transport.close(),
  };
}
