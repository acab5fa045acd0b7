// What a CLI command may touch of its process: output streams, environment, working directory, clock.
// Injected so tests can run commands in-process and the real binary passes the real ones.

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  now(): Date;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

export { bangkokDate as bangkokToday } from "../domain/thai-date.ts";
export { EXIT } from "../error-codes.ts";
