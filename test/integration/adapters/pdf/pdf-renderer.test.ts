// The PDF through its text layer (poppler's pdftotext) with real Chromium: every Thai string back,
// no "ำา", form-11 headings in order, repeated table headers over pages, injection shown as text.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPdfRenderer } from "../../../../functions/src/adapters/pdf/pdf-renderer.ts";
import { buildReportModel, REPORT_HEADINGS } from "../../../../functions/src/domain/report-model.ts";
import { largeMeeting, seedMeeting, TRICKY_WORDS } from "./sample-meeting.ts";

const run = promisify(execFile);
const renderer = createPdfRenderer();
let dir: string;

async function pdfText(pdf: Uint8Array, pages: { first?: number; last?: number; layout?: boolean } = {}) {
  const file = join(dir, `r${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, pdf);
  const args = [
    ...(pages.first ? ["-f", String(pages.first)] : []),
    ...(pages.last ? ["-l", String(pages.last)] : []),
    // -raw keeps the order Chromium drew the text in, so a wrapped table cell stays in one piece.
    pages.layout ? "-layout" : "-raw",
  ];
  const { stdout: text } = await run("pdftotext", [...args, file, "-"]);
  const { stdout: info } = await run("pdfinfo", [file]);
  const { stdout: fonts } = await run("pdffonts", [file]);
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), fonts };
}

// Layout breaks lines and pdftotext marks the breaks with spaces and newlines, so strings are
// compared without whitespace; every character and its order must still be exact.
const squeeze = (s: string) => s.replace(/\s+/g, "");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-pdf-"));
});
afterAll(async () => {
  await renderer.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the seed meeting's report", () => {
  const details = seedMeeting();
  let out: Awaited<ReturnType<typeof pdfText>>;
  beforeAll(async () => {
    out = await pdfText(await renderer.renderReport(buildReportModel(details)));
  });

  it("gives back every Thai string exactly as entered", () => {
    const m = details.meeting;
    const strings = [
      m.title,
      m.place!,
      m.recorder!,
      m.checker!,
      ...details.attendees.flatMap((a) => [
        a.name,
        a.position ?? "",
        a.organisation ?? "",
        a.reason ?? "",
        a.onBehalfOf ?? "",
      ]),
      ...details.agenda.flatMap((a) => [a.subject, ...(a.details ?? "").split("\n"), a.resolution ?? ""]),
      ...TRICKY_WORDS,
      "วันจันทร์ที่ 13 มกราคม 2563",
      "09.30 น.",
      "12.00 น.",
    ].filter(Boolean);
    const text = squeeze(out.text);
    const missing = strings.filter((s) => !text.includes(squeeze(s)));
    expect(missing, out.text).toEqual([]);
  });

  it("never turns ำ into ำา and keeps words without tall consonants unbroken", () => {
    expect(out.text).not.toContain("ำา");
    expect(out.text).toContain("เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ");
    expect(out.text).toContain("น้ำพริกหนุ่ม");
  });

  it("has the form-11 headings in order", () => {
    const H = REPORT_HEADINGS;
    const order = [
      `${H.title} `,
      H.number,
      `${H.date}วัน`,
      `${H.place} `,
      H.present,
      H.absent,
      H.inAttendance,
      H.start,
      `${H.item} 1`,
      H.resolution,
      `${H.item} 2`,
      `${H.item} 3`,
      "3.1",
      H.end,
      H.recorder,
      H.checker,
    ];
    let at = -1;
    for (const heading of order) {
      const next = out.text.indexOf(heading, at + 1);
      expect(next, `"${heading}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
  });

  it("embeds only Sarabun, regular and bold, as subsets", () => {
    const fonts = out.fonts.split("\n").slice(2).filter(Boolean);
    expect(fonts.map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual([
      "Sarabun-Bold",
      "Sarabun-Regular",
    ]);
    for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+yes\b/);
  });

  it("writes Thai digits and Thai page numbers when asked", async () => {
    const pdf2 = await renderer.renderReport(buildReportModel(largeMeeting(30, 4), { digits: "thai" }));
    const thai = await pdfText(pdf2);
    expect(squeeze(thai.text)).toContain("ครั้งที่๑/๒๕๖๓");
    const second = await pdfText(pdf2, { first: 2, last: 2, layout: true });
    expect(second.text.trim().split("\n")[0]!.trim()).toMatch(/^-\s*๒\s*-$/);
  });
});

describe("a meeting of 60 attendees and 15 items", () => {
  it("spans several pages, repeats table headers and numbers pages from page 2", async () => {
    const pdf = await renderer.renderReport(buildReportModel(largeMeeting(60, 15)));
    const all = await pdfText(pdf);
    expect(all.pages).toBeGreaterThanOrEqual(5);
    // Three tables (present, absent, in attendance); the 36 present span pages, so more headers.
    const headers = all.text.split("ชื่อ - สกุล").length - 1;
    expect(headers).toBeGreaterThan(3);
    const first = await pdfText(pdf, { first: 1, last: 1 });
    expect(squeeze(first.text)).not.toMatch(/-1-/);
    const second = await pdfText(pdf, { first: 2, last: 2, layout: true });
    expect(second.text.trim().split("\n")[0]!.trim()).toMatch(/^-\s*2\s*-$/);
    expect(second.text).toContain("ชื่อ - สกุล");
    for (let i = 1; i <= 60; i++) expect(squeeze(all.text)).toContain(`ลำดับที่${i}นามสกุล`);
  });
});

describe("hostile values", () => {
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
    await new Promise((resolve) => server.close(resolve));
  });

  it("renders markup as plain text and fetches nothing", async () => {
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;
    const hostile = [
      `<b>นายตัวหนา</b> & "ลูก" 'ค้า'`,
      `</td></tr></table><h1>ปลอม</h1>`,
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
    const { text } = await pdfText(await renderer.renderReport(buildReportModel(details)));
    const flat = squeeze(text);
    for (const h of [...hostile, details.agenda[0]!.subject, details.meeting.place]) {
      expect(flat).toContain(squeeze(h));
    }
    expect(text).toContain("ผู้ไม่มาประชุม");
    expect(hits).toBe(0);
  });
});
