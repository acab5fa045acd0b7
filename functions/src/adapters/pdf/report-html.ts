// The meeting report as one self-contained HTML page (fonts inline, nothing fetched), laid out by
// report.css. Every value from the sheet passes through escapeHtml, so no name can add markup.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  NONE_TEXT,
  PAGE_NUMBER_AFFIXES,
  PERSON_COLUMNS,
  REPORT_HEADINGS,
  type ReportAgendaItem,
  type ReportModel,
  type ReportPerson,
} from "../../domain/report-model.ts";

const require = createRequire(import.meta.url);

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

let stylesheet: string | undefined;

/** The @font-face rules (Sarabun 400 and 700 as base64) and report.css, read once per process. */
function loadStylesheet(): string {
  if (stylesheet) return stylesheet;
  const face = (weight: number, file: string) => {
    const path = require.resolve(`@expo-google-fonts/sarabun/${file}`);
    const data = readFileSync(path).toString("base64");
    return `@font-face { font-family: "Sarabun"; font-style: normal; font-weight: ${weight}; src: url(data:font/ttf;base64,${data}) format("truetype"); }`;
  };
  const css = readFileSync(new URL("./report.css", import.meta.url), "utf8");
  stylesheet = [
    face(400, "400Regular/Sarabun_400Regular.ttf"),
    face(700, "700Bold/Sarabun_700Bold.ttf"),
    css,
  ].join("\n");
  return stylesheet;
}

/** Page numbers centred at the top from page 2, "- 2 -" or "- ๒ -" (CSS page-margin boxes). */
function pageNumberCss(model: ReportModel): string {
  const counter = model.digits === "thai" ? "thai" : "decimal";
  const { prefix, suffix } = PAGE_NUMBER_AFFIXES;
  return `@page { @top-center { content: ${cssString(prefix)} counter(page, ${counter}) ${cssString(suffix)}; font-family: "Sarabun"; font-size: 16pt; vertical-align: bottom; padding-bottom: 0.4cm; } }
@page :first { @top-center { content: none; } }`;
}

const paragraphs = (lines: string[], className = "") =>
  lines.map((line) => `<p${className ? ` class="${className}"` : ""}>${escapeHtml(line)}</p>`).join("");

function personTable(heading: string, people: ReportPerson[]): string {
  const h = `<h2>${escapeHtml(heading)}</h2>`;
  if (people.length === 0) return `<section>${h}<p class="none">${escapeHtml(NONE_TEXT)}</p></section>`;
  const c = PERSON_COLUMNS;
  const cols = `<colgroup><col class="index"><col class="name"><col class="position"><col class="note"></colgroup>`;
  const head = `${cols}<thead><tr><th>${c.index}</th><th>${c.name}</th><th>${c.position}</th><th>${c.note}</th></tr></thead>`;
  const rows = people
    .map(
      (p) =>
        `<tr><td class="index">${escapeHtml(p.index)}</td><td class="name">${escapeHtml(p.name)}</td><td class="position">${escapeHtml(p.position)}</td><td class="note">${escapeHtml(p.note)}</td></tr>`,
    )
    .join("");
  return `<section>${h}<table>${head}<tbody>${rows}</tbody></table></section>`;
}

function agendaItem(item: ReportAgendaItem): string {
  const resolution =
    item.resolution.length > 0
      ? `<p class="resolution-label"><span class="label">${REPORT_HEADINGS.resolution}</span></p>${paragraphs(item.resolution)}`
      : "";
  return `<section class="item level-${Math.min(item.level, 3)}"><h3>${escapeHtml(item.label)} ${escapeHtml(item.subject)}</h3>${paragraphs(item.details)}${resolution}</section>`;
}

function signature(s: ReportModel["signatures"][number]): string {
  const name = s.name ? `(${escapeHtml(s.name)})` : "(....................................)";
  return `<div class="signature"><p>(ลงชื่อ) ......................................</p><p>${name}</p><p>${escapeHtml(s.role)}</p></div>`;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

/** The page without its content: fonts and styles. A Content-Security-Policy forbids scripts and
 *  every fetch but inline data. The renderer loads it ahead of time, then fills #page-css and body. */
export function reportShellHtml(): string {
  return `<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title></title>
<style>
${loadStylesheet()}
</style>
<style id="page-css"></style>
</head>
<body></body>
</html>`;
}

/** What the renderer puts into the shell for one report. */
export interface ReportContent {
  title: string;
  pageCss: string;
  body: string;
}

export function reportContent(model: ReportModel): ReportContent {
  const body = `<header class="heading">
<h1>${escapeHtml(model.title)}</h1>
<p>${escapeHtml(model.number)}</p>
<p>${escapeHtml(model.date)}</p>
<p>${escapeHtml(model.place)}</p>
</header>
${personTable(REPORT_HEADINGS.present, model.present)}
${personTable(REPORT_HEADINGS.absent, model.absent)}
${personTable(REPORT_HEADINGS.inAttendance, model.inAttendance)}
<p class="time"><span class="label">${escapeHtml(model.start)}</span></p>
${model.agenda.map(agendaItem).join("\n")}
<p class="time"><span class="label">${escapeHtml(model.end)}</span></p>
<div class="signatures">${model.signatures.map(signature).join("")}</div>`;
  return { title: `${model.title} ${model.number}`, pageCss: pageNumberCss(model), body };
}

/** The whole report as one self-contained page (for saving as .html or rendering cold). */
export function renderReportHtml(model: ReportModel): string {
  const c = reportContent(model);
  return reportShellHtml()
    .replace("<title></title>", `<title>${escapeHtml(c.title)}</title>`)
    .replace('<style id="page-css"></style>', `<style id="page-css">${c.pageCss}</style>`)
    .replace("<body></body>", `<body>\n${c.body}\n</body>`);
}
