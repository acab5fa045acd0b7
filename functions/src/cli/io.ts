// What a CLI command may touch of its process: output streams, environment, working directory, clock.
// Injected so tests can run commands in-process and the real binary passes the real ones.
import type { PdfRenderer } from "../adapters/pdf/pdf-renderer.ts";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  now(): Date;
  /** Waits on the same clock as `now` (the outbox's backoff between attempts). */
  sleep(ms: number): Promise<void>;
  /**
   * A renderer the caller keeps open across commands run in one process (the in-process test
   * runners); without it a command starts its own Chromium and closes it when done.
   */
  pdfRenderer?: PdfRenderer;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

export { bangkokDate as bangkokToday } from "../domain/thai-date.ts";
export { EXIT } from "../error-codes.ts";
