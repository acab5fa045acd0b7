// Where printed Thai may break: dictionary words, with bound prefixes and compounds held together,
// names in unbreakable parts, and every character (and only escaped markup) kept.
import { describe, expect, it } from "vitest";
import {
  freeTextHtml,
  LONGEST_RUN,
  nameHtml,
  thaiTextHtml,
  unbreakableRuns,
} from "../../../../functions/src/adapters/pdf/thai-lines.ts";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("unbreakableRuns", () => {
  it.each([
    // ICU's dictionary alone would allow ส่ง|เสริม, องค์|ความ|รู้, ติด|ราชการ, ผู้|ประกอบ|การ.
    ["ส่งเสริม", ["ส่งเสริม"]],
    ["องค์ความรู้", ["องค์ความรู้"]],
    ["ติดราชการ", ["ติดราชการ"]],
    ["กลุ่มผู้ผลิตผู้ประกอบการ", ["กลุ่ม", "ผู้ผลิต", "ผู้ประกอบการ"]],
    ["โดยกรมการพัฒนาชุมชน", ["โดย", "กรมการพัฒนาชุมชน"]],
    ["นักวิชาการ ความรู้", ["นักวิชาการ", " ", "ความรู้"]],
    ["ประธานกรรมการ", ["ประธานกรรมการ"]],
    ["กรรมการและผู้ช่วยเลขานุการ", ["กรรมการและผู้ช่วยเลขานุการ"]],
    // Chromium would print "Knowledge-" at the end of one line and "Based" on the next.
    ["(Knowledge-Based OTOP)", ["(", "Knowledge-Based", " ", "OTOP", ")"]],
    ["Co-op-Net e-", ["Co-op-Net", " ", "e", "-"]],
  ] as const)("keeps %s as %j", (input, runs) => {
    expect(unbreakableRuns(input)).toEqual(runs);
  });

  it("gives back every character, in order, and glues no prefix run past a third of a line", () => {
    const sentence =
      "การพัฒนาเครือข่ายองค์ความรู้จังหวัดเชียงใหม่โดยการเชื่อมต่อและบูรณาการการพัฒนากับหน่วยงานภาคีที่เกี่ยวข้อง KBO 2563";
    const runs = unbreakableRuns(sentence);
    expect(runs.join("")).toBe(sentence);
    expect(runs.length).toBeGreaterThan(10);
    for (const run of runs) expect(run.length).toBeLessThanOrEqual(LONGEST_RUN);
  });
});

describe("HTML", () => {
  it("wraps each part of a name, escaping it", () => {
    expect(nameHtml("นายธนพล สุวรรณคำ")).toBe(
      '<span class="name">นายธนพล</span> <span class="name">สุวรรณคำ</span>',
    );
    expect(nameHtml("<b>นาย</b> & ก")).toBe(
      '<span class="name">&lt;b&gt;นาย&lt;/b&gt;</span> <span class="name">&amp;</span> <span class="name">ก</span>',
    );
  });

  it("marks compounds unbreakable and leaves single words alone", () => {
    expect(thaiTextHtml("ส่งเสริมการ")).toBe('<span class="word">ส่งเสริม</span>การ');
    expect(thaiTextHtml("องค์ความรู้ (Knowledge-Based OTOP : KBO)")).toBe(
      '<span class="word">องค์ความรู้</span> (<span class="word">Knowledge-Based</span> OTOP : KBO)',
    );
  });

  it("holds the parts of known names together wherever they occur in free text", () => {
    const write = freeTextHtml(["นายธนพล สุวรรณคำ", "รศ.ดร.นภาพร แก้วประเสริฐ"]);
    const html = write("ประธานมอบให้นายธนพล สุวรรณคำ และ รศ.ดร.นภาพร แก้วประเสริฐ (a+b) <i>");
    expect(html).toContain('<span class="name">สุวรรณคำ</span>');
    expect(html).toContain('<span class="name">รศ.ดร.นภาพร</span>');
    expect(html).not.toContain("<i>");
    expect(text(html)).toBe("ประธานมอบให้นายธนพล สุวรรณคำ และ รศ.ดร.นภาพร แก้วประเสริฐ (a+b) <i>");
  });
});
