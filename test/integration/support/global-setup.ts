// Global setup of the integration tier: one Firestore emulator per run (or the one named by
// FIRESTORE_EMULATOR_HOST), handed to test files with `inject("firestoreHost")`, stopped at the end.
import type { TestProject } from "vitest/node";
import { provideFirestoreEmulator, TEST_PROJECT_ID } from "./firestore-emulator.ts";

declare module "vitest" {
  export interface ProvidedContext {
    firestoreHost: string;
    firestoreProjectId: string;
    firestoreKind: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const firestore = await provideFirestoreEmulator(process.env.FIRESTORE_EMULATOR_HOST);
  project.provide("firestoreHost", firestore.host);
  project.provide("firestoreProjectId", TEST_PROJECT_ID);
  project.provide("firestoreKind", firestore.kind);
  // Workers and the processes tests spawn (`node bin/kbo.js …`) find the emulator through the environment.
  process.env.FIRESTORE_EMULATOR_HOST = firestore.host;
  console.info(`[integration] Firestore emulator (${firestore.kind}) at ${firestore.host}`);
  return async () => {
    await firestore.stop();
  };
}
