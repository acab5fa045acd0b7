// Which characters the report's fonts draw, and the warning a cell gets when they cannot.
import { describe, expect, it } from "vitest";
import { sampleSheets } from "../../../examples/build-sample-workbook.ts";
import type { RawCell } from "../../../functions/src/domain/raw-workbook.ts";
import {
  charactersWithoutGlyph,
  codePointLabel,
  drawsAll,
} from "../../../functions/src/domain/report-font-coverage.ts";
import { validateWorkbook } from "../../../functions/src/domain/validate-workbook.ts";

describe("charactersWithoutGlyph", () => {
  it.each([
    ["น้ำพริกหนุ่ม ฤๅษี ฯลฯ ๆ ๐๑๒ 272,500 บาท", []],
    // Emoji are drawn by Noto Emoji, skin tones and joiners included; arrows by Sarabun.
    ["😀 👍🏽 👨‍👩‍👧 🇹🇭 → ← ✔ ™ €", []],
    ["ก\u00a0ข\u200bค\u2060", []],
    ["中文 ✓ ✓ 한", ["中", "文", "✓", "한"]],
  ] as const)("%s lacks %j", (text, missing) => {
    expect(charactersWithoutGlyph(text)).toEqual(missing);
  });

  it("tells whether one font draws a text alone, so the page loads the fallback fonts only then", () => {
    expect(drawsAll("laksaman", "น้ำพริก ฯลฯ … – ™ 272,500")).toBe(true);
    expect(drawsAll("laksaman", "ลูกศร →")).toBe(false);
    expect(drawsAll("sarabun", "ลูกศร →")).toBe(true);
    expect(drawsAll("sarabun", "😀")).toBe(false);
    expect(drawsAll("notoEmoji", "😀👍🏽")).toBe(true);
  });

  it("names characters by code point", () => {
    expect(codePointLabel("中")).toBe("U+4E2D");
    expect(codePointLabel("🀄")).toBe("U+1F004");
  });
});

describe("validation of the cells the report prints", () => {
  const validate = (edit: (sheets: ReturnType<typeof sampleSheets>) => void) => {
    const sheets = sampleSheets();
    edit(sheets);
    const raw = {
      sheets: sheets.map((s) => ({
        name: s.name,
        rows: s.rows.map((cells, i) => ({ row: i + 1, cells: cells as RawCell[] })),
      })),
    };
    return validateWorkbook(raw, { today: "2026-01-01" });
  };

  it("warns on a cell with a character no report font draws, and keeps the row valid", () => {
    const v = validate((sheets) => {
      const agenda = sheets.find((s) => s.name === "วาระการประชุม")!;
      agenda.rows[1]![3] = "ประชุมร่วมกับคณะจาก 中国 ✓ 😀";
    });
    const issue = v.issues.find((i) => i.code === "TEXT_NOT_PRINTABLE");
    expect(issue).toMatchObject({ tab: "วาระการประชุม", row: 2, field: "details", severity: "warning" });
    expect(issue!.message_th).toContain('"中" (U+4E2D)');
    expect(issue!.message_en).toContain('"✓" (U+2713)');
    expect(issue!.message_en).not.toContain("😀");
    expect(v.agenda.every((r) => r.valid)).toBe(true);
  });

  it("leaves cells the report does not print alone (products)", () => {
    const v = validate((sheets) => {
      sheets.find((s) => s.name === "ผลิตภัณฑ์")!.rows[1]![2] = "ชา 中国";
    });
    expect(v.issues.filter((i) => i.code === "TEXT_NOT_PRINTABLE")).toEqual([]);
  });
});
