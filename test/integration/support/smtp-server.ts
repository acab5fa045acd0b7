// A real SMTP server for tests (smtp-server on 127.0.0.1, a free port, STARTTLS off) that parses
// every message it accepts with mailparser, and can refuse messages on demand.
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestSmtpServer {
  url: string;
  messages: ParsedMail[];
  /** Refuse the next `count` messages with a temporary failure (451). */
  refuseNext(count: number): void;
  /** Refuse every message until called with false. */
  refuseAll(on: boolean): void;
  /** How many messages were refused so far. */
  refused(): number;
  stop(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  let refuseCount = 0;
  let refusing = false;
  let refusedTotal = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
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
    refuseNext: (count) => {
      refuseCount = count;
    },
    refuseAll: (on) => {
      refusing = on;
    },
    refused: () => refusedTotal,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
