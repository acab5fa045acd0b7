// `kbo sync FILE.xlsx [--json] [--confirm-deletes]`: validate, mirror the valid rows to Firestore,
// write ids and ผลการตรวจสอบ cells back into FILE (patched in place), print what each action counted.
// Exit 0 when every row is valid, 1 when some row (or a tab as a whole) is invalid (the rest is
// saved), 2 unusable input: a sync that would tombstone more than half of a tab without
// --confirm-deletes changes nothing (docs/architecture.md, "The sync").
import { userInfo } from "node:os";
import type { Firestore } from "@google-cloud/firestore";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { type MirrorResult, type MirrorStep, mirror } from "../../adapters/firestore/mirror.ts";
import { readWorkbookBytes } from "../../adapters/workbook/workbook-bytes.ts";
import type { Identity, TabWriteBack } from "../../adapters/workbook/workbook-file.ts";
import { AppError } from "../../app-error.ts";
import { loadConfig } from "../../config.ts";
import type { Issue } from "../../domain/issues.ts";
import { checkOf } from "../../domain/sync-answer.ts";
import { type RowOutcome, SYNC_ACTIONS } from "../../domain/sync-plan.ts";
import { RECORD_TABS } from "../../domain/tabs.ts";
import { knownTabs, validateWorkbook, type WorkbookValidation } from "../../domain/validate-workbook.ts";
import { bangkokToday, type CliIo, EXIT } from "../io.ts";
import { openFirestore } from "../open-firestore.ts";
import { resolvePath } from "../paths.ts";

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

/** Named moments of `kbo sync`: the mirror's, and the file saved with its ids before any record write. */
export type SyncStep = MirrorStep | "workbook-saved";

export interface SyncFileOptions {
  /** Lets the sync tombstone more than half of a tab's live records. */
  confirmDeletes?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Told each named step (the crash-point test stops the process at one). */
  onStep?: (step: SyncStep) => void | Promise<void>;
}

export interface SyncFileResult extends MirrorResult {
  spreadsheetId: string;
  /** How the workbook's identity was decided. */
  identity: Identity;
  /** Why tabs were held back (nothing of them saved or deleted): a tab that cannot be read as a whole. */
  tabProblems: Issue[];
  /** Everything said of tabs as a whole (names, headers, columns): errors and warnings. */
  tabIssues: Issue[];
}

/** In a copy, an id of the original is named with the original's file, which staff know. */
function explainCopy(rows: RowOutcome[], identity: Identity): RowOutcome[] {
  if (identity.kind !== "copy") return rows;
  const { spreadsheetId, path } = identity.original;
  const named = (text: string) => text.replaceAll(`(${spreadsheetId})`, `(${spreadsheetId}: ${path})`);
  return rows.map((row) => ({
    ...row,
    issues: row.issues.map((i) =>
      i.code === "ID_OF_OTHER_SPREADSHEET"
        ? { ...i, message_th: named(i.message_th), message_en: named(i.message_en) }
        : i,
    ),
  }));
}

/** What the write-back puts into each record tab: ids and the check texts. */
function writeBackOf(validation: WorkbookValidation, rows: RowOutcome[]): TabWriteBack[] {
  return RECORD_TABS.flatMap((tab) => {
    const layout = validation.layouts[tab];
    if (!layout) return [];
    return [
      {
        sheetName: layout.sheetName,
        headerRow: layout.headerRow,
        columns: layout.columns,
        rows: rows.filter((r) => r.tab === tab).map((r) => ({ row: r.row, id: r.id, check: checkOf(r) })),
      },
    ];
  });
}

