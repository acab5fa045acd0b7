// The Firestore client for a Config: the emulator named by FIRESTORE_EMULATOR_HOST, else the project
// with default credentials. Undefined optional fields are simply not stored.
import { Firestore } from "@google-cloud/firestore";
import { AppError } from "../../app-error.ts";
import type { Config } from "../../config.ts";

export function createFirestore(config: Pick<Config, "firestoreEmulatorHost" | "projectId">): Firestore {
  if (config.firestoreEmulatorHost) {
    return new Firestore({
      projectId: config.projectId ?? "demo-kbo-records",
      host: config.firestoreEmulatorHost,
      ssl: false,
      ignoreUndefinedProperties: true,
    });
  }
  if (config.projectId)
    return new Firestore({ projectId: config.projectId, ignoreUndefinedProperties: true });
  throw new AppError(
    "FIRESTORE_NOT_CONFIGURED",
    "ไม่ได้ตั้งค่า Firestore / set FIRESTORE_EMULATOR_HOST or GOOGLE_CLOUD_PROJECT",
  );
}
