// Runs the real `kbo validate` as a process on workbooks the test writes.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleHeaders, writeWorkbook } from "../../support/workbook-builder.ts";

const run = promisify(execFile);
const KBO = resolve("bin/kbo.js");

async function kbo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [KBO, ...args], {
      env: { ...process.env, NO_COLOR: "1" },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let dir: string;
let good: string;
let bad: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-cli-"));
  good = join(dir, "ดี.xlsx");
  bad = join(dir, "bad.xlsx");
  const header = sampleHeaders("products");
  const row = (year: unknown, category: string, district: string, revenue: unknown) =>
    [
      null,
      year,
      "ร่มบ่อสร้าง",
      category,
      "กลุ่มทำร่ม",
      district,
      "0812345678",
      revenue,
      null,
      null,
      null,
    ] as never[];
  await writeWorkbook(good, [
    {
      name: "ผลิตภัณฑ์",
      rows: [
        header,
        row(2563, "ของใช้ ของตกแต่ง ของที่ระลึก", "สันกำแพง", "45,000 บาท"),
        row(2020, "ผ้าแลเครื่องแต่งกาย", "อ.ฮอด", 1000),
      ],
    },
  ]);
  await writeWorkbook(bad, [
    {
      name: "ผลิตภัณฑ์",
      rows: [
        header,
        row(2563, "อาหาร", "แม่สาย", 5),
        row("ปีนี้", "อาหาร", "ฮอด", 5),
        row(2563, "อาหาร", "ฮอด", 5),
      ],
    },
    {
      name: "การประชุม",
      rows: [
        sampleHeaders("meetings"),
        [
          null,
          "1/2563",
          "ประชุม KBO",
          new Date(Date.UTC(2020, 0, 13)),
          "09.30 น.",
          "12.00 น.",
          "ศาลากลาง",
          null,
          null,
          "a@example.go.th",
        ],
      ],
    },
  ]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("kbo validate", () => {
  it("exits 0 on a valid workbook and shows warnings grouped by tab and row, Thai with English", async () => {
    const r = await kbo("validate", good);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ผลิตภัณฑ์ (products): 2 แถว/rows · ถูกต้อง/valid 2 · ไม่ถูกต้อง/invalid 0");
    expect(r.stdout).toMatch(/แถว\/row 3\n\s+⚠ คำเตือน\/warning B3 \[year\] 2020 เป็นปี ค\.ศ\./);
    expect(r.stdout).toContain("(YEAR_GREGORIAN_CONVERTED)");
    expect(r.stdout).toContain("ผ่าน: ทุกแถวถูกต้อง");
  });

  it("exits 1 on invalid rows and prints the documented JSON", async () => {
    const r = await kbo("validate", bad, "--json");
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(["issues", "ok", "tabs"]);
    expect(out.ok).toBe(false);
    expect(out.tabs).toEqual({
      ผลิตภัณฑ์: { rows: 3, valid: 1, invalid: 2 },
      การประชุม: { rows: 1, valid: 1, invalid: 0 },
    });
    expect(out.issues).toEqual([
      expect.objectContaining({
        tab: "ผลิตภัณฑ์",
        row: 2,
        column: "F",
        field: "district",
        severity: "error",
        code: "DISTRICT_UNKNOWN",
      }),
      expect.objectContaining({
        tab: "ผลิตภัณฑ์",
        row: 3,
        column: "B",
        field: "year",
        severity: "error",
        code: "YEAR_INVALID",
      }),
    ]);
    for (const i of out.issues)
      expect(Object.keys(i).sort()).toEqual([
        "code",
        "column",
        "field",
        "message_en",
        "message_th",
        "row",
        "severity",
        "tab",
      ]);
  });

  it("exits 2 with one clear line on unusable input", async () => {
    const notXlsx = join(dir, "notes.xlsx");
    await writeFile(notXlsx, "hello");
    const noTabs = join(dir, "other.xlsx");
    await writeWorkbook(noTabs, [{ name: "Sheet1", rows: [["a"], [1]] }]);
    for (const [file, code] of [
      [join(dir, "missing.xlsx"), "WORKBOOK_NOT_FOUND"],
      [notXlsx, "WORKBOOK_UNREADABLE"],
      [noTabs, "NO_KNOWN_TAB"],
    ] as const) {
      const r = await kbo("validate", file);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(code);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
    expect((await kbo("validate")).code).toBe(2);
  });
});
