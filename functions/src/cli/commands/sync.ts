// `kbo sync FILE.xlsx [--json]`: validate, mirror the valid rows to Firestore, write ids and
// ผลการตรวจสอบ cells back into FILE (atomically), print created/updated/unchanged/deleted/invalid.
// Exit 0 when every row is valid, 1 when some row is invalid (and so not mirrored), 2 unusable input.
import { userInfo } from "node:os";
import type { Firestore } from "@google-cloud/firestore";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { type FileSync, recordFileSync, unchangedSince } from "../../adapters/firestore/file-syncs.ts";
import {
  mirrorWorkbook,
  type RowSyncResult,
  type WorkbookSyncResult,
} from "../../adapters/firestore/mirror-workbook.ts";
import { bytesSha256, readWorkbookBytes } from "../../adapters/workbook/workbook-bytes.ts";
import type { Identity, TabWriteBack } from "../../adapters/workbook/workbook-file.ts";
import { AppError } from "../../app-error.ts";
import type { Issue } from "../../domain/issues.ts";
import { checkCellText, emptyCounts, SYNC_ACTIONS } from "../../domain/sync-plan.ts";
import { RECORD_TABS, TAB_SPECS } from "../../domain/tabs.ts";
import {
  knownTabs,
  mirrorableTabs,
  type RowResult,
  validateWorkbook,
} from "../../domain/validate-workbook.ts";
import { bangkokToday, type CliIo, EXIT } from "../io.ts";
import { openFirestore } from "../open-firestore.ts";
import { resolvePath } from "../paths.ts";
import { KBO_VERSION } from "../version.ts";

/** Rows from which a progress bar is worth showing. */
const PROGRESS_FROM_ROWS = 1000;

const ACTION_LABELS = {
  created: "สร้างใหม่ / created",
  updated: "แก้ไข / updated",
  restored: "นำกลับมา / restored",
  unchanged: "ไม่เปลี่ยนแปลง / unchanged",
  deleted: "ลบ (เก็บประวัติไว้) / deleted (tombstoned)",
  invalid: "ไม่ถูกต้อง ไม่ได้บันทึก / invalid, not mirrored",
} as const;

export interface SyncFileResult extends WorkbookSyncResult {
  spreadsheetId: string;
  /** The file is byte for byte what the last sync left, and its source unchanged since: nothing read. */
  fileUnchanged?: boolean;
  /** How the workbook's identity was decided (absent when the file was unchanged). */
  identity?: Identity;
  /** Why tabs were held back (nothing of them saved or deleted): a tab that cannot be read as a whole. */
  tabProblems?: Issue[];
  /** Everything said of tabs as a whole (names, headers, columns): errors and warnings. */
  tabIssues?: Issue[];
}

/** In a copy, an id of the original is named with the original's file, which staff know. */
function explainCopy<T extends { rows: RowSyncResult[] }>(result: T, identity: Identity): T {
  if (identity.kind !== "copy") return result;
  const { spreadsheetId, path } = identity.original;
  const named = (text: string) => text.replaceAll(`(${spreadsheetId})`, `(${spreadsheetId}: ${path})`);
  for (const row of result.rows) {
    row.issues = row.issues.map((i) =>
      i.code === "ID_OF_OTHER_SPREADSHEET"
        ? { ...i, message_th: named(i.message_th), message_en: named(i.message_en) }
        : i,
    );
  }
  return result;
}

export async function syncFile(
  file: string,
  io: CliIo,
  db: Firestore,
  onProgress?: (done: number, total: number) => void,
): Promise<SyncFileResult> {
  const path = resolvePath(io, file);
  // One sync of a file at a time: a second waits, then finds the ids and identity the first wrote.
  const { withFileLock } = await import("../../adapters/workbook/file-lock.ts");
  return withFileLock(path, () => syncLocked(path, file, io, db, onProgress), {
    onWait: (h) =>
      io.stderr(
        `รอ: ไฟล์นี้กำลังซิงค์อยู่ (pid ${h.pid} บน ${h.host}) / waiting: this file is being synced (pid ${h.pid} on ${h.host})`,
      ),
  });
}

