// The page every printed document shares: the HTML shell (fonts inline, page.css, a Content-Security-
// Policy), the page numbers "- 2 -" from page 2, and the escaping of every value put into the page.
// The meeting report is one such document (report-html.ts); others reuse the same page.
import { readFileSync } from "node:fs";
import type { DigitStyle } from "../../domain/report-model.ts";
import { PAGE_NUMBER_AFFIXES } from "../../domain/report-model.ts";
import { documentFonts, FONT_STACK } from "./fonts.ts";

/** A document ready to print: its title, its own stylesheet (page numbers included) and its body. */
export interface PrintedDocument {
  title: string;
  css: string;
  body: string;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for element content and quoted attributes. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

const cssString = (text: string) => `"${text.replace(/[\\"]/g, "\\$&")}"`;

/** Reads a stylesheet that sits beside this file (the deploy bundle copies them beside its chunks). */
export const readStylesheet = (name: string): string =>
  readFileSync(new URL(`./${name}`, import.meta.url), "utf8");

let shared: string | undefined;

/** The fonts and page.css, read once per process. */
function sharedStylesheet(): string {
  shared ??= [documentFonts().css, `:root { --kbo-fonts: ${FONT_STACK}; }`, readStylesheet("page.css")].join(
    "\n",
  );
  return shared;
}

/** Page numbers centred at the top from page 2, "- 2 -" or "- ๒ -" (CSS page-margin boxes). */
export function pageNumberCss(digits: DigitStyle): string {
  const counter = digits === "thai" ? "thai" : "decimal";
  const { prefix, suffix } = PAGE_NUMBER_AFFIXES;
  return `@page { @top-center { content: ${cssString(prefix)} counter(page, ${counter}) ${cssString(suffix)}; font-family: ${FONT_STACK}; font-size: 16pt; vertical-align: bottom; padding-bottom: 0.4cm; } }
@page :first { @top-center { content: none; } }`;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

/** The page without its content: fonts and the shared style. A Content-Security-Policy forbids scripts
 *  and every fetch but inline data. The renderer loads it ahead of time, then fills #doc-css and body. */
export function documentShellHtml(): string {
  return `<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title></title>
<style>
${sharedStylesheet()}
</style>
<style id="doc-css"></style>
</head>
<body></body>
</html>`;
}

/** The document, with the fallback fonts (Sarabun, Noto Emoji) added when its text needs them. */
export function withFallbackFonts(doc: PrintedDocument): PrintedDocument {
  const fonts = documentFonts();
  return fonts.drawsAll(doc.body) && fonts.drawsAll(doc.title)
    ? doc
    : { ...doc, css: `${fonts.fallbackCss}\n${doc.css}` };
}

/** The whole document as one self-contained page (for saving as .html or rendering cold). */
export function standaloneHtml(input: PrintedDocument): string {
  const doc = withFallbackFonts(input);
  // Replacer functions: a "$&" in a name must not be read as a replacement pattern.
  return documentShellHtml()
    .replace("<title></title>", () => `<title>${escapeHtml(doc.title)}</title>`)
    .replace('<style id="doc-css"></style>', () => `<style id="doc-css">\n${doc.css}\n</style>`)
    .replace("<body></body>", () => `<body>\n${doc.body}\n</body>`);
}
