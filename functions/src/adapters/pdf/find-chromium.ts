// Which Chromium prints the PDFs, by one rule everywhere: CHROMIUM_PATH (through the config) when set,
// else the system's (Debian's chromium locally and in CI), else @sparticuz/chromium, the build the
// deployed functions run (Cloud Run has no system Chromium), unpacked on first use and kept for its version.
import { accessSync, constants, readFileSync } from "node:fs";
import { mkdtemp, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { AppError } from "../../app-error.ts";

export const CHROMIUM_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
] as const;

/** The npm package of the Chromium build that runs in the cloud (pinned in package.json). */
export const BUNDLED_CHROMIUM_PACKAGE = "@sparticuz/chromium";

export interface ChromiumChoice {
  executablePath: string;
  /** Flags this build needs (@sparticuz/chromium's own list), beside the renderer's. */
  args: string[];
  source: "configured" | "system" | "bundled";
  /** "@sparticuz/chromium 138.0.2", "/usr/bin/chromium": what a log line or a benchmark names. */
  label: string;
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

interface SparticuzChromium {
  executablePath(input?: string): Promise<string>;
  args: string[];
}

const require = createRequire(import.meta.url);

/** The installed version of @sparticuz/chromium, or undefined when it is not installed. */
export function bundledChromiumVersion(): string | undefined {
  try {
    // The package exports only its entry point: find its package.json above it.
    let dir = dirname(require.resolve(BUNDLED_CHROMIUM_PACKAGE));
    for (let i = 0; i < 4; i++, dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
          name?: string;
          version?: string;
        };
        if (pkg.name === BUNDLED_CHROMIUM_PACKAGE) return pkg.version;
      } catch {
        // not this folder
      }
    }
  } catch {
    // not installed
  }
  return undefined;
}

/** Where the unpacked build is kept: one folder per version, so an upgrade never runs a stale binary. */
export const bundledChromiumDir = (version: string): string => join(tmpdir(), `kbo-chromium-${version}`);

let unpacking: Promise<string> | undefined;

/**
 * Unpacks @sparticuz/chromium (about 1.7 s, once per machine and version) into bundledChromiumDir.
 * The package unpacks into os.tmpdir() itself and trusts any "chromium" it finds there, half-written
 * or of another version; so it is pointed at a fresh folder, renamed into place once complete.
 */
async function unpackBundledChromium(version: string): Promise<string> {
  const dir = bundledChromiumDir(version);
  const executable = join(dir, "chromium");
  if (isExecutable(executable)) return executable;
  const chromium = ((await import(BUNDLED_CHROMIUM_PACKAGE)) as { default: SparticuzChromium }).default;
  const staging = await mkdtemp(`${dir}.partial-`);
  const saved = process.env.TMPDIR;
  let unpacked: Promise<string>;
  // executablePath() reads os.tmpdir() (TMPDIR) before its first await: the change lasts no longer.
  process.env.TMPDIR = staging;
  try {
    unpacked = chromium.executablePath();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  try {
    await unpacked;
    await rename(staging, dir);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    // Another process renamed its copy into place first: use that one.
    if (!isExecutable(executable)) throw e;
  }
  return executable;
}

/** @sparticuz/chromium, unpacked if need be: the renderer the deployed functions use. */
export async function bundledChromium(): Promise<ChromiumChoice> {
  const version = bundledChromiumVersion();
  if (!version) {
    throw new AppError(
      "CHROMIUM_NOT_FOUND",
      `ไม่พบ ${BUNDLED_CHROMIUM_PACKAGE} / ${BUNDLED_CHROMIUM_PACKAGE} is not installed (run npm install)`,
    );
  }
  if (!unpacking) {
    unpacking = unpackBundledChromium(version);
    unpacking.catch(() => {
      unpacking = undefined;
    });
  }
  let executablePath: string;
  try {
    executablePath = await unpacking;
  } catch (cause) {
    throw new AppError(
      "CHROMIUM_NOT_FOUND",
      `แตกไฟล์ ${BUNDLED_CHROMIUM_PACKAGE} ไม่ได้ / could not unpack ${BUNDLED_CHROMIUM_PACKAGE} ${version} into ${bundledChromiumDir(version)}`,
      { cause },
    );
  }
  const chromium = ((await import(BUNDLED_CHROMIUM_PACKAGE)) as { default: SparticuzChromium }).default;
  return {
    executablePath,
    args: chromium.args,
    source: "bundled",
    label: `${BUNDLED_CHROMIUM_PACKAGE} ${version}`,
  };
}

/** The first system Chromium of `candidates`, if any. */
export function systemChromium(
  candidates: readonly string[] = CHROMIUM_CANDIDATES,
): ChromiumChoice | undefined {
  const found = candidates.find(isExecutable);
  return found ? { executablePath: found, args: [], source: "system", label: found } : undefined;
}

/** The Chromium to launch; throws CHROMIUM_NOT_FOUND naming what was tried. */
export async function chooseChromium(
  configured?: string,
  candidates: readonly string[] = CHROMIUM_CANDIDATES,
): Promise<ChromiumChoice> {
  if (configured) {
    if (isExecutable(configured)) {
      return { executablePath: configured, args: [], source: "configured", label: configured };
    }
    throw new AppError(
      "CHROMIUM_NOT_FOUND",
      `CHROMIUM_PATH ${configured} ไม่ใช่โปรแกรมที่รันได้ / is not executable`,
    );
  }
  const system = systemChromium(candidates);
  if (system) return system;
  if (bundledChromiumVersion()) return bundledChromium();
  throw new AppError(
    "CHROMIUM_NOT_FOUND",
    `ไม่พบ Chromium / Chromium not found (tried ${candidates.join(", ")} and ${BUNDLED_CHROMIUM_PACKAGE}); run npm install, install chromium or set CHROMIUM_PATH`,
  );
}