export async function syncFile(
  file: string,
  io: CliIo,
  db: Firestore,
  options: SyncFileOptions = {},
): Promise<SyncFileResult> {
  const path = resolvePath(io, file);
  // One sync of a file at a time: a second waits, then finds the ids and identity the first wrote.
  const { withFileLock } = await import("../../adapters/workbook/file-lock.ts");
  return withFileLock(path, () => syncLocked(path, file, io, db, options), {
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
  options: SyncFileOptions,
): Promise<SyncFileResult> {
  const bytes = await readWorkbookBytes(path);
  const [{ hereOf }, { openWorkbookFile }] = await Promise.all([
    import("../../adapters/workbook/workbook-identity.ts"),
    import("../../adapters/workbook/workbook-file.ts"),
  ]);
  const workbook = await openWorkbookFile(path, bytes, await hereOf(path));
  const tabs = knownTabs(workbook.raw);
  if (tabs.length === 0) {
    throw new AppError(
      "NO_KNOWN_TAB",
      `ไม่พบแท็บที่รู้จัก (ผลิตภัณฑ์, การประชุม, ผู้เข้าประชุม, วาระการประชุม) / no known tab in ${file}`,
    );
  }
  const validation = validateWorkbook(workbook.raw, { today: bangkokToday(io.now()) });
  const { identity } = workbook;
  const result = await mirror(db, {
    spreadsheetId: identity.spreadsheetId,
    validation,
    read: tabs,
    actor: `kbo-cli:${userInfo().username}`,
    now: io.now(),
    confirmDeletes: options.confirmDeletes,
    onProgress: options.onProgress,
    onStep: options.onStep,
    // Ids and checks go into the file as soon as they are known. A new identity (a new file, a copy)
    // is saved before any record carries it, so a crash can never make a re-run mirror the same rows
    // under a second spreadsheet id; a known one is saved beside the record writes. A re-sync that
    // changes no cell leaves the file alone.
    onPlanned: {
      beforeWrites: identity.kind === "new" || identity.kind === "copy",
      handler: async (rows) => {
        workbook.writeBack(writeBackOf(validation, explainCopy(rows, identity)));
        if (workbook.dirty) {
          await workbook.save();
          await options.onStep?.("workbook-saved");
        }
      },
    },
  });
  const rows = explainCopy(result.rows, identity);
  // A twin sync can still turn a planned row into another outcome: the file then gets the final word.
  workbook.writeBack(writeBackOf(validation, rows));
  if (workbook.dirty) await workbook.save();
  const tabProblems = tabs.flatMap((t) => validation.unreadable[t] ?? []);
  return {
    ...result,
    rows,
    spreadsheetId: identity.spreadsheetId,
    identity,
    tabProblems,
    tabIssues: validation.tabIssues,
  };
}

export function formatSync(result: SyncFileResult, file: string): string {
  const lines = [`kbo sync ${file} → Firestore (${result.spreadsheetId})`];
  const identity = result.identity;
  if (identity.kind === "copy") {
    lines.push(
      `  ไฟล์นี้เป็นสำเนาของ ${identity.original.path} ซึ่งยังอยู่: บันทึกเป็นสมุดงานใหม่ ข้อมูลของไฟล์ต้นฉบับไม่ถูกแตะต้อง / this file is a copy of ${identity.original.path}, which still exists: it is synced as a workbook of its own and the original's records are left alone`,
    );
  } else if (identity.kind === "moved") {
    lines.push(
      `  ไฟล์นี้ย้ายหรือเปลี่ยนชื่อมาจาก ${identity.from}: ยังเป็นสมุดงานเดิม / this file was moved or renamed from ${identity.from}: still the same workbook`,
    );
  }
  for (const p of result.tabIssues) {
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
    .option(
      "--confirm-deletes",
      "ยืนยันการลบเกินครึ่งของแท็บ / let this sync tombstone more than half of a tab's records",
    )
    .action(async (file: string, options: { json?: boolean; confirmDeletes?: boolean }) => {
      // The crash-point test's hook: the process dies at the named step, as a crash would.
      const crashAt = loadConfig(io.env).testCrashAt;
      const { db, close } = await openFirestore(io);
      let bar: SingleBar | undefined;
      try {
        const result = await syncFile(file, io, db, {
          confirmDeletes: options.confirmDeletes === true,
          onStep: (step) => {
            if (step === crashAt) process.kill(process.pid, "SIGKILL");
          },
          onProgress: (done, total) => {
            if (!bar && total >= PROGRESS_FROM_ROWS && !options.json) {
              bar = new SingleBar({ format: "sync [{bar}] {value}/{total} rows · {eta}s", hideCursor: true });
              bar.start(total, 0);
            }
            bar?.update(done);
          },
        });
        bar?.stop();
        io.stdout(
          options.json
            ? JSON.stringify({
                spreadsheetId: result.spreadsheetId,
                counts: result.counts,
                writes: result.writes,
                deleted: result.deleted,
                identity: result.identity.kind,
                tabProblems: result.tabProblems,
                tabIssues: result.tabIssues,
                ...(result.identity.kind === "copy" ? { copyOf: result.identity.original } : {}),
              })
            : formatSync(result, file),
        );
        setExit(result.counts.invalid > 0 || result.tabProblems.length > 0 ? EXIT.invalidRows : EXIT.ok);
      } finally {
        bar?.stop();
        await close();
      }
    });
}
