// The PDF through its text layer (poppler's pdftotext) with both Chromiums the project runs: Debian's
// and @sparticuz/chromium, the cloud's. The sample and a hard-Thai meeting must read back exactly,
// through -raw and -layout, with no personal name cut by a line break, in TH Sarabun New.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_WORKBOOK_PATH } from "../../../../examples/build-sample-workbook.ts";
import { bundledChromium, systemChromium } from "../../../../functions/src/adapters/pdf/find-chromium.ts";
import { createPdfRenderer, type PdfRenderer } from "../../../../functions/src/adapters/pdf/pdf-renderer.ts";
import { readWorkbook } from "../../../../functions/src/adapters/workbook/read-workbook.ts";
import { meetingFromValidation } from "../../../../functions/src/cli/commands/report.ts";
import {
  buildReportModel,
  REPORT_HEADINGS,
  type ReportModel,
} from "../../../../functions/src/domain/report-model.ts";
import { validateWorkbook } from "../../../../functions/src/domain/validate-workbook.ts";
import { bodyText, breaksInsideWords, namePartsSplit, printedText, readPdf, squeeze } from "./pdf-text.ts";
import {
  EMOJI,
  HARD_THAI,
  hardThaiMeeting,
  largeMeeting,
  SENTENCE_300,
  seedMeeting,
} from "./sample-meeting.ts";