async function syncLocked(
  path: string,
  file: string,
  io: CliIo,
  db: Firestore,
  onProgress?: (done: number, total: number) => void,
): Promise<SyncFileResult> {
  const bytes = await readWorkbookBytes(path);
  const day = bangkokToday(io.now());
  // The very bytes a completed sync left, as this very file (not a copy or a move, whose identity is
  // decided again), nothing written to the source since: nothing to do.
  const { hereOf, readMetaOfBytes, syncedHere } = await import(
    "../../adapters/workbook/workbook-identity.ts"
  );
  const here = await hereOf(path);
  const before = syncedHere(await readMetaOfBytes(bytes, path), here)
    ? await unchangedSince(db, bytesSha256(bytes), { day, version: KBO_VERSION })
    : undefined;
  if (before) return unchangedResult(before);
  // The workbook adapter (exceljs among it) only now: an unchanged file never needed it.
  const { openWorkbookFile } = await import("../../adapters/workbook/workbook-file.ts");
  const workbook = await openWorkbookFile(path, bytes, here);
  const raw = workbook.raw;
  const tabs = knownTabs(raw);
  if (tabs.length === 0) {
    throw new AppError(
      "NO_KNOWN_TAB",
      `ไม่พบแท็บที่รู้จัก (ผลิตภัณฑ์, การประชุม, ผู้เข้าประชุม, วาระการประชุม) / no known tab in ${file}`,
    );
  }
  const validation = validateWorkbook(raw, { today: day });
  // A tab that cannot be read as a whole is held back: its rows say nothing about which records are gone.
  const mirrored = mirrorableTabs(validation, tabs);
  const heldBack = tabs.filter((t) => !mirrored.includes(t));
  const tabProblems = heldBack.flatMap((t) => validation.unreadable[t] ?? []);
  const tabIssues = validation.tabIssues;
  const { identity } = workbook;
  const spreadsheetId = identity.spreadsheetId;
  const writeBackOf = (rows: RowSyncResult[]): TabWriteBack[] =>
    RECORD_TABS.flatMap((tab) => {
      const layout = validation.layouts[tab];
      if (!layout) return [];
      // A held-back tab's rows say why nothing of them was saved.
      const held = heldBack.includes(tab)
        ? (validation[tab] as RowResult<unknown>[]).map((r) => ({
            row: r.row,
            check: checkCellText(false, [
              ...tabProblems.filter((i) => i.tab === TAB_SPECS[tab].th || tab === "meetings"),
              ...r.issues,
            ]),
          }))
        : undefined;
      return [
        {
          sheetName: layout.sheetName,
          headerRow: layout.headerRow,
          columns: layout.columns,
          rows:
            held ??
            rows
              .filter((r) => r.tab === tab)
              .map((r) => ({ row: r.row, id: r.id, check: checkCellText(r.action !== "invalid", r.issues) })),
        },
      ];
    });
  let saved: string | undefined;
  // A new identity (a new file, or a copy) is saved before any record carries it.
  const newIdentity = identity.kind === "new" || identity.kind === "copy";
  const result = await mirrorWorkbook(db, {
    spreadsheetId,
    validation,
    tabs: mirrored,
    actor: `kbo-cli:${userInfo().username}`,
    now: io.now(),
    onProgress,
    // Ids and checks go into the file as soon as they are known. A new workbook identity is saved
    // before any record carries it, so a kill can never make a re-run mirror the same rows under a
    // second spreadsheet id; a known one is saved beside the record writes. A re-sync that changes
    // no cell leaves the file alone (no rewrite, no new modification time).
    onPlanned: {
      beforeWrites: newIdentity,
      handler: async (rows) => {
        workbook.writeBack(writeBackOf(explainCopy({ rows }, identity).rows));
        if (workbook.dirty) saved = await workbook.save();
      },
    },
  });
  explainCopy(result, identity);
  // A concurrent sync can still turn a planned row into a conflict: the file then gets the final word.
  workbook.writeBack(writeBackOf(result.rows));
  if (workbook.dirty) saved = await workbook.save();
  // Remembered only for a clean result: a re-run must still list invalid rows and their issues.
  if (result.counts.invalid === 0 && result.generation !== undefined) {
    await recordFileSync(
      db,
      saved ?? bytesSha256(bytes),
      { spreadsheetId, day, version: KBO_VERSION, generation: result.generation, counts: result.counts },
      io.now(),
    );
  }
  return { ...result, spreadsheetId, identity, tabProblems, tabIssues };
}

