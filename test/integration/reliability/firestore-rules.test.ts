// firestore.rules denies every client: an emulator of this test's own runs with the rules loaded, and
// client requests (no credentials, or a Firebase user's ID token) to every collection are refused,
// reads, writes, queries and listings alike; the server SDK (the service account) still reads and
// writes, and the shared emulator without rules lets the same request in: the rules do the refusing.
import { join } from "node:path";
import type { Firestore } from "@google-cloud/firestore";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import {
  DEMO_PROJECT_ID,
  COLLECTIONS as NAMES,
} from "../../../functions/src/adapters/firestore/collections.ts";
import {
  type RunningEmulator,
  startFirestoreEmulator,
} from "../../../functions/src/adapters/firestore/emulator-process.ts";

const PROJECT = DEMO_PROJECT_ID;
const COLLECTIONS = Object.values(NAMES);
const counts = { clientRequestsDenied: 0 };
let emulator: RunningEmulator;
let admin: Firestore;

beforeAll(async () => {
  emulator = await startFirestoreEmulator({ rules: join(process.cwd(), "firestore.rules") });
  admin = createFirestore({ firestoreEmulatorHost: emulator.host, projectId: PROJECT });
  for (const c of COLLECTIONS) await admin.collection(c).doc("seed").set({ secret: "staff data", c });
}, 120_000);
afterAll(async () => {
  console.log(`[reliability] firestore.rules: ${JSON.stringify(counts)}`);
  await admin?.terminate();
  await emulator?.stop();
});

/** An unsigned Firebase Auth ID token, as the emulator accepts for a signed-in client user. */
function firebaseUserToken(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: "none", typ: "JWT" })}.${part({
    iss: `https://securetoken.google.com/${PROJECT}`,
    aud: PROJECT,
    sub: "staff-user",
    user_id: "staff-user",
    email: "staff@example.org",
    email_verified: true,
    iat: now,
    exp: now + 3600,
    auth_time: now,
    firebase: { sign_in_provider: "password" },
  })}.`;
}

type Call = [label: string, method: string, path: (c: string) => string, body?: unknown];
const CALLS: Call[] = [
  ["get a document", "GET", (c) => `/${c}/seed`],
  ["list a collection", "GET", (c) => `/${c}`],
  [
    "create a document",
    "POST",
    (c) => `/${c}?documentId=intruder`,
    { fields: { x: { stringValue: "=1+1" } } },
  ],
  ["overwrite a document", "PATCH", (c) => `/${c}/seed`, { fields: { secret: { stringValue: "changed" } } }],
  ["delete a document", "DELETE", (c) => `/${c}/seed`],
  [
    "query",
    "POST",
    () => ":runQuery",
    { structuredQuery: { from: [{ collectionId: "products" }], limit: 10 } },
  ],
];

async function call(host: string, method: string, path: string, body: unknown, bearer?: string) {
  const res = await fetch(`http://${host}/v1/projects/${PROJECT}/databases/(default)/documents${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, text: await res.text() };
}

describe("firestore.rules against the emulator", () => {
  it.each([
    ["an anonymous client", undefined],
    ["a signed-in Firebase user", firebaseUserToken()],
  ])("refuses %s every read and write of every collection", async (_, bearer) => {
    for (const c of COLLECTIONS) {
      for (const [label, method, path, body] of CALLS) {
        const res = await call(emulator.host, method, path(c), body, bearer);
        expect(res.status, `${label} ${c}: ${res.text.slice(0, 200)}`).toBe(403);
        expect(res.text).toMatch(/PERMISSION_DENIED/);
        expect(res.text).not.toMatch(/staff data/);
        counts.clientRequestsDenied++;
      }
    }
    // Nothing was changed by all those attempts.
    for (const c of COLLECTIONS) {
      expect((await admin.collection(c).doc("seed").get()).data()).toEqual({ secret: "staff data", c });
      expect((await admin.collection(c).doc("intruder").get()).exists).toBe(false);
    }
  });

  it("lets the service account (admin) through, and the rules are what refuses clients", async () => {
    // The server SDK (admin credentials) bypasses the rules, as the functions' service account does.
    await admin.collection("products").doc("by-admin").set({ product: "ผ้าทอ" });
    expect((await admin.collection("products").doc("by-admin").get()).data()).toEqual({ product: "ผ้าทอ" });
    // The shared emulator runs without rules: there, the same anonymous read is let in.
    const open = await call(inject("firestoreHost"), "GET", "/products/none", undefined);
    expect(open.status).toBe(404);
  });
});
