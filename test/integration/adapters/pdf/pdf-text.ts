// Reading a rendered PDF back (poppler's pdftotext, pdfinfo, pdffonts) and what a report must read:
// the oracle of the text-layer tests, built from the model in the order form 11 prints it.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  NONE_TEXT,
  REPORT_HEADINGS,
  type ReportModel,
  type ReportPerson,
  SIGNATURE_WORDS,
} from "../../../../functions/src/domain/report-model.ts";

const run = promisify(execFile);

export interface PdfReading {
  /** pdftotext's text, page by page. */
  pages: string[];
  pageCount: number;
  /** Embedded font names without their subset prefix, sorted. */
  fonts: string[];
}

let counter = 0;

/** pdftotext -raw (content order) or -layout (as the page shows it), pdfinfo and pdffonts of a PDF. */
export async function readPdf(
  pdf: Uint8Array,
  dir: string,
  mode: "raw" | "layout",
  range: { first?: number; last?: number } = {},
): Promise<PdfReading> {
  const file = join(dir, `r${process.pid}-${counter++}.pdf`);
  await writeFile(file, pdf);
  const args = [
    ...(range.first ? ["-f", String(range.first)] : []),
    ...(range.last ? ["-l", String(range.last)] : []),
    `-${mode}`,
  ];
  const [{ stdout: text }, { stdout: info }, { stdout: fonts }] = await Promise.all([
    run("pdftotext", [...args, file, "-"]),
    run("pdfinfo", [file]),
    run("pdffonts", [file]),
  ]);
  return {
    pages: text.split("\f").filter((p, i, all) => i < all.length - 1 || p.trim() !== ""),
    pageCount: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
    fonts: fonts
      .split("\n")
      .slice(2)
      .filter(Boolean)
      .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ""))
      .sort(),
  };
}

/** Strings are compared without whitespace: line breaks and pdftotext's spacing vary, characters must not. */
export const squeeze = (s: string): string => s.replace(/\s+/g, "");

const PAGE_NUMBER = /^\s*-\s*[0-9๐-๙]+\s*-\s*$/;

/** The text of every page, the page numbers ("- 2 -") left out. */
export const bodyText = (reading: PdfReading): string =>
  reading.pages
    .map((page) =>
      page
        .split("\n")
        .filter((line) => !PAGE_NUMBER.test(line))
        .join("\n"),
    )
    .join("\n");

const entry = (p: ReportPerson) => [p.index, p.name, p.position, p.note].filter(Boolean).join(" ");

/** Everything the report prints, in order: what its text layer must give back, character for character. */
export function printedText(model: ReportModel): string {
  const H = REPORT_HEADINGS;
  const people = (heading: string, list: ReportPerson[]) => [
    heading,
    ...(list.length === 0 ? [NONE_TEXT] : list.map(entry)),
  ];
  return [
    model.title,
    model.number,
    model.date,
    model.place,
    ...people(H.present, model.present),
    ...people(H.absent, model.absent),
    ...people(H.inAttendance, model.inAttendance),
    model.start,
    ...model.opening,
    ...model.agenda.flatMap((item) => [
      item.heading,
      ...item.details,
      ...item.resolution.map((r, i) => (i === 0 ? `${H.resolution} ${r}` : r)),
    ]),
    model.end,
    ...model.signatures.flatMap((s) => [
      `${SIGNATURE_WORDS.signed} ${SIGNATURE_WORDS.line} ${s.role}`,
      `(${s.name})`,
      s.position,
    ]),
  ].join("\n");
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

/**
 * The parts of personal names that a line break cut: each part occurs as often in the whole text
 * as in the lines taken one by one, unless some occurrence straddles two lines.
 */
export function namePartsSplit(names: readonly string[], text: string): string[] {
  const lines = text.split("\n").map(squeeze);
  const whole = squeeze(text);
  const parts = [...new Set(names.flatMap((n) => n.split(/\s+/)).filter((p) => p.length > 1))];
  return parts.filter((part) => {
    const inLines = lines.reduce((n, line) => n + occurrences(line, part), 0);
    return occurrences(whole, part) !== inLines;
  });
}

/**
 * The line breaks of the PDF that fall inside a word of ICU's dictionary (what Chromium breaks Thai
 * by), shown as "…end|start…". The text must read back exactly (squeezed) for positions to agree.
 */
export function breaksInsideWords(expected: string, text: string): string[] {
  const words = new Intl.Segmenter("th", { granularity: "word" });
  const boundaries = new Set<number>([0]);
  let at = 0;
  for (const { segment } of words.segment(expected)) {
    at += squeeze(segment).length;
    boundaries.add(at);
  }
  const lines = text.split("\n").map(squeeze).filter(Boolean);
  const inside: string[] = [];
  at = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    at += lines[i]!.length;
    if (!boundaries.has(at)) inside.push(`${lines[i]!.slice(-10)}|${lines[i + 1]!.slice(0, 10)}`);
  }
  return inside;
}