let dir: string;
let sample: ReportModel;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-pdf-"));
  const validation = validateWorkbook(await readWorkbook(SAMPLE_WORKBOOK_PATH), { today: "2026-01-01" });
  sample = buildReportModel(meetingFromValidation(validation, "1/2563"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const RENDERERS = [
  {
    name: "Debian's chromium",
    chromium: async () => {
      const found = systemChromium();
      if (!found) throw new Error("no system Chromium: sudo apt-get install -y chromium");
      return found;
    },
  },
  { name: "@sparticuz/chromium (the cloud's)", chromium: bundledChromium },
] as const;

describe.each(RENDERERS)("rendered by $name", ({ chromium }) => {
  let renderer: PdfRenderer;
  beforeAll(() => {
    renderer = createPdfRenderer({ chromium });
  });
  afterAll(async () => {
    await renderer.close();
  });

  describe.each([
    { meeting: "the sample meeting 1/2563", model: () => sample },
    { meeting: "a hard-Thai meeting", model: () => buildReportModel(hardThaiMeeting()) },
  ])("$meeting", ({ model: makeModel }) => {
    let model: ReportModel;
    let raw: Awaited<ReturnType<typeof readPdf>>;
    let layout: Awaited<ReturnType<typeof readPdf>>;
    beforeAll(async () => {
      model = makeModel();
      const pdf = await renderer.renderReport(model);
      [raw, layout] = await Promise.all([readPdf(pdf, dir, "raw"), readPdf(pdf, dir, "layout")]);
    });

    it("reads back exactly what the report prints, through pdftotext -raw and -layout", () => {
      const expected = squeeze(printedText(model));
      expect(squeeze(bodyText(raw))).toBe(expected);
      expect(squeeze(bodyText(layout))).toBe(expected);
    });

    it("breaks lines only between the words of Chromium's dictionary", () => {
      expect(breaksInsideWords(printedText(model), bodyText(raw))).toEqual([]);
      expect(breaksInsideWords(printedText(model), bodyText(layout))).toEqual([]);
    });

    it("never cuts a personal name across lines", () => {
      expect(namePartsSplit(model.names, bodyText(raw))).toEqual([]);
      expect(namePartsSplit(model.names, bodyText(layout))).toEqual([]);
    });

    it("numbers pages from page 2 as - 2 -", () => {
      expect(layout.pages[0]!.trim().split("\n")[0]).not.toMatch(/^\s*-\s*1\s*-\s*$/);
      for (let page = 2; page <= layout.pageCount; page++) {
        expect(layout.pages[page - 1]!.trim().split("\n")[0]!.trim()).toMatch(
          new RegExp(`^-\\s*${page}\\s*-$`),
        );
      }
    });
  });

  it("sets the sample in TH Sarabun New (Laksaman), regular and bold only, on at most 4 pages", async () => {
    const reading = await readPdf(await renderer.renderReport(sample), dir, "raw");
    expect(reading.fonts).toEqual(["Laksaman", "Laksaman-Bold"]);
    expect(reading.pageCount).toBeLessThanOrEqual(4);
  });

  it("draws emoji with Noto Emoji and gives them back in the text layer", async () => {
    const model = buildReportModel(hardThaiMeeting());
    const reading = await readPdf(await renderer.renderReport(model), dir, "raw");
    expect(reading.fonts).toContain("NotoEmoji-Regular");
    const text = squeeze(bodyText(reading));
    for (const e of [...EMOJI, ...HARD_THAI, SENTENCE_300]) expect(text).toContain(squeeze(e));
  });
});

describe("the form-11 layout (Debian's chromium)", () => {
  const renderer = createPdfRenderer();
  afterAll(async () => {
    await renderer.close();
  });

  it("prints the headings in the form's order, without ruled tables", async () => {
    const { pages } = await readPdf(await renderer.renderReport(sample), dir, "raw");
    const text = pages.join("\n");
    const H = REPORT_HEADINGS;
    const order = [
      `${H.title}คณะกรรมการ`,
      `${H.number} 1/2563`,
      `${H.date}วันจันทร์ที่ 13 มกราคม 2563`,
      `${H.place} ห้องประชุม`,
      H.present,
      "1. นายวิรุฬ พรรณเทวี",
      H.absent,
      H.inAttendance,
      `${H.start} 09.30 น.`,
      "นายวิรุฬ พรรณเทวี รองผู้ว่าราชการจังหวัดเชียงใหม่ เป็นประธานในการประชุม",
      `${H.item} 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ`,
      `${H.resolution} ที่ประชุมรับทราบ`,
      `${H.item} 2 เรื่องรับรองรายงานการประชุม`,
      "4.1",
      `${H.end} 12.00 น.`,
      `(ลงชื่อ)`,
      H.recorder,
      "(นางสาวศิริพร ใจคำ)",
      "นักวิชาการพัฒนาชุมชนชำนาญการ",
      H.checker,
      "(นางวิไลวรรณ ปัญญาดี)",
      "หัวหน้ากลุ่มงานส่งเสริมการพัฒนาเศรษฐกิจชุมชน",
    ];
    let at = -1;
    for (const heading of order) {
      const next = squeeze(text).indexOf(squeeze(heading), at + 1);
      expect(next, `"${heading}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
    // The signature lines each stand alone: "(ลงชื่อ) …… role", then "(name)", then the position.
    const lines = text.split("\n").map((l) => l.trim());
    expect(lines).toContain("(นางสาวศิริพร ใจคำ)");
    expect(lines).toContain("นักวิชาการพัฒนาชุมชนชำนาญการ");
    expect(lines.some((l) => /^\(ลงชื่อ\) …+ ผู้จดรายงานการประชุม$/.test(l))).toBe(true);
    expect(text).not.toContain("ลำดับ");
  });

  it("writes Thai digits and Thai page numbers when asked", async () => {
    const pdf = await renderer.renderReport(buildReportModel(largeMeeting(30, 4), { digits: "thai" }));
    expect(squeeze((await readPdf(pdf, dir, "raw")).pages.join(""))).toContain("ครั้งที่๑/๒๕๖๓");
    const second = await readPdf(pdf, dir, "layout", { first: 2, last: 2 });
    expect(second.pages[0]!.trim().split("\n")[0]!.trim()).toMatch(/^-\s*๒\s*-$/);
  });

  it("keeps a meeting of 60 attendees and 15 items whole over pages, each heading with what follows", async () => {
    const model = buildReportModel(largeMeeting(60, 15));
    const pdf = await renderer.renderReport(model);
    const reading = await readPdf(pdf, dir, "raw");
    expect(reading.pageCount).toBeGreaterThanOrEqual(4);
    expect(squeeze(bodyText(reading))).toBe(squeeze(printedText(model)));
    // No page ends on a heading: the last line of a page is never a ระเบียบวาระ heading or a section title.
    const headings = new Set([
      ...model.agenda.map((a) => squeeze(a.heading)),
      squeeze(REPORT_HEADINGS.present),
      squeeze(REPORT_HEADINGS.absent),
      squeeze(REPORT_HEADINGS.inAttendance),
    ]);
    for (const page of reading.pages.slice(0, -1)) {
      const lines = page.split("\n").filter((l) => l.trim() !== "");
      expect(headings.has(squeeze(lines.at(-1)!)), `page ends with "${lines.at(-1)}"`).toBe(false);
    }
  });
});

describe("hostile values", () => {
  const renderer = createPdfRenderer();
  let server: Server;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.end("x");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    await renderer.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it("renders markup as plain text and fetches nothing", async () => {
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    const hostile = [
      `<b>นายตัวหนา</b> & "ลูก" 'ค้า' $& $1`,
      `</p></section><h1>ปลอม</h1>`,
      `<img src="${url}/img.png">`,
      `<script>document.body.innerHTML='หาย'</script>`,
      `<link rel="stylesheet" href="${url}/x.css">`,
    ];
    const details = seedMeeting();
    details.attendees.push(
      ...hostile.map((name) => ({ meeting: "1/2563", name, attendance: "present" as const, position: name })),
    );
    details.agenda[0]!.subject = `<style>body{display:none}</style>${hostile[0]}`;
    details.meeting.place = `<iframe src="${url}/frame"></iframe>`;
    const model = buildReportModel(details);
    const reading = await readPdf(await renderer.renderReport(model), dir, "raw");
    expect(squeeze(bodyText(reading))).toBe(squeeze(printedText(model)));
    expect(hits).toBe(0);
  });
});
