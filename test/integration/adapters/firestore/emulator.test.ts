// Smoke test of the harness: the emulator answers, keeps a document, and is emptied between files.
import { Firestore } from "@google-cloud/firestore";
import { afterAll, describe, expect, inject, it } from "vitest";
import { clearFirestore } from "../../support/firestore-emulator.ts";

describe("Firestore emulator harness", () => {
  const host = inject("firestoreHost");
  const projectId = inject("firestoreProjectId");
  const db = new Firestore({ projectId, host, ssl: false });
  afterAll(() => db.terminate());

  it("starts each file with an empty database", async () => {
    const all = await db.collectionGroup("smoke").get();
    expect(all.size).toBe(0);
  });

  it("writes and reads back a document with Thai text", async () => {
    await db.doc("smoke/one").set({ name: "กลุ่มทอผ้าบ้านไร่", n: 1 });
    const snap = await db.doc("smoke/one").get();
    expect(snap.data()).toEqual({ name: "กลุ่มทอผ้าบ้านไร่", n: 1 });
  });

  it("clearFirestore deletes every document", async () => {
    await db.doc("smoke/two").set({ n: 2 });
    await clearFirestore(host, projectId);
    expect((await db.collection("smoke").get()).size).toBe(0);
  });
});
