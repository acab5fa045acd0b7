// The `kbo` exit codes (README, "Exit codes"), one table over the commands: 0 all valid, 1 some row
// invalid, 2 unusable input or an unavailable service (Firestore where nothing listens: a clear
// message naming the host, Thai first, never a hang), 3 an internal error (a bug: its stack printed).
import { spawn } from "node:child_process";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { main } from "../../../functions/src/cli/main.ts";
import { OFFICE_HEADER, officeRow, officeWorkbook } from "../../support/office-workbook.ts";
import { closedPort } from "../support/closed-port.ts";
import { KBO_BIN, runKbo } from "../support/kbo-process.ts";

const host = inject("firestoreHost");
let dir: string;
let downHost: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-exit-codes-"));
  // A port nobody listens on: Firestore "down".
  downHost = `127.0.0.1:${await closedPort()}`;
  await writeFile(join(dir, "valid.xlsx"), (await officeWorkbook()).bytes);
  await writeFile(join(dir, "synced.xlsx"), (await officeWorkbook()).bytes);
  await writeFile(
    join(dir, "invalid.xlsx"),
    (await officeWorkbook({ rows: [OFFICE_HEADER, officeRow(0), officeRow(1, { district: "ไม่มีอำเภอนี้" })] }))
      .bytes,
  );
  await writeFile(join(dir, "not-a-workbook.xlsx"), "this is not a zip");
  await copyFile(resolve("examples/kbo-sample.xlsx"), join(dir, "sample.xlsx"));
  expect((await kbo(["sync", "synced.xlsx"], host)).code).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  code: number;
  out: string;
}

/** `kbo …` in this process (the same parser, commands and exit codes as bin/kbo.js). */
async function kbo(args: string[], firestore: string): Promise<Outcome> {
  let out = "";
  const code = await main(["node", "kbo", ...args], {
    stdout: (t) => {
      out += `${t}\n`;
    },
    stderr: (t) => {
      out += `${t}\n`;
    },
    env: {
      ...process.env,
      FIRESTORE_EMULATOR_HOST: firestore,
      GOOGLE_CLOUD_PROJECT: "",
      OUT_DIR: join(dir, "out"),
      SMTP_URL: "",
    },
    cwd: dir,
    now: () => new Date("2020-01-20T03:00:00Z"),
    // The clock stands still, so the outbox's backoff waits for nothing (no command here sends mail).
    sleep: async () => {},
  });
  return { code, out };
}

/** `kbo …` as its own process, Node flags first (the process must end by itself: no hang). */
async function kboProcess(args: string[], firestore: string, nodeFlags: string[] = []): Promise<Outcome> {
  if (nodeFlags.length === 0) {
    const run = await runKbo(args, {
      cwd: dir,
      env: { ...process.env, FIRESTORE_EMULATOR_HOST: firestore, GOOGLE_CLOUD_PROJECT: "" },
    });
    return { code: run.code ?? -1, out: run.stdout + run.stderr };
  }
  const child = spawn(process.execPath, [...nodeFlags, KBO_BIN, ...args], {
    cwd: dir,
    env: { ...process.env, FIRESTORE_EMULATOR_HOST: firestore, GOOGLE_CLOUD_PROJECT: "" },
  });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (d) => {
    out += d;
  });
  child.stderr.setEncoding("utf8").on("data", (d) => {
    out += d;
  });
  const code = await new Promise<number>((r) => child.on("close", (c) => r(c ?? -1)));
  return { code, out };
}

/** Firestore down: exit 2, "Firestore unavailable" after its Thai, and the host it tried. */
const unavailable = (o: Outcome) => {
  expect(o.out).toMatch(/ติดต่อ Firestore ที่ (\S+) ไม่ได้.*\/ Firestore unavailable at \1/);
  expect(o.out).toContain(downHost);
  expect(o.out).toContain("[FIRESTORE_UNAVAILABLE]");
  expect(o.out).not.toMatch(/\bat .*\.(ts|js):\d+/);
};
const says =
  (...patterns: RegExp[]) =>
  (o: Outcome) => {
    for (const p of patterns) expect(o.out).toMatch(p);
    expect(o.out).not.toMatch(/\bat .*\.(ts|js):\d+|undefined|\[object Object\]/);
  };

