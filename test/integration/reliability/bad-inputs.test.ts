// The bad-input corpus (test/fixtures/bad-inputs) through the domain, the real `kbo validate --json`
// (one generated workbook, one process) and the real `sync` HTTP function on the emulator: every
// hostile value gets a named issue on its own cell or is stored exactly as the expected text;
// nothing crashes, nothing is evaluated (formula text stays text in Firestore and in summary tabs).
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFirestore } from "../../../functions/src/adapters/firestore/client.ts";
import { recordOfDoc, recordsOf } from "../../../functions/src/adapters/firestore/collections.ts";
import { loadMeetingForReport } from "../../../functions/src/adapters/firestore/report-outbox.ts";
import { silentLogger } from "../../../functions/src/adapters/log/logger.ts";
import { createPdfRenderer } from "../../../functions/src/adapters/pdf/pdf-renderer.ts";
import { rebuildSummariesPorts } from "../../../functions/src/adapters/ports.ts";
import { createSheetsApi } from "../../../functions/src/adapters/sheets/sheets-client.ts";
import type { Issue } from "../../../functions/src/domain/issues.ts";
import type { RawCell } from "../../../functions/src/domain/raw-workbook.ts";
import { buildReportModel } from "../../../functions/src/domain/report-model.ts";
import { type RecordTab, TAB_SPECS } from "../../../functions/src/domain/tabs.ts";
import { validateWorkbook } from "../../../functions/src/domain/validate-workbook.ts";
import { registerFunctions } from "../../../functions/src/functions.ts";
import { idTokenVerifier } from "../../../functions/src/handlers/auth.ts";
import { rebuildSummaries } from "../../../functions/src/handlers/rebuild-summaries.ts";
import {
  BAD_INPUTS,
  BASE_MEETING,
  type BadInput,
  type BadValue,
  baseRow,
  jsonCarries,
} from "../../fixtures/bad-inputs/corpus.ts";
import { type SheetsApiStandIn, startSheetsApiStandIn } from "../../support/sheets-api-stand-in.ts";
import { startTokenIssuer, type TokenIssuer } from "../support/id-tokens.ts";
import { runKbo } from "../support/kbo-process.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers and documents, read only in assertions.
type Json = Record<string, any>;
const AUDIENCE = "1234-apps-script.apps.googleusercontent.com";
const CALLER = "staff@example.org";
const SID = "sheet-bad-inputs";
const TABS = ["meetings", "products", "attendees", "agenda"] as const satisfies readonly RecordTab[];
const db = createFirestore({
  firestoreEmulatorHost: inject("firestoreHost"),
  projectId: inject("firestoreProjectId"),
});

/** Where each case sits: its tab's sheet row (the header is row 1; meetings row 2 is the base meeting). */
interface Placed extends BadInput {
  row: number;
}
const rowsOf: Record<RecordTab, Record<string, BadValue>[]> = {
  meetings: [{ ...baseRow("meetings", -1), number: BASE_MEETING }],
  products: [],
  attendees: [],
  agenda: [],
};
const placed: Placed[] = BAD_INPUTS.map((c) => {
  const rows = rowsOf[c.tab];
  rows.push({ ...baseRow(c.tab, rows.length), [c.field]: c.value });
  return { ...c, row: rows.length + 1 };
});
const headerOf = (tab: RecordTab) => TAB_SPECS[tab].columns.map((c) => c.th);
const cellsOf = (tab: RecordTab, r: Record<string, BadValue>) =>
  TAB_SPECS[tab].columns.map((c) => r[c.field] ?? null);
const recordKey: Record<string, string> = {
  revenue: "revenueSatang",
  on_behalf_of: "onBehalfOf",
  recorder_position: "recorderPosition",
  checker_position: "checkerPosition",
};
const counts = {
  cases: placed.length,
  domain: 0,
  validateCli: 0,
  syncHttp: 0,
  layout: 0,
  summaryCells: 0,
  reportValues: 0,
};

const toRaw = (v: BadValue): RawCell =>
  v !== null && typeof v === "object"
    ? new Date(v.date === "invalid" ? Number.NaN : `${v.date}T00:00:00Z`)
    : v;
/** XML 1.0 cannot hold C0 controls or lone surrogates: exceljs drops them or writes U+FFFD. */
const xmlCarries = (v: BadValue) =>
  typeof v !== "string" ||
  !/[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDFFF]/.test(
    v.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""),
  );
