// The Firestore client for a Config: the emulator named by FIRESTORE_EMULATOR_HOST, else the project
// with default credentials. Undefined optional fields are simply not stored.
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
