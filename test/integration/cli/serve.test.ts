// `kbo serve` as a real process: every function answers at /<functionName> on one port.
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../../functions/src/adapters/firestore/emulator-process.ts";

let child: ChildProcess;
let url: string;
let output = "";

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [resolve("bin/kbo.js"), "serve", "--port", String(port)], {
    env: {
      ...process.env,
      FIRESTORE_EMULATOR_HOST: inject("firestoreHost"),
      GOOGLE_CLOUD_PROJECT: inject("firestoreProjectId"),
      ID_TOKEN_AUDIENCE: "1234.apps.googleusercontent.com",
      ALLOWED_CALLERS: "staff@example.org",
    },
  });
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (d: string) => {
    output += d;
  });
  const deadline = Date.now() + 30_000;
  while (!output.includes("Ctrl+C")) {
    if (Date.now() > deadline) throw new Error(`kbo serve did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(async () => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
});

describe("kbo serve", () => {
  it("lists and serves every function on one port, behind ID-token auth", async () => {
    for (const name of ["sync", "rebuildSummaries", "meetingReport"]) {
      expect(output).toContain(`POST ${url}/${name}`);
      const res = await fetch(`${url}/${name}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    }
    const missing = await fetch(`${url}/nothing`, { method: "POST" });
    expect(missing.status).toBe(404);
  });

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
