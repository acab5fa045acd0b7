// One sync per workbook file: a second waits for the first, a lock left by a killed process is taken
// over at once, and only the holder removes its lock.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockPathOf, withFileLock } from "../../../../functions/src/adapters/workbook/file-lock.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-lock-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("withFileLock", () => {
  it("runs holders one after the other, never together, and removes the lock after", async () => {
    const file = join(dir, "a.xlsx");
    const events: string[] = [];
    let waited = 0;
    const hold = (name: string) =>
      withFileLock(
        file,
        async () => {
          events.push(`${name} in`);
          await new Promise((r) => setTimeout(r, 300));
          events.push(`${name} out`);
        },
        { onWait: () => waited++ },
      );
    await Promise.all([hold("one"), hold("two")]);
    expect(events).toEqual(
      events[0] === "one in"
        ? ["one in", "one out", "two in", "two out"]
        : ["two in", "two out", "one in", "one out"],
    );
    expect(waited).toBe(1);
    await expect(readFile(lockPathOf(file))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("takes over at once a lock whose process is gone (killed mid-sync)", async () => {
    const file = join(dir, "b.xlsx");
    const child = spawn(process.execPath, ["-e", ""]);
    const pid = child.pid!;
    await new Promise((r) => child.on("exit", r));
    await writeFile(
      lockPathOf(file),
      JSON.stringify({ pid, host: hostname(), since: new Date().toISOString(), nonce: "x" }),
    );
    let waited = false;
    const value = await withFileLock(file, async () => "ran", {
      onWait: () => {
        waited = true;
      },
      waitMs: 2000,
    });
    expect(value).toBe("ran");
    expect(waited).toBe(false);
  });

  it("gives up with WORKBOOK_BUSY, naming the holder, when a live process keeps the file", async () => {
    const file = join(dir, "c.xlsx");
    await writeFile(
      lockPathOf(file),
      JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString(), nonce: "other" }),
    );
    await expect(withFileLock(file, async () => "never", { waitMs: 300 })).rejects.toMatchObject({
      code: "WORKBOOK_BUSY",
      message: expect.stringContaining(`pid ${process.pid}`),
    });
    // Not ours: left in place.
    expect(JSON.parse(await readFile(lockPathOf(file), "utf8")).nonce).toBe("other");
  });
});
