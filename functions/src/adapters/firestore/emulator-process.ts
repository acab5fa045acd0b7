// Starts and stops the Cloud SDK Firestore emulator (a java process) on 127.0.0.1: shared by the
// integration-test harness and the CLI's embedded local emulator. The emulator runs in its own
// process group so stopping it never leaves the java child behind.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { AppError } from "../../app-error.ts";
import { DEMO_PROJECT_ID } from "./collections.ts";

const run = promisify(execFile);

export interface EmulatorOptions {
  /** Port to bind; a free one is picked when absent. */
  port?: number;
  /**
   * An earlier export to start from: its `.overall_export_metadata` file, or a directory holding
   * exports (the newest complete one is used; none yet means an empty start).
   */
  importData?: string;
  /**
   * Directory to export every document into when stopped (the newest export is kept, older ones
   * pruned). Done through the emulator's REST export: this build's `--export-on-exit` writes nothing.
   */
  exportOnExit?: string;
  /** A security rules file to enforce on client (non-admin) requests, e.g. firestore.rules. */
  rules?: string;
  /** Project whose documents are exported (default DEMO_PROJECT_ID). */
  projectId?: string;
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
  const importFile = options.importData ? await resolveImport(options.importData) : undefined;
  if (importFile) args.push(`--import-data=${importFile}`);
  if (options.rules) args.push(`--rules=${options.rules}`);
  const child = spawn("java", args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const collect = (chunk: string) => {
    for (const line of chunk.split("\n")) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 50) output.shift();
      options.onOutput?.(line);
    }
  };
  // Decoded as streams, so a character split between two chunks is never mangled.
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
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
      try {
        if (options.exportOnExit && groupAlive(child.pid ?? 0)) {
          await exportAndPrune(host, options.projectId ?? DEMO_PROJECT_ID, options.exportOnExit);
        }
      } finally {
        await stopGroup(child, exited);
      }
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
  // SIGTERM first: the JVM shuts its servers down cleanly.
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

/**
 * Exports every document to `directory` (which must exist) through the emulator's own endpoint.
 * (`--export-on-exit` of this emulator build writes nothing on SIGTERM, so exports are explicit.)
 */
export async function exportFirestore(host: string, projectId: string, directory: string): Promise<void> {
  const res = await fetch(`http://${host}/emulator/v1/projects/${encodeURIComponent(projectId)}:export`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      database: `projects/${projectId}/databases/(default)`,
      export_directory: directory,
    }),
  });
  if (!res.ok) {
    throw new AppError(
      "EMULATOR_EXPORT_FAILED",
      `export to ${directory} failed: ${res.status} ${await res.text()}`,
    );
  }
}

const METADATA_SUFFIX = ".overall_export_metadata";

/** The metadata file to import: the path itself, or the newest complete export inside a directory. */
export async function resolveImport(path: string): Promise<string | undefined> {
  if (!existsSync(path)) return undefined;
  if (!statSync(path).isDirectory()) return path;
  const entries = await readdir(path, { withFileTypes: true });
  const direct = entries.find((e) => e.isFile() && e.name.endsWith(METADATA_SUFFIX));
  if (direct) return join(path, direct.name);
  // Export folders are named firestore_export_<seconds>: the newest with its metadata written wins.
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .reverse();
  for (const name of folders) {
    const file = join(path, name, `${name}${METADATA_SUFFIX}`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

async function exportAndPrune(host: string, projectId: string, directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  const before = new Set(await readdir(directory));
  await exportFirestore(host, projectId, directory);
  const newest = await resolveImport(directory);
  // Older exports go only once the new one is complete.
  if (!newest) return;
  for (const name of before) {
    if (!newest.includes(`/${name}/`)) await rm(join(directory, name), { recursive: true, force: true });
  }
}
