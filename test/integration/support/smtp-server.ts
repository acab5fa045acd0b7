// A real SMTP server for tests (smtp-server on 127.0.0.1, a free port, STARTTLS off) that parses
// every message it accepts with mailparser, and can refuse messages, or single recipients at RCPT TO
// (550, as a server does for an unknown mailbox), on demand.
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestSmtpServer {
  url: string;
  messages: ParsedMail[];
  /** Each accepted message's envelope recipients (RCPT TO), in the order of `messages`. */
  envelopes: string[][];
  /** Refuse this address at RCPT TO with `code` (default 550) until called with code 0. */
  refuseRecipient(address: string, code?: number): void;
  /** Refuse the next `count` messages with a temporary failure (451). */
  refuseNext(count: number): void;
  /** Refuse every message until called with false. */
  refuseAll(on: boolean): void;
  /** Forget every message and refusal (between tests). */
  reset(): void;
  /** How many messages were refused so far. */
  refused(): number;
  stop(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const envelopes: string[][] = [];
  const refusedRecipients = new Map<string, number>();
  let refuseCount = 0;
  let refusing = false;
  let refusedTotal = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = refusedRecipients.get(address.address.toLowerCase());
      if (!code) return callback();
      const text = code >= 500 ? "5.1.1 mailbox unavailable" : "4.2.1 mailbox busy, try again later";
      callback(Object.assign(new Error(`${text} <${address.address}>`), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refusing || refuseCount > 0) {
          if (refuseCount > 0) refuseCount--;
          refusedTotal++;
          const error = Object.assign(new Error("ลองใหม่ภายหลัง / try again later"), { responseCode: 451 });
          callback(error);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            messages.push(mail);
            envelopes.push(session.envelope.rcptTo.map((r) => r.address.toLowerCase()));
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    envelopes,
    refuseRecipient: (address, code = 550) => {
      if (code === 0) refusedRecipients.delete(address.toLowerCase());
      else refusedRecipients.set(address.toLowerCase(), code);
    },
    refuseNext: (count) => {
      refuseCount = count;
    },
    refuseAll: (on) => {
      refusing = on;
    },
    refused: () => refusedTotal,
    reset: () => {
      messages.length = 0;
      envelopes.length = 0;
      refusedRecipients.clear();
      refuseCount = 0;
      refusing = false;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
