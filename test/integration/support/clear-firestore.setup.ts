// Setup file of the integration tier: every test file starts with an empty Firestore.
import { beforeAll, inject } from "vitest";
import { clearFirestore } from "./firestore-emulator.ts";

beforeAll(async () => {
  const host = inject("firestoreHost");
  process.env.FIRESTORE_EMULATOR_HOST = host;
  await clearFirestore(host, inject("firestoreProjectId"));
});
