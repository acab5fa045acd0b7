// Which Chromium prints: CHROMIUM_PATH, else the system's, else @sparticuz/chromium unpacked once into
// a folder of its version (the cloud's renderer, so that a machine without Chromium still gets the PDF).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  bundledChromiumDir,
  bundledChromiumVersion,
  chooseChromium,
} from "../../../../functions/src/adapters/pdf/find-chromium.ts";

describe("chooseChromium", () => {
  it("takes CHROMIUM_PATH when set, and refuses one that cannot run", async () => {
    await expect(chooseChromium("/usr/bin/chromium")).resolves.toMatchObject({
      executablePath: "/usr/bin/chromium",
      source: "configured",
    });
    await expect(chooseChromium("/nonexistent/chromium")).rejects.toMatchObject({
      code: "CHROMIUM_NOT_FOUND",
    });
  });

  it("prefers the system's Chromium", async () => {
    await expect(chooseChromium(undefined, ["/nonexistent", "/usr/bin/chromium"])).resolves.toMatchObject({
      executablePath: "/usr/bin/chromium",
      source: "system",
      args: [],
    });
  });

  it("falls back to @sparticuz/chromium, unpacked into a folder of its version, at the version package.json pins", async () => {
    const pkg = JSON.parse(await readFile("package.json", "utf8"));
    const version = bundledChromiumVersion();
    expect(version).toBe(pkg.dependencies["@sparticuz/chromium"]);
    const choice = await chooseChromium(undefined, ["/nonexistent"]);
    expect(choice).toMatchObject({
      source: "bundled",
      executablePath: `${bundledChromiumDir(version!)}/chromium`,
      label: `@sparticuz/chromium ${version}`,
    });
    expect(choice.args).toContain("--headless='shell'");
    expect(existsSync(choice.executablePath)).toBe(true);
    // A second call finds the unpacked build rather than unpacking again.
    await expect(chooseChromium(undefined, [])).resolves.toEqual(choice);
  });
});
