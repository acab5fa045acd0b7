// The zip layer: parts come back exactly and in order; a zip bomb, a size that lies and a bad checksum
// are refused with a code, a bomb before anything is inflated (the memory it would take never is).
import { describe, expect, it } from "vitest";
import {
  readZipParts,
  writeZipParts,
  ZIP_LIMITS,
} from "../../../../functions/src/adapters/workbook/xlsx-zip.ts";
import { officeWorkbook } from "../../../support/office-workbook.ts";
import { corruptEntry, withDeclaredSizes, zipBomb } from "../../../support/zip-bomb.ts";

const MiB = 1024 * 1024;

// Deflating 200 MiB takes seconds of CPU, more on a loaded machine: built once for both bomb tests,
// whose timeout allows for it (they assert codes and memory, never time).
let bomb: Promise<Buffer> | undefined;
const bomb200 = () => {
  bomb ??= zipBomb(200);
  return bomb;
};
const BOMB_TIMEOUT = 60_000;

/** Runs `fn`, sampling the process's memory: how far above the start it went, in MiB. */
async function peakGrowth(fn: () => Promise<unknown>): Promise<{ error?: unknown; growthMiB: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  let error: unknown;
  try {
    await fn();
  } catch (e) {
    error = e;
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return { error, growthMiB: (peak - before) / MiB };
}

describe("readZipParts / writeZipParts", () => {
  it("gives the parts back byte for byte, in archive order, each compressed as it was", async () => {
    const { bytes } = await officeWorkbook({ macros: true });
    const parts = await readZipParts(bytes, "office.xlsm");
    expect(parts[0]!.name).toBe("[Content_Types].xml");
    expect(parts.find((p) => p.name === "xl/media/image1.png")!.compressed).toBe(false);
    expect(parts.find((p) => p.name === "xl/vbaProject.bin")!.data.length).toBe(15_360);
    const again = await readZipParts(await writeZipParts(parts), "again.xlsm");
    expect(again.map((p) => [p.name, p.compressed])).toEqual(parts.map((p) => [p.name, p.compressed]));
    for (const [i, p] of again.entries()) expect(p.data.equals(parts[i]!.data), p.name).toBe(true);
  });

  it("reads only the parts asked for", async () => {
    const { bytes } = await officeWorkbook();
    const parts = await readZipParts(bytes, "office.xlsx", (n) => n.endsWith(".rels"));
    expect(parts.map((p) => p.name)).toEqual([
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/worksheets/_rels/sheet1.xml.rels",
      "xl/drawings/_rels/drawing1.xml.rels",
    ]);
  });

  it(
    "refuses a zip bomb (200 MB of sheet in 0.2 MB) from its directory, without inflating it",
    { timeout: BOMB_TIMEOUT },
    async () => {
      const bytes = await bomb200();
      expect(bytes.length).toBeLessThan(300_000);
      const run = await peakGrowth(() => readZipParts(bytes, "bomb.xlsx"));
      expect(run.error).toMatchObject({ code: "WORKBOOK_TOO_LARGE" });
      expect((run.error as Error).message).toMatch(/xl\/worksheets\/sheet1\.xml.*200 MB.*128 MB/);
      expect((run.error as Error).message).toMatch(/ไม่เปิดอ่าน/);
      expect(run.growthMiB).toBeLessThan(64);
    },
  );

  it(
    "stops an entry that inflates past the size it declares (a lying bomb)",
    { timeout: BOMB_TIMEOUT },
    async () => {
      const liar = withDeclaredSizes(await bomb200(), 1000);
      const run = await peakGrowth(() => readZipParts(liar, "liar.xlsx"));
      expect(run.error).toMatchObject({ code: "WORKBOOK_UNREADABLE" });
      expect(run.growthMiB).toBeLessThan(64);
    },
  );

  it("refuses more than the limit in all, a bad checksum, and bytes that are no zip", async () => {
    expect(ZIP_LIMITS.totalBytes).toBeGreaterThan(ZIP_LIMITS.partBytes);
    const { bytes } = await officeWorkbook();
    await expect(readZipParts(withDeclaredSizes(bytes, 100 * MiB), "big.xlsx")).rejects.toMatchObject({
      code: "WORKBOOK_TOO_LARGE",
      message: expect.stringMatching(/all parts/),
    });
    await expect(readZipParts(corruptEntry(bytes, "xl/media/image1.png"), "bad.xlsx")).rejects.toMatchObject({
      code: "WORKBOOK_UNREADABLE",
      message: expect.stringMatching(/image1\.png fails its checksum/),
    });
    await expect(readZipParts(Buffer.from("ไม่ใช่ไฟล์ Excel"), "text.xlsx")).rejects.toMatchObject({
      code: "WORKBOOK_UNREADABLE",
    });
  });
});
