// The Firestore client for a Config: the emulator named by FIRESTORE_EMULATOR_HOST, else the project
// with default credentials. Undefined optional fields are simply not stored.
import { connect } from "node:net";
import { Firestore } from "@google-cloud/firestore";
import { AppError } from "../../app-error.ts";
import type { Config } from "../../config.ts";
import { DEMO_PROJECT_ID } from "./collections.ts";

export function createFirestore(config: Pick<Config, "firestoreEmulatorHost" | "projectId">): Firestore {
  if (config.firestoreEmulatorHost) {
    return new Firestore({
      projectId: config.projectId ?? DEMO_PROJECT_ID,
      host: config.firestoreEmulatorHost,
      ssl: false,
      ignoreUndefinedProperties: true,
      // The emulator takes no credentials; naming placeholder ones stops the auth library from probing
      // the GCE metadata server (a MetadataLookupWarning on every command run off Google Cloud).
      credentials: {
        client_email: `emulator@${DEMO_PROJECT_ID}.iam.gserviceaccount.com`,
        private_key: "unused",
      },
    });
  }
  if (config.projectId)
    return new Firestore({ projectId: config.projectId, ignoreUndefinedProperties: true });
  throw new AppError(
    "FIRESTORE_NOT_CONFIGURED",
    "ไม่ได้ตั้งค่า Firestore / set FIRESTORE_EMULATOR_HOST or GOOGLE_CLOUD_PROJECT",
  );
}

/** Where the client of `config` connects: the emulator's host:port, else Google's endpoint. */
export function firestoreHostOf(config: Pick<Config, "firestoreEmulatorHost">): string {
  return config.firestoreEmulatorHost ?? "firestore.googleapis.com:443";
}

/** How long a command waits for Firestore's port before saying it is unavailable. */
export const REACHABLE_TIMEOUT_MS = 5_000;

/**
 * Fails fast with FIRESTORE_UNAVAILABLE (naming the host) when nothing answers at Firestore's address.
 * The client itself would retry an unreachable server for minutes (each call about 45 s of gRPC
 * reconnects, then our seven attempts), a command that hangs; a server that goes away later, in the
 * middle of a sync, is still retried (adapters/retry.ts).
 */
export async function assertFirestoreReachable(
  config: Pick<Config, "firestoreEmulatorHost">,
  timeoutMs = REACHABLE_TIMEOUT_MS,
): Promise<void> {
  const host = firestoreHostOf(config);
  const colon = host.lastIndexOf(":");
  const name = (colon > 0 ? host.slice(0, colon) : host).replace(/^\[|\]$/g, "");
  const port = colon > 0 ? Number(host.slice(colon + 1)) : 443;
  const reason = await new Promise<string | undefined>((resolve) => {
    const socket = connect({ host: name, port });
    const done = (why: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(why);
    };
    const timer = setTimeout(() => done(`no answer in ${timeoutMs / 1000} s`), timeoutMs);
    socket.once("connect", () => done(undefined));
    socket.once("error", (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });
  if (reason === undefined) return;
  throw new AppError(
    "FIRESTORE_UNAVAILABLE",
    `ติดต่อ Firestore ที่ ${host} ไม่ได้ (${reason}) / Firestore unavailable at ${host} (${reason}): ` +
      "start the emulator or check FIRESTORE_EMULATOR_HOST and the network",
  );
}