/** xlsx has no NaN, Infinity or invalid date: those values only reach the domain directly. */
const xlsxCarries = (v: BadValue) =>
  jsonCarries(v) || (v !== null && typeof v === "object" && v.date !== "invalid");

const THAI = /[\u0E01-\u0E5B]/;

/** What went wrong with one case, or undefined when the outcome is the expected one. */
function judge(
  c: Placed,
  outcome: { valid: boolean; issues: Issue[]; stored?: () => unknown },
): string | undefined {
  const own = outcome.issues.filter((i) => i.field === c.field && i.row === c.row);
  const errors = outcome.issues.filter((i) => i.severity === "error");
  for (const i of outcome.issues) {
    if (!THAI.test(i.message_th) || i.message_en.trim() === "" || !/^[A-Z][A-Z0-9_]*$/.test(i.code)) {
      return `unclear issue ${JSON.stringify(i)}`;
    }
  }
  if ("code" in c.expect) {
    const { code } = c.expect;
    const hit = own.find((i) => i.code === code && i.severity === "error");
    if (!hit)
      return `expected ${code} on ${c.field}, got ${JSON.stringify(outcome.issues.map((i) => `${i.field}:${i.code}`))}`;
    if (outcome.valid) return "row accepted despite an error";
    return undefined;
  }
  if (!outcome.valid || errors.length > 0)
    return `row refused: ${errors.map((i) => `${i.field}:${i.code}`).join(", ")}`;
  if ("ignored" in c.expect) return own.length ? `issue on a system column: ${own[0]!.code}` : undefined;
  const { stored, warning } = c.expect;
  if (warning && !own.some((i) => i.code === warning && i.severity === "warning"))
    return `expected warning ${warning}`;
  if (!warning && own.length) return `unexpected ${own.map((i) => i.code).join(", ")}`;
  if (outcome.stored) {
    const got = outcome.stored();
    if (JSON.stringify(got) !== JSON.stringify(stored)) {
      return `stored ${JSON.stringify(got)?.slice(0, 80)} instead of ${JSON.stringify(stored).slice(0, 80)}`;
    }
  }
  return undefined;
}

let dir: string;
let issuer: TokenIssuer;
let server: Server;
let url: string;
let token: string;
let standIn: SheetsApiStandIn;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kbo-bad-inputs-"));
  issuer = await startTokenIssuer();
  standIn = await startSheetsApiStandIn();
  registerFunctions({
    log: silentLogger,
    db: () => db,
    verifyCaller: idTokenVerifier({
      audience: AUDIENCE,
      allowedCallers: [CALLER],
      certsUrl: issuer.certsUrl,
    }),
    now: () => new Date("2020-01-20T03:00:00Z"),
  });
  server = getTestServer("sync");
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  token = await issuer.sign({ email: CALLER, aud: AUDIENCE });
});
afterAll(async () => {
  console.log(`[reliability] bad inputs: ${JSON.stringify(counts)}`);
  await new Promise((resolve) => server.close(resolve));
  await standIn.close();
  await issuer.close();
  await db.terminate();
  await rm(dir, { recursive: true, force: true });
});

const kbo = (args: string[]) => runKbo(args, { cwd: dir });

