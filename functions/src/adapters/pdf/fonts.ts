// The fonts every printed document embeds, so the PDF looks the same wherever Chromium runs: TH Sarabun
// New as Laksaman (the deploy bundle's fonts/ folder, else the system's fonts-tlwg-laksaman), Google's
// Sarabun when Laksaman is absent and for what it lacks, Noto Emoji for emoji and symbols.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { drawsAll } from "../../domain/report-font-coverage.ts";

const require = createRequire(import.meta.url);

/** The CSS font-family list of every document; page.css and the page-number boxes use it. */
export const FONT_STACK = '"KBO Text", "KBO Fallback", "KBO Emoji"';

/** Where the deploy bundle puts Laksaman (beside the code that reads it; see functions/deploy/bundle.ts). */
export const BUNDLED_FONTS_DIR = fileURLToPath(new URL("./fonts/", import.meta.url));

/** Folders searched for TH Sarabun New, in order: the bundle's, Debian's package, then the user's own. */
export const FONT_DIRS = [
  BUNDLED_FONTS_DIR,
  "/usr/share/fonts/truetype/tlwg",
  "/usr/share/fonts/opentype/tlwg",
  "/usr/local/share/fonts",
  join(homedir(), ".local/share/fonts"),
  join(homedir(), ".fonts"),
] as const;

/**
 * File names of TH Sarabun New, regular and bold: TLWG's Laksaman (Debian's fonts-tlwg-laksaman-ttf
 * and -otf), then SIPA's original files for a user who installed those by hand.
 */
export const TH_SARABUN_FILES = [
  { regular: "Laksaman.ttf", bold: "Laksaman-Bold.ttf" },
  { regular: "Laksaman.otf", bold: "Laksaman-Bold.otf" },
  { regular: "THSarabunNew.ttf", bold: "THSarabunNew Bold.ttf" },
] as const;

export interface FontFiles {
  regular: string;
  bold: string;
}

/** TH Sarabun New's regular and bold files, if installed in one of `dirs`. */
export function findThSarabunNew(dirs: readonly string[] = FONT_DIRS): FontFiles | undefined {
  for (const dir of dirs) {
    for (const names of TH_SARABUN_FILES) {
      const regular = join(dir, names.regular);
      const bold = join(dir, names.bold);
      if (existsSync(regular) && existsSync(bold)) return { regular, bold };
    }
  }
  return undefined;
}

export const SARABUN_FILES: FontFiles = {
  regular: require.resolve("@expo-google-fonts/sarabun/400Regular/Sarabun_400Regular.ttf"),
  bold: require.resolve("@expo-google-fonts/sarabun/700Bold/Sarabun_700Bold.ttf"),
};
export const NOTO_EMOJI_FILE = require.resolve(
  "@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf",
);

export interface DocumentFonts {
  /** The text font's @font-face rules, inline as data: URLs (the page may fetch nothing). */
  css: string;
  /**
   * Sarabun's and Noto Emoji's rules: 1.4 MB of data that would slow every page (about 200 ms to load
   * the shell page), so a document gets them only when its text needs them (withFallbackFonts).
   */
  fallbackCss: string;
  /** Whether the text font draws every character of a text (domain/report-font-coverage.ts). */
  drawsAll(text: string): boolean;
  /** "TH Sarabun New (…/Laksaman.ttf)" or "Sarabun (fallback: …)": what a log line or README names. */
  primary: string;
}

const face = (family: string, weight: number, file: string, extra = "") => {
  const format = file.endsWith(".otf") ? "opentype" : "truetype";
  const data = readFileSync(file).toString("base64");
  return `@font-face { font-family: "${family}"; font-style: normal; font-weight: ${weight};${extra} src: url(data:font/${format === "opentype" ? "otf" : "ttf"};base64,${data}) format("${format}"); }`;
};

let loaded: DocumentFonts | undefined;

/** Reads the fonts once per process. */
export function documentFonts(): DocumentFonts {
  if (loaded) return loaded;
  const th = findThSarabunNew();
  const text = th ?? SARABUN_FILES;
  // TH Sarabun New's stacked marks (ปั้น, กั๊ก) reach its full ascent, 1.27 em, and its descent is
  // declared as 0.69 em though ุ and ู reach 0.37 em: with the descent declared near zero, the top
  // of every line box covers the marks, which would otherwise spill onto the foot of the page before.
  const metrics = th ? " ascent-override: 127%; descent-override: 10%; line-gap-override: 0%;" : "";
  const fallbacks = [
    // Sarabun draws what Laksaman lacks (arrows, more Latin); a second copy only when it is not the text font.
    ...(th
      ? [face("KBO Fallback", 400, SARABUN_FILES.regular), face("KBO Fallback", 700, SARABUN_FILES.bold)]
      : []),
    // Emoji only (Noto Emoji also maps digits and the space, which must stay in the text font).
    face(
      "KBO Emoji",
      400,
      NOTO_EMOJI_FILE,
      " unicode-range: U+A9, U+AE, U+203C-3299, U+1F000-1FAFF, U+E0020-E007F;",
    ),
  ];
  const font = th ? "laksaman" : "sarabun";
  loaded = {
    css: [face("KBO Text", 400, text.regular, metrics), face("KBO Text", 700, text.bold, metrics)].join("\n"),
    fallbackCss: fallbacks.join("\n"),
    drawsAll: (t) => drawsAll(font, t),
    primary: th ? `TH Sarabun New (${th.regular})` : `Sarabun (fallback: TH Sarabun New not installed)`,
  };
  return loaded;
}
