// Where printed Thai may break across lines. Chromium breaks Thai at the words of ICU's dictionary,
// which splits compounds ("ส่ง|เสริม", "องค์|ความ|รู้", "ผู้|จัดการ") and personal names ("สุวรรณ|คำ").
// This marks what must stay whole: each part of a name, and words ICU would split after a bound
// prefix or inside a known compound. The marked HTML keeps every character, so the text layer is exact.
import { COMMITTEE_ROLES } from "../../domain/report-model.ts";
import { escapeHtml } from "./page-style.ts";

/** Prefixes that make one word with what follows: ผู้จัดการ, นักวิชาการ, ความรู้, การพัฒนา. */
export const BOUND_PREFIXES = ["ผู้", "นัก", "ความ", "การ"] as const;

/**
 * Compounds of committee reports that ICU's dictionary splits ("ส่ง|เสริม", "ติด|ราชการ",
 * "กรม|การ"), kept whole. Longest match first, so "ผู้ประกอบการ" wins over "ผู้|ประกอบ".
 */
export const COMPOUNDS = [
  "กรมการพัฒนาชุมชน",
  "ผู้ว่าราชการจังหวัด",
  "พัฒนาการจังหวัด",
  "ศาลากลางจังหวัด",
  "ภาคีเครือข่าย",
  "ผู้ประกอบการ",
  "องค์ความรู้",
  "สถาบันการเงิน",
  "สถาบันการศึกษา",
  "ผู้อำนวยการ",
  "พัฒนาชุมชน",
  "แลกเปลี่ยน",
  "ปฏิบัติการ",
  "บรรจุภัณฑ์",
  "ชำนาญการ",
  "ดำเนินการ",
  "ดำเนินงาน",
  "บูรณาการ",
  "ประกอบการ",
  "ติดราชการ",
  "ติดภารกิจ",
  "อำนวยการ",
  "หลักเกณฑ์",
  "คำแนะนำ",
  "ส่งเสริม",
  "เครือข่าย",
  "หน่วยงาน",
  "ท้องถิ่น",
  "ที่ประชุม",
  "เรียนรู้",
  "พี่เลี้ยง",
  "รับทราบ",
  "เห็นชอบ",
  "เผยแพร่",
  "สินเชื่อ",
  "ช่องทาง",
  "ศาลากลาง",
  "วิจิตรศิลป์",
  "กรรมการ",
  "ราชการ",
  "กรมการ",
] as const;

/** A prefix glues no run past this many characters: a third of a line, so lines stay even. */
export const LONGEST_RUN = 20;

const segmenter = new Intl.Segmenter("th", { granularity: "word" });
const THAI = /^[\u0E00-\u0E7F]+$/;
// Committee roles ("ประธานกรรมการ", "กรรมการและเลขานุการ") are compounds too.
const COMPOUND_SET: ReadonlySet<string> = new Set([...COMPOUNDS, ...COMMITTEE_ROLES]);
const LONGEST_COMPOUND = Math.max(...[...COMPOUND_SET].map((c) => c.length));
const PREFIXES: ReadonlySet<string> = new Set(BOUND_PREFIXES);
const LATIN_END = /[A-Za-z]$/;
const LATIN_START = /^[A-Za-z]/;
const HYPHENATED = /[A-Za-z]-[A-Za-z]/;

/** The text cut where a line may break: dictionary words, with prefixes and compounds joined again. */
export function unbreakableRuns(text: string): string[] {
  const words = [...segmenter.segment(text)].map((s) => s.segment);
  // The longest compound of dictionary words starting at words[i], as [text, words used].
  const compoundAt = (i: number): [string, number] => {
    let best: [string, number] = [words[i]!, 1];
    let joined = words[i]!;
    for (let j = i + 1; j < words.length && joined.length < LONGEST_COMPOUND; j++) {
      joined += words[j];
      if (COMPOUND_SET.has(joined)) best = [joined, j - i + 1];
    }
    return best;
  };
  const runs: string[] = [];
  for (let i = 0; i < words.length; ) {
    if (!THAI.test(words[i]!)) {
      // A hyphenated Latin word stays whole ("Knowledge-Based"): Chromium would break after its hyphen.
      const prev = runs.at(-1);
      if (words[i] === "-" && prev && LATIN_END.test(prev) && LATIN_START.test(words[i + 1] ?? "")) {
        runs[runs.length - 1] = `${prev}-${words[i + 1]}`;
        i += 2;
      } else runs.push(words[i++]!);
      continue;
    }
    let [run, used] = compoundAt(i);
    let last = words[i + used - 1]!;
    i += used;
    // A bound prefix holds on to the word after it: ผู้|ผลิต, ความ|รู้, การ|พัฒนา.
    while (PREFIXES.has(last) && i < words.length && THAI.test(words[i]!)) {
      const [next, n] = compoundAt(i);
      if (run.length + next.length > LONGEST_RUN) break;
      run += next;
      last = words[i + n - 1]!;
      i += n;
    }
    runs.push(run);
  }
  return runs;
}

/** Thai text as HTML whose runs of several dictionary words, and hyphenated words, never break. */
export function thaiTextHtml(text: string): string {
  return unbreakableRuns(text)
    .map((run) => {
      const multiWord = THAI.test(run) && [...segmenter.segment(run)].length > 1;
      return multiWord || HYPHENATED.test(run)
        ? `<span class="word">${escapeHtml(run)}</span>`
        : escapeHtml(run);
    })
    .join("");
}

/** A personal name: each space-separated part kept on one line (page.css .name). */
export function nameHtml(name: string): string {
  return name
    .split(/(\s+)/)
    .map((part, i) => (i % 2 === 1 ? part : part ? `<span class="name">${escapeHtml(part)}</span>` : ""))
    .join("");
}

const regexEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A writer of free text (details, resolutions, the opening line) as HTML: the parts of the given
 * names kept whole wherever they occur, the rest broken as thaiTextHtml does.
 */
export function freeTextHtml(names: readonly string[] = []): (text: string) => string {
  const parts = [...new Set(names.flatMap((n) => n.split(/\s+/)).filter((p) => p.length > 1))].sort(
    (a, b) => b.length - a.length,
  );
  if (parts.length === 0) return thaiTextHtml;
  const pattern = new RegExp(`(${parts.map(regexEscape).join("|")})`, "u");
  return (text) =>
    text
      .split(pattern)
      .map((piece, i) =>
        i % 2 === 1 ? `<span class="name">${escapeHtml(piece)}</span>` : thaiTextHtml(piece),
      )
      .join("");
}
