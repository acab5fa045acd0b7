// Which Chromium the deployed functions launch: CHROMIUM_PATH when set, else @sparticuz/chromium (a
// dependency of the deployed bundle only: Cloud Run has no system Chromium), else the system's.
import type { PdfRendererOptions } from "./pdf-renderer.ts";

interface SparticuzChromium {
  executablePath(): Promise<string>;
  args: string[];
}

export async function runtimeChromium(configured?: string): Promise<PdfRendererOptions> {
  if (configured) return { chromiumPath: configured };
  // A variable specifier: locally the package is absent and the bundler must leave the import alone.
  const name = "@sparticuz/chromium";
  try {
    const chromium = ((await import(name)) as { default: SparticuzChromium }).default;
    return { chromiumPath: await chromium.executablePath(), args: chromium.args };
  } catch {
    return {};
  }
}
