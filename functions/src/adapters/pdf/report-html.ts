// The meeting report as a printed document on the shared page (page-style.ts), laid out by report.css:
// numbered entries, no ruled tables. Every value from the sheet passes through escapeHtml (by way of
// thai-lines.ts), so no name can add markup; names and compounds are marked so that lines never split them.
import {
  NONE_TEXT,
  ON_BEHALF_OF,
  REPORT_HEADINGS,
  type ReportAgendaItem,
  type ReportModel,
  type ReportPerson,
  type ReportSignature,
  SIGNATURE_WORDS,
} from "../../domain/report-model.ts";
import {
  escapeHtml,
  type PrintedDocument,
  pageNumberCss,
  readStylesheet,
  standaloneHtml,
} from "./page-style.ts";
import { freeTextHtml, nameHtml, thaiTextHtml } from "./thai-lines.ts";

export { escapeHtml };

let reportCss: string | undefined;

type Text = (text: string) => string;

function personEntry(p: ReportPerson): string {
  const parts = [nameHtml(p.name), p.position && thaiTextHtml(p.position), p.note && nameOrText(p.note)];
  return `<p class="entry"><span class="index">${escapeHtml(p.index)}</span>${parts.filter(Boolean).join(" ")}</p>`;
}

// "แทน นายจ ฉ" names a person or a post; each part is kept whole either way (they are short).
const nameOrText = (note: string) =>
  note.startsWith(`${ON_BEHALF_OF} `)
    ? `${ON_BEHALF_OF} ${nameHtml(note.slice(ON_BEHALF_OF.length + 1))}`
    : thaiTextHtml(note);

function people(heading: string, list: ReportPerson[]): string {
  const entries =
    list.length === 0 ? `<p class="entry none">${escapeHtml(NONE_TEXT)}</p>` : list.map(personEntry).join("");
  return `<section class="people"><h2 class="keep-with-next">${escapeHtml(heading)}</h2>${entries}</section>`;
}

const paragraphs = (lines: string[], text: Text) =>
  lines.map((line) => `<p class="para">${text(line)}</p>`).join("");

function agendaItem(item: ReportAgendaItem, text: Text): string {
  const [first, ...more] = item.resolution;
  const resolution =
    first === undefined
      ? ""
      : `<p class="para resolution"><span class="label">${REPORT_HEADINGS.resolution}</span> ${text(first)}</p>${paragraphs(more, text)}`;
  return `<section class="item level-${Math.min(item.level, 3)}"><h3 class="keep-with-next">${text(item.heading)}</h3>${paragraphs(item.details, text)}${resolution}</section>`;
}

function signature(s: ReportSignature): string {
  return `<div class="signature keep-together"><p class="signed">${escapeHtml(SIGNATURE_WORDS.signed)} ${escapeHtml(SIGNATURE_WORDS.line)} ${escapeHtml(s.role)}</p><p>(${nameHtml(s.name)})</p><p>${thaiTextHtml(s.position)}</p></div>`;
}

/** The report as a document for the renderer: report.css and the page numbers, and the body. */
export function reportDocument(model: ReportModel): PrintedDocument {
  reportCss ??= readStylesheet("report.css");
  const text = freeTextHtml(model.names);
  const H = REPORT_HEADINGS;
  const body = `<header class="heading">
<h1>${text(model.title)}</h1>
<p>${escapeHtml(model.number)}</p>
<p>${escapeHtml(model.date)}</p>
<p>${text(model.place)}</p>
</header>
${people(H.present, model.present)}
${people(H.absent, model.absent)}
${people(H.inAttendance, model.inAttendance)}
<p class="time label keep-with-next">${escapeHtml(model.start)}</p>
${paragraphs(model.opening, text)}
${model.agenda.map((item) => agendaItem(item, text)).join("\n")}
<p class="time label keep-with-next">${escapeHtml(model.end)}</p>
<div class="signatures">${model.signatures.map(signature).join("")}</div>`;
  return {
    title: `${model.title} ${model.number}`,
    css: `${reportCss}\n${pageNumberCss(model.digits)}`,
    body,
  };
}

/** The whole report as one self-contained page (for saving as .html or rendering cold). */
export const renderReportHtml = (model: ReportModel): string => standaloneHtml(reportDocument(model));
