// One `kbo` process at a time per workbook file: a lock file beside it (`.NAME.kbo-lock`, created
// exclusively) that a second sync waits for. Without it, two first syncs of one new file would each
// give it an identity and store every record twice. A lock whose process is gone (killed) is taken over
// at once; one from another computer (a shared drive) only once it is older than a sync can take.
import { randomUUID } from "node:crypto";
import { open, readFile, rm, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { AppError } from "../../app-error.ts";

interface Holder {
  pid: number;
  host: string;
  since: string;
  nonce: string;
}

export interface LockOptions {
  /** How long to wait for another sync of the same file (default 10 minutes). */
  waitMs?: number;
  /** Called once when the lock is held by another process, with who holds it. */
  onWait?: (holder: { pid: number; host: string; since: string }) => void;
}

const POLL_MS = 200;
/** A lock this old is stale whoever holds it (no sync of one file takes half an hour). */
const STALE_MS = 30 * 60_000;

export const lockPathOf = (file: string): string => join(dirname(file), `.${basename(file)}.kbo-lock`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readHolder(lock: string): Promise<Holder | undefined> {
  try {
    return JSON.parse(await readFile(lock, "utf8")) as Holder;
  } catch {
    return undefined;
  }
}

async function isStale(lock: string, holder: Holder | undefined): Promise<boolean> {
  if (holder) {
    if (Date.now() - Date.parse(holder.since) > STALE_MS) return true;
    return holder.host === hostname() && !alive(holder.pid);
  }
  // Unreadable: being written this instant, or left half-written by a kill.
  try {
    return Date.now() - (await stat(lock)).mtimeMs > 5_000;
  } catch {
    return false;
  }
}

async function tryCreate(path: string, holder: Holder): Promise<boolean> {
  try {
    const handle = await open(path, "wx");
    try {
      await handle.writeFile(JSON.stringify(holder));
    } finally {
      await handle.close();
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

/**
 * Removes a stale lock. Two waiters may find it stale at once: removal goes through a second
 * exclusive file, and the lock is re-read inside it, so a lock just taken by the other is left alone.
 */
async function removeStale(lock: string, seen: Holder | undefined): Promise<void> {
  const guard = `${lock}.steal`;
  const me: Holder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    nonce: randomUUID(),
  };
  if (!(await tryCreate(guard, me))) {
    if (await isStale(guard, await readHolder(guard))) await rm(guard, { force: true });
    return;
  }
  try {
    const now = await readHolder(lock);
    if (now?.nonce === seen?.nonce && (await isStale(lock, now))) await rm(lock, { force: true });
  } finally {
    await rm(guard, { force: true });
  }
}

/** Runs `fn` holding the file's lock; waits for another holder, takes over a dead one's. */
export async function withFileLock<T>(
  file: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lock = lockPathOf(file);
  const me: Holder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    nonce: randomUUID(),
  };
  const deadline = Date.now() + (options.waitMs ?? 10 * 60_000);
  let told = false;
  for (;;) {
    me.since = new Date().toISOString();
    if (await tryCreate(lock, me)) break;
    const holder = await readHolder(lock);
    if (await isStale(lock, holder)) {
      await removeStale(lock, holder);
      continue;
    }
    if (Date.now() > deadline) {
      throw new AppError(
        "WORKBOOK_BUSY",
        `ไฟล์ ${file} กำลังถูกซิงค์โดยอีกโปรเซสหนึ่ง (pid ${holder?.pid ?? "?"} บน ${holder?.host ?? "?"}) ลองอีกครั้งเมื่อเสร็จแล้ว / ${file} is being synced by another process (pid ${holder?.pid ?? "?"} on ${holder?.host ?? "?"}): try again once it has finished`,
      );
    }
    if (!told && holder) {
      told = true;
      options.onWait?.({ pid: holder.pid, host: holder.host, since: holder.since });
    }
    await sleep(POLL_MS);
  }
  try {
    return await fn();
  } finally {
    // Only our own lock: a stale-lock takeover by another process must not be undone by us.
    if ((await readHolder(lock))?.nonce === me.nonce) await rm(lock, { force: true });
  }
}
