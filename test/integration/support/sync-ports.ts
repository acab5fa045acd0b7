// The `sync` handler's ports on a test database, for tests that call the handler in process.
import type { Firestore } from "@google-cloud/firestore";
import { syncPortsOf } from "../../../functions/src/adapters/firestore/sync-ports.ts";
import { silentLogger } from "../../../functions/src/adapters/log/logger.ts";
import type { SyncPorts } from "../../../functions/src/handlers/sync.ts";

export const syncPorts = (
  db: Firestore,
  now: () => Date = () => new Date("2020-01-20T03:00:00Z"),
): SyncPorts => ({
  ...syncPortsOf(db),
  now,
  log: silentLogger,
});
