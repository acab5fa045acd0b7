// Where Chromium is: CHROMIUM_PATH (through the config) when set, else the usual system paths
// (Debian's chromium locally and in CI). In the cloud the caller passes @sparticuz/chromium's path.
import { accessSync, constants } from "node:fs";
import { AppError } from "../../app-error.ts";

export const CHROMIUM_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
] as const;

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The executable to launch; throws CHROMIUM_NOT_FOUND naming what was tried. */
export function findChromium(
  configured?: string,
  candidates: readonly string[] = CHROMIUM_CANDIDATES,
): string {
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new AppError(
      "CHROMIUM_NOT_FOUND",
      `CHROMIUM_PATH ${configured} ไม่ใช่โปรแกรมที่รันได้ / is not executable`,
    );
  }
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new AppError(
    "CHROMIUM_NOT_FOUND",
    `ไม่พบ Chromium / Chromium not found (tried ${candidates.join(", ")}); install chromium or set CHROMIUM_PATH`,
  );
}
