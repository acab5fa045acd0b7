// Builds the deployable source folder: an ESM bundle of functions/src/index.ts split into chunks loaded
// on first use (SDKs left external, installed by Cloud Build from the generated package.json), plus the
// assets it reads at run time: the stylesheets and TH Sarabun New (Cloud Run has no Debian fonts).
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { type BuildOptions, build } from "esbuild";
import { findThSarabunNew } from "../src/adapters/pdf/fonts.ts";
import { AppError } from "../src/app-error.ts";

/**
 * Packages the deployed functions import at run time, installed by Cloud Build; everything else in
 * package.json is CLI or test only. The Functions Framework must stay external (it finds the functions
 * registered with its own module instance), and so do the SDKs loaded on first use.
 */
export const RUNTIME_PACKAGES = [
  "@expo-google-fonts/noto-emoji",
  "@expo-google-fonts/sarabun",
  "@google-cloud/firestore",
  "@google-cloud/functions-framework",
  "@googleapis/sheets",
  "nodemailer",
  "p-retry",
  "puppeteer-core",
  // The summary report's charts, loaded from its own one-file build (summary-charts.ts).
  "echarts",
  // The Chromium the functions launch in the cloud, at the version package.json pins for every machine.
  "@sparticuz/chromium",
] as const;

/**
 * Pure-JS libraries every cold start loads (the config and body schemas, the ID-token verifier): bundled
 * into index.js, where one file costs less to load than their hundreds of module files.
 */
export const BUNDLED_PACKAGES = ["google-auth-library", "zod"] as const;

/** esbuild options of the deployed bundle, shared with the test that runs the bundled verifier. */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  external: [...RUNTIME_PACKAGES],
  // Bundled CommonJS (google-auth-library and its dependencies) calls require() for Node's built-ins.
  banner: {
    js: 'import { createRequire as __kboRequire } from "node:module";\nconst require = __kboRequire(import.meta.url);',
  },
  logLevel: "warning",
} as const satisfies BuildOptions;

/** The stylesheets the PDF adapter reads beside its code (page-style.ts), now in a chunk. */
export const STYLESHEETS = ["page.css", "report.css", "summary-report.css"] as const;

/** Where Laksaman's license travels with it (GPL-2+ with the font exception: embedding is allowed). */
const LAKSAMAN_COPYRIGHT = "/usr/share/doc/fonts-tlwg-laksaman/copyright";

/**
 * Copies TH Sarabun New (Laksaman) into the bundle's chunks/fonts/, where fonts.ts looks first.
 * Refuses to build without it: the deployed report would silently fall back to another font.
 */
async function shipFonts(outDir: string): Promise<string[]> {
  const found = findThSarabunNew();
  if (!found) {
    throw new AppError(
      "FONT_NOT_FOUND",
      "ไม่พบฟอนต์ TH Sarabun New (Laksaman) / TH Sarabun New (Laksaman) is not installed: sudo apt-get install -y fonts-tlwg-laksaman",
    );
  }
  const dir = join(outDir, "chunks", "fonts");
  await mkdir(dir, { recursive: true });
  const files = [found.regular, found.bold];
  for (const file of files) await copyFile(file, join(dir, basename(file)));
  await copyFile(LAKSAMAN_COPYRIGHT, join(dir, "COPYRIGHT-Laksaman")).catch(() => {});
  return files.map((f) => basename(f));
}

export async function bundleFunctions(
  root: string,
  outDir: string,
): Promise<{ bytes: number; fonts: string[] }> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: { index: join(root, "functions/src/index.ts") },
    outdir: outDir,
    // Chunks for the dynamic imports: without splitting, esbuild inlines them and hoists puppeteer,
    // nodemailer and the Sheets client to the top of the bundle, loading them on every cold start.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    ...BUNDLE_OPTIONS,
    sourcemap: "linked",
    metafile: true,
  });
  // The PDF adapter reads its stylesheets and fonts beside itself: that code now sits in a chunk.
  await mkdir(join(outDir, "chunks"), { recursive: true });
  for (const css of STYLESHEETS) {
    await copyFile(join(root, "functions/src/adapters/pdf", css), join(outDir, "chunks", css));
  }
  const fonts = await shipFonts(outDir);
  const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
  const dependencies: Record<string, string> = {};
  for (const name of RUNTIME_PACKAGES) dependencies[name] = pkg.dependencies[name];
  await writeFile(
    join(outDir, "package.json"),
    `${JSON.stringify(
      {
        name: "kbo-records-functions",
        private: true,
        type: "module",
        main: "index.js",
        engines: { node: ">=24" },
        dependencies,
      },
      null,
      2,
    )}\n`,
  );
  const bytes = Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith(".js"))
    .reduce((s, [, o]) => s + o.bytes, 0);
  return { bytes, fonts };
}
