// The embedded default Firestore of the `kbo` command: a Cloud SDK emulator started for one command,
// seeded from the last export under `.kbo/firestore`, exported back there when the command ends, so
// `kbo sync` then `kbo summarize` see the same records without any setup.
import { join } from "node:path";
import { DEMO_PROJECT_ID } from "./collections.ts";
import { startFirestoreEmulator } from "./emulator-process.ts";

export interface LocalFirestore {
  host: string;
  projectId: string;
  /** Exports the data and stops the emulator. */
  stop(): Promise<void>;
}

export async function startLocalFirestore(kboDir: string): Promise<LocalFirestore> {
  const dataDir = join(kboDir, "firestore");
  const emulator = await startFirestoreEmulator({
    importData: dataDir,
    exportOnExit: dataDir,
    projectId: DEMO_PROJECT_ID,
  });
  return { host: emulator.host, projectId: DEMO_PROJECT_ID, stop: () => emulator.stop() };
}
