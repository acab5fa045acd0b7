// `kbo serve` as a real process: every function answers at /<functionName> on one port; it refuses
// to start without the caller settings, naming them; `--dev-auth` hands out tokens of its own key,
// which the functions accept within the audience and ALLOWED_CALLERS, and only against an emulator.
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../../functions/src/adapters/firestore/emulator-process.ts";
import { runKbo } from "../support/kbo-process.ts";
import { PRODUCT_HEADER, productCells } from "../support/sync-fixtures.ts";

const CONFIGURED = {
  FIRESTORE_EMULATOR_HOST: inject("firestoreHost"),
  GOOGLE_CLOUD_PROJECT: inject("firestoreProjectId"),
  ID_TOKEN_AUDIENCE: "1234.apps.googleusercontent.com",
  ALLOWED_CALLERS: "staff@example.org",
};
const children: ChildProcess[] = [];

async function serve(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [resolve("bin/kbo.js"), "serve", "--port", String(port), ...args], {
    env: { ...process.env, ...CONFIGURED },
  });
  children.push(child);
  let output = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (d: string) => {
    output += d;
  });
  const deadline = Date.now() + 30_000;
  while (!output.includes("Ctrl+C")) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`kbo serve did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
});

const post = (url: string, body: unknown, token?: string) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe("kbo serve", () => {
  it("lists and serves every function on one port, behind ID-token auth, and stops cleanly", async () => {
    const { child, url, output } = await serve([]);
    for (const name of ["sync", "rebuildSummaries", "meetingReport"]) {
      expect(output()).toContain(`POST ${url}/${name}`);
      const res = await post(`${url}/${name}`, {});
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    }
    expect((await fetch(`${url}/nothing`, { method: "POST" })).status).toBe(404);
    // No token is handed out without --dev-auth.
    expect((await fetch(`${url}/__dev/token?email=staff@example.org`)).status).toBe(404);
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it.each([
    ["ID_TOKEN_AUDIENCE", { ID_TOKEN_AUDIENCE: "" }, /ID_TOKEN_AUDIENCE/, /ALLOWED_CALLERS \(/],
    ["ALLOWED_CALLERS", { ALLOWED_CALLERS: "" }, /ALLOWED_CALLERS/, /ID_TOKEN_AUDIENCE \(/],
  ])("refuses to start without %s, naming it (exit 2)", async (_, unset, named, notNamed) => {
    const run = await runKbo(["serve", "--port", "0"], {
      cwd: process.cwd(),
      env: { ...process.env, ...CONFIGURED, ...unset },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(named);
    expect(run.stderr).not.toMatch(notNamed);
    expect(run.stderr).toMatch(/\[SERVE_NOT_CONFIGURED\]/);
  });

  it("refuses --dev-auth against a real project's Firestore", async () => {
    const run = await runKbo(["serve", "--port", "0", "--dev-auth"], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        ...CONFIGURED,
        FIRESTORE_EMULATOR_HOST: "",
        GOOGLE_CLOUD_PROJECT: "kbo-production",
      },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\[DEV_AUTH_NEEDS_EMULATOR\]/);
    expect(run.stderr).toMatch(/kbo-production/);
  });

  it("--dev-auth: tokens of its own key, for the configured audience, still limited to ALLOWED_CALLERS", async () => {
    const { url, output } = await serve(["--dev-auth"]);
    expect(output()).toContain(`GET  ${url}/__dev/token?email=`);
    const tokenFor = async (email: string) => {
      const res = await fetch(`${url}/__dev/token?email=${encodeURIComponent(email)}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { token: string }).token;
    };
    const token = await tokenFor("staff@example.org");
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
    expect(claims).toMatchObject({ aud: CONFIGURED.ID_TOKEN_AUDIENCE, email: "staff@example.org" });
    const body = {
      spreadsheetId: "sheet-dev-auth",
      tab: "ผลิตภัณฑ์",
      header: PRODUCT_HEADER,
      rows: [{ row: 2, values: productCells(0) }],
      requestId: "dev-auth-0001",
    };
    const ok = await post(`${url}/sync`, body, token);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { counts: { created: number } }).counts.created).toBe(1);
    // Another e-mail gets a token, and the functions still refuse it.
    const stranger = await post(
      `${url}/sync`,
      { ...body, requestId: "dev-auth-0002" },
      await tokenFor("x@example.org"),
    );
    expect(stranger.status).toBe(403);
    // Another process's key is not this one's.
    const other = await serve(["--dev-auth"]);
    const foreign = await fetch(`${other.url}/__dev/token?email=staff@example.org`);
    const refused = await post(
      `${url}/sync`,
      { ...body, requestId: "dev-auth-0003" },
      ((await foreign.json()) as { token: string }).token,
    );
    expect(refused.status).toBe(401);
    expect((await fetch(`${url}/__dev/token?email=not-an-email`)).status).toBe(400);
  });
});
