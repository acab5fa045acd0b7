// The HTTP-body corpus (test/fixtures/bad-inputs/http-cases.ts) against every function behind the
// Functions Framework's real server: each answer is JSON with its code, holds no HTML, stack trace or
// server path, touches no service (refused before Firestore, so never retried), and the body is never
// logged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../functions/src/adapters/log/logger.ts";
import {
  EVENT_FUNCTIONS,
  type FunctionName,
  HTTP_CASES,
  HTTP_FUNCTIONS,
  type HttpRequestSpec,
} from "../../fixtures/bad-inputs/http-cases.ts";
import { type FunctionServer, startFunctionServer } from "../support/function-server.ts";

const servers = new Map<FunctionName, FunctionServer>();
const logged: string[] = [];
const used: string[] = [];
const refuse = (what: string) => () => {
  used.push(what);
  throw new Error(`${what} used by a request that should have been refused first`);
};

beforeAll(async () => {
  for (const name of [...HTTP_FUNCTIONS, ...EVENT_FUNCTIONS]) {
    servers.set(
      name,
      await startFunctionServer(name, {
        db: refuse("Firestore"),
        sheets: refuse("Sheets"),
        pdf: refuse("Chromium"),
        mailer: refuse("SMTP"),
        now: () => new Date("2026-12-01T00:00:00Z"),
        log: createLogger({ sink: (line) => logged.push(line), level: "DEBUG" }),
      }),
    );
  }
});
afterAll(async () => {
  for (const s of servers.values()) await s.close();
});

function bodyOf(spec: HttpRequestSpec): { body: BodyInit; duplex?: "half" } {
  if (Buffer.isBuffer(spec.body)) return { body: new Uint8Array(spec.body) };
  const { chunk, chunks } = spec.body;
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < chunks) controller.enqueue(new Uint8Array(chunk));
      else controller.close();
    },
  });
  return { body: stream, duplex: "half" };
}

async function send(fn: FunctionName, spec: HttpRequestSpec) {
  const server = servers.get(fn)!;
  const res = await fetch(server.url, {
    method: "POST",
    headers: {
      "content-type": spec.contentType,
      ...spec.headers,
      authorization: `Bearer ${server.token}`,
      // A CloudEvent in binary mode, as Pub/Sub's push through Eventarc sends it.
      ...((EVENT_FUNCTIONS as readonly string[]).includes(fn)
        ? {
            "ce-id": "1",
            "ce-source": "test",
            "ce-type": "google.cloud.pubsub.topic.v1.messagePublished",
            "ce-specversion": "1.0",
          }
        : {}),
    },
    ...bodyOf(spec),
  } as RequestInit);
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text: await res.text() };
}

describe("HTTP bodies no function can use", () => {
  it("has cases for every function", () => {
    for (const fn of [...HTTP_FUNCTIONS, ...EVENT_FUNCTIONS])
      expect(HTTP_CASES.filter((c) => c.functions.includes(fn)).length, fn).toBeGreaterThanOrEqual(2);
    console.log(`[reliability] http cases: ${HTTP_CASES.length}`);
  });

  for (const c of HTTP_CASES) {
    it.each(
      c.functions.map((fn) => [fn]),
    )(`${c.id}: %s answers ${c.expect.status} ${c.expect.code}`, async (fn) => {
      logged.length = 0;
      used.length = 0;
      const answer = await send(fn, c.request(fn));
      expect(answer.status, answer.text.slice(0, 300)).toBe(c.expect.status);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect(answer.text).not.toMatch(/<html|<pre>|node_modules|\/work\/|\bat .*\.(js|ts):\d+|x{16}|hello/i);
      const json = JSON.parse(answer.text) as {
        error: { code: string; message: string; details?: { path: string }[] };
      };
      expect(json.error.code).toBe(c.expect.code);
      if (c.expect.path) expect(json.error.details?.map((d) => d.path)).toContain(c.expect.path);
      // Refused before any service is called: nothing to retry, nothing to wait for.
      expect(used).toEqual([]);
      // The body is never logged: no entry holds a run of it, and each is short.
      for (const line of logged) {
        expect(line).not.toMatch(/x{16}|__proto__|\{bad|hello/);
        expect(line.length).toBeLessThan(4096);
      }
    });
  }
});
