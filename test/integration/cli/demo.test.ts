// `kbo demo` (npm start) as a newcomer runs it: nothing configured, in an empty directory, twice.
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_CANDIDATES } from "../../../functions/src/adapters/pdf/find-chromium.ts";
import { readWorkbook } from "../../../functions/src/adapters/workbook/read-workbook.ts";

const KBO = resolve("bin/kbo.js");
let dir: string;

/** The environment of a machine where nothing is configured. */
function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
  return env;
}

async function demo(env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [KBO, "demo"], { cwd: dir, env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-demo-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("kbo demo", () => {
  it("runs the whole flow on the embedded defaults, then again without duplicating anything", async () => {
    const first = await demo(bareEnv());
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("[7/7]");
    expect(first.stdout).toMatch(/local emulator, data in \.kbo\//);
    expect(first.stdout).toMatch(/สร้างใหม่ \/ created: 32/);
    expect(first.stdout).toContain("2562: 11 ผลิตภัณฑ์/products, 272,500 บาท/baht");
    expect(first.stdout).toMatch(/ส่งอีเมลแล้ว \/ e-mailed/);
    expect(first.stdout).toContain("เสร็จสมบูรณ์ / done");

    const out = join(dir, "out");
    expect(await readdir(join(out, "mail"))).toHaveLength(1);
    expect(existsSync(join(out, "รายงานการประชุม ครั้งที่ 1-2563.pdf"))).toBe(true);
    // The programme summary of the sample, with the seed's figures in its text layer.
    const summaryPdf = join(out, "รายงานสรุปผลการดำเนินงาน KBO ปี 2563.pdf");
    const summaryText = execFileSync("pdftotext", ["-raw", summaryPdf, "-"], { encoding: "utf8" }).replace(
      /\s+/g,
      "",
    );
    for (const figure of [
      "ปี2562มีผลิตภัณฑ์เข้าร่วม11ผลิตภัณฑ์",
      "ปี2563มีผลิตภัณฑ์เข้าร่วม20ผลิตภัณฑ์",
      "รายได้รวม272,500บาท",
      "ผ้าและเครื่องแต่งกายจำนวน3ผลิตภัณฑ์ของใช้ของตกแต่งของที่ระลึกจำนวน6ผลิตภัณฑ์และเครื่องดื่มจำนวน2ผลิตภัณฑ์",
      "ผ้าและเครื่องแต่งกายจำนวน10ผลิตภัณฑ์ของใช้ของตกแต่งของที่ระลึกจำนวน5ผลิตภัณฑ์อาหารจำนวน2ผลิตภัณฑ์เครื่องดื่มจำนวน2ผลิตภัณฑ์และสมุนไพรที่ไม่ใช่อาหารจำนวน1ผลิตภัณฑ์",
    ]) {
      expect(summaryText).toContain(figure);
    }
    const wb = await readWorkbook(join(out, "kbo-sample.xlsx"));
    expect(wb.sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(["สรุปตามประเภท", "สรุปตามอำเภอ", "สรุปการประชุม"]),
    );
    const products = wb.sheets.find((s) => s.name === "ผลิตภัณฑ์")!;
    expect(products.rows[1]!.cells[0]).toMatch(/^KBO-256[23]-\d{3}$/);

    const second = await demo(bareEnv());
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/ไม่เปลี่ยนแปลง \/ unchanged: 32/);
    expect(second.stdout).toMatch(/สร้างใหม่ \/ created: 0/);
    expect(second.stdout).toContain("already sent, not sent again");
    expect(await readdir(join(out, "mail"))).toHaveLength(1);

    // It leaves no emulator behind.
    const java = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
      .split("\n")
      .filter((l) => l.includes("cloud-firestore-emulator") && l.includes(dir));
    expect(java).toEqual([]);
  });

  it("names the one command that installs a missing Chromium and still does the rest", async () => {
    const r = await demo(bareEnv({ CHROMIUM_PATH: "/nonexistent/chromium", KBO_OUT_DIR: "out-nochrome" }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("apt-get install -y chromium");
    expect(r.stdout).toMatch(/ข้าม \/ skipped: .*no Chromium/);
    expect(r.stdout).toContain("kbo summarize");
    expect(existsSync(join(dir, "out-nochrome", "kbo-sample.xlsx"))).toBe(true);
  });

  // A machine without Chromium: the system's hidden in a mount namespace of its own (root only).
  const hidden = CHROMIUM_CANDIDATES.filter((p) => existsSync(p));
  const canHide = (() => {
    try {
      execFileSync("unshare", ["-m", "true"], { stdio: "ignore" });
      return true;
    } catch {
      console.warn("SKIPPED: kbo demo without a system Chromium needs `unshare -m` (root)");
      return false;
    }
  })();

  it.skipIf(!canHide)(
    "makes the PDF and the e-mail with @sparticuz/chromium on a machine without Chromium",
    async () => {
      const own = await mkdtemp(join(tmpdir(), "kbo-demo-nochromium-"));
      try {
        const script = [...hidden.map((p) => `mount --bind /dev/null ${p}`), `exec "$0" "$1" demo`].join(
          " && ",
        );
        const { stdout } = await promisify(execFile)(
          "unshare",
          ["-m", "sh", "-c", script, process.execPath, KBO],
          {
            cwd: own,
            env: bareEnv(),
          },
        );
        expect(stdout).toMatch(/✓ PDF .*@sparticuz\/chromium \d+\.\d+\.\d+, TH Sarabun New/);
        expect(stdout).toMatch(/ส่งอีเมลแล้ว \/ e-mailed/);
        expect(existsSync(join(own, "out", "รายงานการประชุม ครั้งที่ 1-2563.pdf"))).toBe(true);
        expect(await readdir(join(own, "out", "mail"))).toHaveLength(1);
      } finally {
        await rm(own, { recursive: true, force: true });
      }
    },
  );
});
