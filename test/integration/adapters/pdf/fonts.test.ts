// The report's fonts on this machine: TH Sarabun New found where Debian puts it, and the character
// lists validation relies on (domain/report-font-coverage.ts) true to the font files (fontconfig).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  documentFonts,
  findThSarabunNew,
  NOTO_EMOJI_FILE,
  SARABUN_FILES,
} from "../../../../functions/src/adapters/pdf/fonts.ts";
import { withFallbackFonts } from "../../../../functions/src/adapters/pdf/page-style.ts";
import { REPORT_FONT_CHARSETS } from "../../../../functions/src/domain/report-font-coverage.ts";

const run = promisify(execFile);
const charset = async (file: string) => (await run("fc-query", ["--format=%{charset}", file])).stdout.trim();

describe("the report's fonts", () => {
  const laksaman = findThSarabunNew();

  it("finds TH Sarabun New as Laksaman (fonts-tlwg-laksaman) and embeds it first", () => {
    expect(laksaman, "sudo apt-get install -y fonts-tlwg-laksaman").toEqual({
      regular: "/usr/share/fonts/truetype/tlwg/Laksaman.ttf",
      bold: "/usr/share/fonts/truetype/tlwg/Laksaman-Bold.ttf",
    });
    const fonts = documentFonts();
    expect(fonts.primary).toContain("Laksaman.ttf");
    expect(fonts.css).toContain('"KBO Text"');
    // The fallbacks (1.4 MB) go only into documents whose text needs them.
    expect(fonts.css).not.toMatch(/KBO (Fallback|Emoji)/);
    expect(fonts.fallbackCss).toMatch(/"KBO Fallback".*\n.*"KBO Fallback".*\n.*"KBO Emoji"/);
    expect(withFallbackFonts({ title: "t", css: "x", body: "<p>น้ำพริก &amp; …</p>" }).css).toBe("x");
    expect(withFallbackFonts({ title: "t", css: "x", body: "<p>น้ำพริก 😀</p>" }).css).toContain('"KBO Emoji"');
    expect(withFallbackFonts({ title: "→", css: "x", body: "" }).css).toContain('"KBO Fallback"');
  });

  it("falls back to Sarabun when no TH Sarabun New is installed", () => {
    expect(findThSarabunNew(["/nonexistent"])).toBeUndefined();
  });

  it.each([
    ["laksaman", () => laksaman!.regular, () => laksaman!.bold],
    ["sarabun", () => SARABUN_FILES.regular, () => SARABUN_FILES.bold],
    ["notoEmoji", () => NOTO_EMOJI_FILE, () => NOTO_EMOJI_FILE],
  ] as const)("lists the characters %s draws, in both weights, as the font files do", async (name, regular, bold) => {
    expect(await charset(regular())).toBe(REPORT_FONT_CHARSETS[name]);
    expect(await charset(bold())).toBe(REPORT_FONT_CHARSETS[name]);
  });
});