/** The answer for a file that has not changed since its last sync: every mirrored row unchanged. */
function unchangedResult(before: FileSync): SyncFileResult {
  const counts = emptyCounts();
  counts.unchanged =
    before.counts.created + before.counts.updated + before.counts.restored + before.counts.unchanged;
  return {
    spreadsheetId: before.spreadsheetId,
    rows: [],
    counts,
    deleted: { products: [], meetings: [] },
    writes: 0,
    generation: before.generation,
    fileUnchanged: true,
  };
}

export function formatSync(result: SyncFileResult, file: string): string {
  const lines = [`kbo sync ${file} → Firestore (${result.spreadsheetId})`];
  if (result.fileUnchanged) {
    lines.push("  ไฟล์ไม่เปลี่ยนแปลงตั้งแต่ซิงค์ครั้งก่อน / the file is unchanged since its last sync");
  }
  const identity = result.identity;
  if (identity?.kind === "copy") {
    lines.push(
      `  ไฟล์นี้เป็นสำเนาของ ${identity.original.path} ซึ่งยังอยู่: บันทึกเป็นสมุดงานใหม่ ข้อมูลของไฟล์ต้นฉบับไม่ถูกแตะต้อง / this file is a copy of ${identity.original.path}, which still exists: it is synced as a workbook of its own and the original's records are left alone`,
    );
  } else if (identity?.kind === "moved") {
    lines.push(
      `  ไฟล์นี้ย้ายหรือเปลี่ยนชื่อมาจาก ${identity.from}: ยังเป็นสมุดงานเดิม / this file was moved or renamed from ${identity.from}: still the same workbook`,
    );
  }
  for (const p of result.tabIssues ?? result.tabProblems ?? []) {
    lines.push(
      `  ${p.severity === "error" ? "✗" : "!"} ${p.tab}: ${p.message_th} / ${p.message_en} (${p.code})`,
    );
  }
  for (const action of SYNC_ACTIONS) lines.push(`  ${ACTION_LABELS[action]}: ${result.counts[action]}`);
  const invalid = result.rows.filter((r) => r.action === "invalid");
  for (const r of invalid.slice(0, 20)) {
    const first = r.issues.find((i) => i.severity === "error") ?? r.issues[0];
    lines.push(
      `  ✗ ${first?.tab ?? r.tab} แถว/row ${r.row}: ${first ? `${first.message_th} / ${first.message_en}` : ""}`,
    );
  }
  if (invalid.length > 20) lines.push(`  … ${invalid.length - 20} more`);
  return lines.join("\n");
}

export function registerSyncCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("sync")
    .description(
      "ตรวจสอบและบันทึกลง Firestore แล้วเขียนรหัสและผลการตรวจสอบกลับลงไฟล์ / validate, mirror to Firestore, write ids and checks back",
    )
    .argument("<file>", "the .xlsx workbook")
    .option("--json", "print one JSON object")
    .action(async (file: string, options: { json?: boolean }) => {
      const { db, close } = await openFirestore(io);
      let bar: SingleBar | undefined;
      try {
        const result = await syncFile(file, io, db, (done, total) => {
          if (!bar && total >= PROGRESS_FROM_ROWS && !options.json) {
            bar = new SingleBar({ format: "sync [{bar}] {value}/{total} rows · {eta}s", hideCursor: true });
            bar.start(total, 0);
          }
          bar?.update(done);
        });
        bar?.stop();
        io.stdout(
          options.json
            ? JSON.stringify({
                spreadsheetId: result.spreadsheetId,
                counts: result.counts,
                writes: result.writes,
                deleted: result.deleted,
                fileUnchanged: result.fileUnchanged === true,
                identity: result.identity?.kind ?? "known",
                tabProblems: result.tabProblems ?? [],
                tabIssues: result.tabIssues ?? [],
                ...(result.identity?.kind === "copy" ? { copyOf: result.identity.original } : {}),
              })
            : formatSync(result, file),
        );
        setExit(
          result.counts.invalid > 0 || (result.tabProblems ?? []).length > 0 ? EXIT.invalidRows : EXIT.ok,
        );
      } finally {
        bar?.stop();
        await close();
      }
    });
}
