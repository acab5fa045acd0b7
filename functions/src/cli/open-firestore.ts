// The Firestore a command talks to (README.md, "The `kbo` command"): the emulator named by FIRESTORE_EMULATOR_HOST, else the
// project in GOOGLE_CLOUD_PROJECT, else a local emulator started for the command whose data persists
// under .kbo/ between commands.
import { join } from "node:path";
import type { Firestore } from "@google-cloud/firestore";
import { assertFirestoreReachable, createFirestore } from "../adapters/firestore/client.ts";
import { startLocalFirestore } from "../adapters/firestore/local-emulator.ts";
import { loadConfig } from "../config.ts";
import type { CliIo } from "./io.ts";

export interface OpenFirestore {
  db: Firestore;
  /** Where the data is, for people: "127.0.0.1:8123 (local emulator, data in .kbo/)". */
  where: string;
  close(): Promise<void>;
}

export async function openFirestore(io: CliIo): Promise<OpenFirestore> {
  const config = loadConfig(io.env);
  if (config.firestoreEmulatorHost || config.projectId) {
    // Exit 2 within seconds, naming the host, rather than hang on a server nobody runs.
    await assertFirestoreReachable(config);
    const db = createFirestore(config);
    const where = config.firestoreEmulatorHost
      ? `${config.firestoreEmulatorHost} (FIRESTORE_EMULATOR_HOST)`
      : `project ${config.projectId}`;
    return { db, where, close: () => db.terminate() };
  }
  const local = await startLocalFirestore(join(io.cwd, ".kbo"));
  const db = createFirestore({ firestoreEmulatorHost: local.host, projectId: local.projectId });
  return {
    db,
    where: `${local.host} (local emulator, data in .kbo/)`,
    close: async () => {
      await db.terminate();
      await local.stop();
    },
  };
}
