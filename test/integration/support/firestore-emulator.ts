// The integration tier's Firestore: which emulator to use and how to reach it. Honours an already set
// FIRESTORE_EMULATOR_HOST (e.g. under `firebase emulators:exec`), else starts the Cloud SDK emulator.
import { DEMO_PROJECT_ID } from "../../../functions/src/adapters/firestore/collections.ts";
import {
  clearFirestore,
  type RunningEmulator,
  startFirestoreEmulator,
} from "../../../functions/src/adapters/firestore/emulator-process.ts";

export { clearFirestore };

/** The project id every integration test uses (the one loadConfig defaults to with an emulator). */
export const TEST_PROJECT_ID = DEMO_PROJECT_ID;

export interface TestFirestore {
  host: string;
  /** Who runs it: "external" (FIRESTORE_EMULATOR_HOST was set) or "cloud-sdk". */
  kind: "external" | "cloud-sdk";
  stop(): Promise<void>;
}

/** An emulator for this test run: the one named by `existingHost`, else a fresh Cloud SDK emulator. */
export async function provideFirestoreEmulator(existingHost: string | undefined): Promise<TestFirestore> {
  if (existingHost) {
    await waitForHost(existingHost);
    return { host: existingHost, kind: "external", stop: async () => {} };
  }
  const emulator: RunningEmulator = await startFirestoreEmulator();
  return { host: emulator.host, kind: "cloud-sdk", stop: () => emulator.stop() };
}

async function waitForHost(host: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://${host}/`, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // Not answering yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`FIRESTORE_EMULATOR_HOST=${host} does not answer`);
}