interface ExitCase {
  what: string;
  args: string[];
  firestore: "up" | "down";
  code: 0 | 1 | 2 | 3;
  check(o: Outcome): void;
  /** Run as its own process (with these Node flags): proves the process ends, and the exit code of bin/kbo.js. */
  process?: string[];
}

const CASES: ExitCase[] = [
  {
    what: "validate, all valid",
    args: ["validate", "valid.xlsx"],
    firestore: "up",
    code: 0,
    check: says(/ถูกต้อง\/valid 3/),
  },
  {
    what: "sync, all valid",
    args: ["sync", "valid.xlsx"],
    firestore: "up",
    code: 0,
    check: says(/created: 3/, /invalid, not mirrored: 0/),
  },
  {
    what: "validate, a row invalid",
    args: ["validate", "invalid.xlsx"],
    firestore: "up",
    code: 1,
    check: says(/ไม่มีอำเภอนี้/, /DISTRICT_UNKNOWN/),
  },
  {
    what: "sync, a row invalid (the others stored)",
    args: ["sync", "invalid.xlsx"],
    firestore: "up",
    code: 1,
    check: says(/created: 1/, /invalid, not mirrored: 1/, /แถว\/row 3: "ไม่มีอำเภอนี้"/),
  },
  {
    what: "validate, no such file",
    args: ["validate", "missing.xlsx"],
    firestore: "up",
    code: 2,
    check: says(/WORKBOOK_NOT_FOUND/),
  },
  {
    what: "sync, not a workbook",
    args: ["sync", "not-a-workbook.xlsx"],
    firestore: "up",
    code: 2,
    check: says(/WORKBOOK_UNREADABLE/),
  },
  {
    what: "an unknown option",
    args: ["sync", "valid.xlsx", "--no-such-option"],
    firestore: "up",
    code: 2,
    check: says(/unknown option/),
  },
  {
    what: "summarize a workbook never synced",
    args: ["summarize", "not-a-workbook.xlsx"],
    firestore: "up",
    code: 2,
    check: says(/WORKBOOK_/),
  },
  {
    what: "report of a meeting the file does not hold",
    args: ["report", "sample.xlsx", "--meeting", "9/2563"],
    firestore: "up",
    code: 2,
    check: says(/9\/2563/, /MEETING_NOT_FOUND/),
  },
  {
    what: "sync, Firestore unreachable (the real process ends)",
    args: ["sync", "valid.xlsx"],
    firestore: "down",
    code: 2,
    check: unavailable,
    process: [],
  },
  {
    what: "summarize, Firestore unreachable",
    args: ["summarize", "synced.xlsx"],
    firestore: "down",
    code: 2,
    check: unavailable,
  },
  {
    what: "summary-report, Firestore unreachable",
    args: ["summary-report", "--all-sources"],
    firestore: "down",
    code: 2,
    check: unavailable,
  },
  {
    what: "reconcile, Firestore unreachable",
    args: ["reconcile", "--spreadsheet", "sheet-exit-codes"],
    firestore: "down",
    code: 2,
    check: unavailable,
  },
  {
    what: "an internal error (a bug: writing the output fails)",
    args: ["validate", "valid.xlsx"],
    firestore: "up",
    code: 3,
    check: (o) => expect(o.out).toMatch(/TypeError: simulated bug[\s\S]*\bat /),
    process: [
      "--import",
      `data:text/javascript,process.stdout.write = () => { throw new TypeError("simulated bug"); };`,
    ],
  },
];

describe("kbo exit codes", () => {
  it("covers every exit code", () => {
    expect(new Set(CASES.map((c) => c.code))).toEqual(new Set([0, 1, 2, 3]));
  });
  it.each(CASES.map((c) => [c.what, c] as const))(
    "%s",
    async (_, c) => {
      const firestore = c.firestore === "up" ? host : downHost;
      const o = c.process ? await kboProcess(c.args, firestore, c.process) : await kbo(c.args, firestore);
      expect(o.code, o.out).toBe(c.code);
      c.check(o);
    },
    60_000,
  );
});
