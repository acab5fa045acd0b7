// Runs the real `kbo` command (bin/kbo.js) as a child process for integration tests, optionally
// killing it with SIGKILL after a delay (the kill-and-rerun tests), and collects its output.
import { spawn } from "node:child_process";
import { join } from "node:path";

export const KBO_BIN = join(process.cwd(), "bin", "kbo.js");

export interface KboRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface KboRunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** SIGKILL the process this many ms after it starts. */
  killAfterMs?: number;
}

export function runKbo(args: string[], options: KboRunOptions): Promise<KboRun> {
  const started = Date.now();
  const child = spawn(process.execPath, [KBO_BIN, ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  // Decoded as a stream: `+=` on raw chunks breaks a Thai character split across two of them (and
  // with it the tab name of whichever issue straddles the boundary), depending on pipe timing.
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const timer =
    options.killAfterMs === undefined
      ? undefined
      : setTimeout(() => child.kill("SIGKILL"), options.killAfterMs);
  return new Promise((resolve) =>
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    }),
  );
}