async function writeXlsx(
  file: string,
  sheets: { name: string; rows: BadValue[][]; merges?: string[] }[],
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((cells, r) => {
      cells.forEach((v, c) => {
        if (v === null) return;
        ws.getCell(r + 1, c + 1).value = toRaw(v) as ExcelJS.CellValue;
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  await wb.xlsx.writeFile(file);
}

async function post(body: unknown) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

describe("bad-input corpus", () => {
  it("has at least 150 hostile values covering every column of every record tab", () => {
    expect(placed.length).toBeGreaterThanOrEqual(150);
    for (const tab of TABS) {
      const covered = new Set(placed.filter((c) => c.tab === tab).map((c) => c.field));
      const missing = TAB_SPECS[tab].columns.map((c) => c.field).filter((f) => !covered.has(f));
      expect(missing, tab).toEqual([]);
    }
    expect(new Set(placed.map((c) => c.id)).size).toBe(placed.length);
  });

  it("the domain gives each value its issue or the expected record (NaN, Infinity and invalid dates included)", () => {
    const wb = {
      sheets: TABS.map((tab) => ({
        name: TAB_SPECS[tab].th,
        rows: [headerOf(tab), ...rowsOf[tab].map((r) => cellsOf(tab, r).map(toRaw))].map((cells, i) => ({
          row: i + 1,
          cells,
        })),
      })),
    };
    const v = validateWorkbook(wb, { today: "2020-01-20" });
    const failures: string[] = [];
    for (const c of placed) {
      const r = (v[c.tab] as { row: number; valid: boolean; issues: Issue[]; record?: Json }[]).find(
        (x) => x.row === c.row,
      );
      const why = r
        ? judge(c, { ...r, stored: () => r.record?.[recordKey[c.field] ?? c.field] })
        : "no row result";
      if (why) failures.push(`${c.id}: ${why}`);
      counts.domain++;
    }
    expect(failures).toEqual([]);
  });

  it("kbo validate --json (one workbook, one process) names the issue on each bad cell and crashes on none", async () => {
    const file = join(dir, "bad-inputs.xlsx");
    const carried = placed.filter((c) => xlsxCarries(c.value));
    await writeXlsx(
      file,
      TABS.map((tab) => ({
        name: TAB_SPECS[tab].th,
        rows: [
          headerOf(tab),
          ...rowsOf[tab].map((r, i) => {
            const c = placed.find((p) => p.tab === tab && p.row === i + 2);
            // Values xlsx cannot hold are left blank (their row then only needs to stay sound).
            return cellsOf(tab, c && !xlsxCarries(c.value) ? { ...r, [c.field]: null } : r);
          }),
        ],
      })),
    );
    const run = await kbo(["validate", file, "--json"]);
    expect(run.stderr).not.toMatch(/TypeError|RangeError|at .*\.ts:/);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { ok: boolean; tabs: Json; issues: Issue[] };
    const failures: string[] = [];
    for (const c of carried) {
      const tabTh = TAB_SPECS[c.tab].th;
      // What the file could not carry (a lone surrogate) arrives as U+FFFD, which the report's fonts
      // cannot draw: the warning that says so is right. Otherwise the row must merely stay sound.
      const issues = out.issues.filter(
        (i) => i.tab === tabTh && i.row === c.row && (xmlCarries(c.value) || i.code !== "TEXT_NOT_PRINTABLE"),
      );
      const valid = !issues.some((i) => i.severity === "error");
      // What the file could not carry never reached the reader: the row must merely stay sound.
      const expect = xmlCarries(c.value) || !("stored" in c.expect) ? c.expect : { stored: c.expect.stored };
      const why = judge({ ...c, expect }, { valid, issues });
      if (why) failures.push(`${c.id}: ${why}`);
      const hit = issues.find((i) => i.field === c.field);
      const col = TAB_SPECS[c.tab].columns.findIndex((x) => x.field === c.field);
      if (hit && hit.column !== String.fromCharCode(65 + col))
        failures.push(`${c.id}: issue on column ${hit.column}`);
      counts.validateCli++;
    }
    expect(failures).toEqual([]);
    for (const tab of TABS) expect(out.tabs[TAB_SPECS[tab].th].rows).toBe(rowsOf[tab].length);
  }, 60_000);

  it("the sync function answers each row with its issue or stores exactly the expected text; summaries keep formulas as text", async () => {
    const failures: string[] = [];
    const responses: Record<string, Json> = {};
    for (const tab of TABS) {
      const body = {
        spreadsheetId: SID,
        tab: TAB_SPECS[tab].th,
        header: headerOf(tab),
        rows: rowsOf[tab].map((r, i) => {
          const c = placed.find((p) => p.tab === tab && p.row === i + 2);
          return {
            row: i + 2,
            values: cellsOf(tab, c && !jsonCarries(c.value) ? { ...r, [c.field]: null } : r),
          };
        }),
        requestId: `bad-inputs-${tab}`,
      };
      const { status, json } = await post(body);
      expect(status, JSON.stringify(json).slice(0, 300)).toBe(200);
      responses[tab] = json;
    }
    const stored = async (collection: string) =>
      new Map(
        (
          await recordsOf(db, collection as "products")
            .where("source.spreadsheetId", "==", SID)
            .get()
        ).docs.map((d) => [d.data().source.row, { ...recordOfDoc(d.data()), id: d.id } as Json]),
      );
    const products = await stored("products");
    const meetings = await stored("meetings");
    const base = [...meetings.values()].find((m) => m.number === BASE_MEETING) as Json;
    expect(base, "the base meeting is stored").toBeDefined();
    const locate = (c: Placed): Json | undefined => {
      if (c.tab === "products") return products.get(c.row);
      if (c.tab === "meetings") return meetings.get(c.row);
      const r = rowsOf[c.tab][c.row - 2]!;
      const list = (c.tab === "attendees" ? base.attendees : base.agenda) as Json[];
      const keys = c.tab === "attendees" ? ["name", "position"] : ["item", "subject"];
      const key = keys.find((k) => k !== c.field)!;
      return list.find((x) => x[key] === r[key]);
    };
    for (const c of placed.filter((p) => jsonCarries(p.value))) {
      const row = (responses[c.tab]!.rows as { row: number; action: string; issues: Issue[] }[]).find(
        (r) => r.row === c.row,
      );
      if (!row) {
        failures.push(`${c.id}: no row in the answer`);
        continue;
      }
      const valid = row.action !== "invalid";
      // Attendee and agenda rows travel inside their meeting and share its action.
      const expected = c.tab === "products" || c.tab === "meetings" ? "created" : "updated";
      if (valid && row.action !== expected) failures.push(`${c.id}: action ${row.action}`);
      const why = judge(c, {
        valid,
        issues: row.issues,
        stored: () => {
          const rec = locate(c);
          return rec === undefined ? "(not stored)" : rec[recordKey[c.field] ?? c.field];
        },
      });
      if (why) failures.push(`${c.id}: ${why}`);
      // A refused row leaves nothing behind.
      if (!valid && (c.tab === "products" || c.tab === "meetings") && locate(c))
        failures.push(`${c.id}: stored anyway`);
      counts.syncHttp++;
    }
    expect(failures).toEqual([]);

    // The summary tabs written from these records hold the formula-looking titles as plain text.
    standIn.createSpreadsheet("KBO", ["ผลิตภัณฑ์"], SID);
    await rebuildSummaries(
      rebuildSummariesPorts({ db, sheets: createSheetsApi({ rootUrl: standIn.rootUrl }), log: silentLogger }),
      { spreadsheetId: SID },
    );
    const texts: string[] = [];
    for (const title of ["สรุปตามประเภท", "สรุปตามอำเภอ", "สรุปการประชุม"]) {
      for (const cell of standIn.cells(SID, title).values()) {
        counts.summaryCells++;
        expect(cell.userEnteredValue?.formulaValue).toBeUndefined();
        if (cell.userEnteredValue?.stringValue) texts.push(cell.userEnteredValue.stringValue);
      }
    }
    expect(texts).toEqual(
      expect.arrayContaining(["=1+1", '=HYPERLINK("http://evil.example","คลิก")', "+SUM(A1:A9)"]),
    );
  }, 60_000);
});

describe("the meeting report of the hostile rows", () => {
  it("renders every stored value as text and fetches nothing", async () => {
    let hits = 0;
    const trap = createServer((_req, res) => {
      hits++;
      res.end("x");
    });
    await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", resolve));
    const renderer = createPdfRenderer();
    try {
      const details = await loadMeetingForReport(db, SID, BASE_MEETING);
      expect(details, "the base meeting was synced by the test above").toBeDefined();
      const { port } = trap.address() as AddressInfo;
      details!.attendees.push({
        meeting: BASE_MEETING,
        name: `<img src="http://127.0.0.1:${port}/x.png">`,
        attendance: "present",
      });
      const pdf = await renderer.renderReport(buildReportModel(details!));
      const file = join(dir, "hostile-report.pdf");
      await writeFile(file, pdf);
      const { stdout } = await promisify(execFile)("pdftotext", ["-raw", file, "-"], {
        maxBuffer: 64 * 1024 * 1024,
      });
      const flat = stdout.replace(/\s+/g, "");
      const stored = [
        ...details!.attendees.map((a) => a.name),
        ...details!.agenda.map((a) => a.subject),
      ].filter((t) => /^[\x20-\x7E\u0E00-\u0E7F]+$/.test(t));
      expect(stored.length).toBeGreaterThan(30);
      for (const t of stored) expect(flat).toContain(t.replace(/\s+/g, ""));
      expect(hits).toBe(0);
      counts.reportValues = stored.length;
    } finally {
      await renderer.close();
      await new Promise((resolve) => trap.close(resolve));
    }
  }, 60_000);
});

describe("bad layouts: duplicate, missing and hostile headers, merged cells", () => {
  const H = headerOf("products");
  const good = cellsOf("products", baseRow("products", 0));
  const without = (field: string) => (cells: BadValue[]) =>
    cells.filter((_, i) => TAB_SPECS.products.columns[i]!.field !== field);
  type Layout = {
    name: string;
    rows: BadValue[][];
    merges?: string[];
    expect: { row: number; field: string; code: string; severity: "error" | "warning" }[];
    /** Data rows stored as valid. */
    valid: number;
  };
  const layouts: Layout[] = [
    {
      name: "duplicate header",
      rows: [
        [...H, "ชื่อผลิตภัณฑ์"],
        [...good, "ชื่ออื่น"],
      ],
      expect: [{ row: 1, field: "product", code: "DUPLICATE_COLUMN", severity: "error" }],
      valid: 1,
    },
    {
      name: "missing required header",
      rows: [without("district")(H), without("district")(good)],
      expect: [{ row: 1, field: "district", code: "MISSING_COLUMN", severity: "error" }],
      valid: 0,
    },
    {
      name: "no header row at all",
      rows: [good, good],
      expect: [{ row: 1, field: "", code: "HEADER_NOT_FOUND", severity: "error" }],
      valid: 0,
    },
    {
      name: "headers disguised with right-to-left overrides",
      rows: [H.map((h) => `\u202E${h}`), good],
      expect: [{ row: 1, field: "", code: "HEADER_NOT_FOUND", severity: "error" }],
      valid: 0,
    },
    {
      name: "formula and markup headers are not columns",
      rows: [
        ["=รหัส", ...H.slice(1, -1), "<script>x</script>"],
        ["=1", ...good.slice(1, -1), "=2"],
      ],
      expect: [],
      valid: 1,
    },
    {
      name: "merged cells: only the top-left cell of a merge holds the value, and the others are named with it",
      rows: [
        H,
        good,
        cellsOf("products", baseRow("products", 1)),
        cellsOf("products", baseRow("products", 2)),
      ],
      // Product name merged down rows 2–3; product name to category merged across row 4.
      merges: ["C2:C3", "C4:D4"],
      expect: [
        { row: 3, field: "product", code: "MERGED_CELL", severity: "error" },
        { row: 4, field: "category", code: "MERGED_CELL", severity: "error" },
      ],
      valid: 1,
    },
  ];

  it("kbo validate names each layout problem; the sync function refuses the same rows", async () => {
    const runs = await Promise.all(
      layouts.map(async (l, i) => {
        const file = join(dir, `layout-${i}.xlsx`);
        await writeXlsx(file, [{ name: "ผลิตภัณฑ์", rows: l.rows, merges: l.merges }]);
        return kbo(["validate", file, "--json"]);
      }),
    );
    for (const [i, l] of layouts.entries()) {
      const run = runs[i]!;
      expect(run.stderr, l.name).not.toMatch(/TypeError|RangeError|at .*\.ts:/);
      const out = JSON.parse(run.stdout) as { ok: boolean; tabs: Json; issues: Issue[] };
      for (const e of l.expect) {
        expect(out.issues, l.name).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ ...e, message_th: expect.stringMatching(THAI) }),
          ]),
        );
      }
      expect(out.tabs.ผลิตภัณฑ์?.valid ?? 0, l.name).toBe(l.valid);
      expect(run.code, l.name).toBe(l.expect.some((e) => e.severity === "error") ? 1 : 0);
      counts.layout++;
    }
  }, 60_000);

  it("through sync, a header problem comes back on every row it spoils and nothing is stored", async () => {
    for (const [i, l] of layouts.filter((x) => !x.merges && x.valid === 0).entries()) {
      const { status, json } = await post({
        spreadsheetId: `sheet-layout-${i}`,
        tab: "ผลิตภัณฑ์",
        header: l.rows[0],
        rows: l.rows.slice(1).map((values, r) => ({ row: r + 2, values })),
        requestId: `layout-${i}-0001`,
      });
      expect(status, l.name).toBe(200);
      expect(json.counts.created, l.name).toBe(0);
      const codes = [
        ...(json.issues ?? []).map((x: Issue) => x.code),
        ...json.rows.flatMap((r: { issues: Issue[] }) => r.issues.map((x) => x.code)),
      ];
      expect(codes, l.name).toContain(l.expect[0]!.code);
    }
    expect(
      (await db.collection("products").where("source.spreadsheetId", ">=", "sheet-layout").get()).size,
    ).toBe(0);
  });
});
