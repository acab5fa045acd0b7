// Starts and stops the Cloud SDK Firestore emulator (a java process) on 127.0.0.1: shared by the
// integration-test harness and the CLI's embedded local emulator. The emulator runs in its own
// process group so stopping it never leaves the java child behind.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { AppError } from "../../app-error.ts";

const run = promisify(execFile);

export interface EmulatorOptions {
  /** Port to bind; a free one is picked when absent. */
  port?: number;
  /** Directory of an earlier export to start from (`--import-data`). */
  importData?: string;
  /** Directory the emulator exports its data to when stopped (`--export-on-exit`). */
  exportOnExit?: string;
  /** Milliseconds to wait for the emulator to answer. */
  startTimeoutMs?: number;
  /** Receives the emulator's output lines (for diagnostics). */
  onOutput?: (line: string) => void;
}

export interface RunningEmulator {
  /** "127.0.0.1:PORT", the value FIRESTORE_EMULATOR_HOST takes. */
  host: string;
  pid: number;
  /** Stops the whole process group (wrapper and java child) and waits until it is gone. */
  stop(): Promise<void>;
}

/** The emulator jar of the installed Google Cloud SDK. Throws EMULATOR_NOT_FOUND. */
export async function findEmulatorJar(): Promise<string> {
  const roots: string[] = [];
  try {
    const { stdout } = await run("gcloud", ["info", "--format=value(installation.sdk_root)"], {
      timeout: 20_000,
    });
    if (stdout.trim()) roots.push(stdout.trim());
  } catch {
    // gcloud missing from PATH: fall back to the usual Debian/Ubuntu install locations.
  }
  roots.push("/usr/lib/google-cloud-sdk", "/usr/share/google-cloud-sdk", "/opt/google-cloud-sdk");
  for (const root of roots) {
    const jar = join(root, "platform", "cloud-firestore-emulator", "cloud-firestore-emulator.jar");
    if (existsSync(jar)) return jar;
  }
  throw new AppError(
    "EMULATOR_NOT_FOUND",
    "ไม่พบ Firestore emulator / the Cloud SDK Firestore emulator is not installed " +
      "(apt-get install google-cloud-cli-firestore-emulator, or set FIRESTORE_EMULATOR_HOST)",
  );
}

/** A port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the emulator and resolves once it answers HTTP. Retries once on a port taken meanwhile. */
export async function startFirestoreEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const jar = await findEmulatorJar();
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await launch(jar, port, options);
    } catch (e) {
      lastError = e;
      if (options.port !== undefined) break;
    }
  }
  throw lastError;
}

async function launch(jar: string, port: number, options: EmulatorOptions): Promise<RunningEmulator> {
  const args = [
    "-Duser.language=en",
    "-cp",
    jar,
    "com.google.cloud.datastore.emulator.firestore.CloudFirestore",
    "start",
    "--host=127.0.0.1",
    `--port=${port}`,
  ];
  if (options.importData) args.push(`--import-data=${options.importData}`);
  if (options.exportOnExit) args.push(`--export-on-exit=${options.exportOnExit}`);
  const child = spawn("java", args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 50) output.shift();
      options.onOutput?.(line);
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  // Pipes must not keep the parent alive once the emulator runs.
  (child.stdout as Socket | null)?.unref();
  (child.stderr as Socket | null)?.unref();
  child.unref();
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const host = `127.0.0.1:${port}`;
  // A detached group outlives a parent that dies without calling stop(): kill it on the way out.
  const killOnExit = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  process.once("exit", killOnExit);
  const emulator: RunningEmulator = {
    host,
    pid: child.pid ?? 0,
    stop: async () => {
      process.removeListener("exit", killOnExit);
      await stopGroup(child, exited);
    },
  };
  try {
    await waitUntilAnswering(host, exited, options.startTimeoutMs ?? 60_000);
  } catch (e) {
    await emulator.stop();
    throw new AppError(
      "EMULATOR_START_FAILED",
      `Firestore emulator did not start on ${host}: ${(e as Error).message}\n${output.join("\n")}`,
      { cause: e },
    );
  }
  return emulator;
}

async function waitUntilAnswering(host: string, exited: Promise<number | null>, timeoutMs: number) {
  let dead: number | null | undefined;
  void exited.then((code) => {
    dead = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (dead !== undefined) throw new Error(`the emulator exited with code ${dead}`);
    try {
      const res = await fetch(`http://${host}/`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`no answer within ${timeoutMs} ms`);
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  const pgid = child.pid;
  if (!pgid || !groupAlive(pgid)) return;
  // SIGTERM first: the emulator's shutdown hook writes the --export-on-exit data.
  try {
    process.kill(-pgid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + 15_000;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
}

/** Deletes every document of the emulator's database (the emulator's own endpoint). */
export async function clearFirestore(host: string, projectId: string): Promise<void> {
  const res = await fetch(
    `http://${host}/emulator/v1/projects/${encodeURIComponent(projectId)}/databases/(default)/documents`,
    { method: "DELETE" },
  );
  if (!res.ok) {
    throw new AppError("EMULATOR_CLEAR_FAILED", `clearing ${host} failed: ${res.status} ${await res.text()}`);
  }
}
