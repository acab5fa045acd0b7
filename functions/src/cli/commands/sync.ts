// `kbo sync FILE.xlsx [--json]`: validate, mirror the valid rows to Firestore, write ids and
// ผลการตรวจสอบ cells back into FILE (atomically), print created/updated/unchanged/deleted/invalid.
// Exit 0 when every row is valid, 1 when some row is invalid (and so not mirrored), 2 unusable input.
import { userInfo } from "node:os";
import type { Firestore } from "@google-cloud/firestore";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { mirrorWorkbook, type WorkbookSyncResult } from "../../adapters/firestore/mirror-workbook.ts";
import { loadWorkbook, sheetToRaw } from "../../adapters/workbook/read-workbook.ts";
import {
  applyWriteBack,
  assignSpreadsheetId,
  META_SHEET,
  saveWorkbookAtomically,
  spreadsheetIdOf,
  type TabWriteBack,
} from "../../adapters/workbook/write-back.ts";
import { AppError } from "../../app-error.ts";
import { checkCellText, SYNC_ACTIONS } from "../../domain/sync-plan.ts";
import { RECORD_TABS } from "../../domain/tabs.ts";
import { knownTabs, validateWorkbook } from "../../domain/validate-workbook.ts";
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

export interface SyncFileResult extends WorkbookSyncResult {
  spreadsheetId: string;
}

export async function syncFile(
  file: string,
  io: CliIo,
  db: Firestore,
  onProgress?: (done: number, total: number) => void,
): Promise<SyncFileResult> {
  const path = resolvePath(io, file);
  const workbook = await loadWorkbook(path);
  const raw = { sheets: workbook.worksheets.filter((w) => w.name !== META_SHEET).map(sheetToRaw) };
  const tabs = knownTabs(raw);
  if (tabs.length === 0) {
    throw new AppError(
      "NO_KNOWN_TAB",
      `ไม่พบแท็บที่รู้จัก (ผลิตภัณฑ์, การประชุม, ผู้เข้าประชุม, วาระการประชุม) / no known tab in ${file}`,
    );
  }
  const validation = validateWorkbook(raw, { today: bangkokToday(io.now()) });
  // The workbook's identity is saved before anything is mirrored: a kill later on can then never
  // make a re-run mirror the same rows under a second spreadsheet id.
  let spreadsheetId = spreadsheetIdOf(workbook);
  if (!spreadsheetId) {
    spreadsheetId = assignSpreadsheetId(workbook);
    await saveWorkbookAtomically(workbook, path);
  }
  const result = await mirrorWorkbook(db, {
    spreadsheetId,
    validation,
    tabs,
    actor: `kbo-cli:${userInfo().username}`,
    now: io.now(),
    onProgress,
  });
  const writeBack: TabWriteBack[] = [];
  for (const tab of RECORD_TABS) {
    const layout = validation.layouts[tab];
    if (!layout) continue;
    writeBack.push({
      sheetName: layout.sheetName,
      headerRow: layout.headerRow,
      columns: layout.columns,
      rows: result.rows
        .filter((r) => r.tab === tab)
        .map((r) => ({ row: r.row, id: r.id, check: checkCellText(r.action !== "invalid", r.issues) })),
    });
  }
  // A re-sync that changes no cell leaves the file alone (no rewrite, no new modification time).
  if (applyWriteBack(workbook, writeBack) > 0) await saveWorkbookAtomically(workbook, path);
  return { ...result, spreadsheetId };
}

export function formatSync(result: SyncFileResult, file: string): string {
  const lines = [`kbo sync ${file} → Firestore (${result.spreadsheetId})`];
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
              })
            : formatSync(result, file),
        );
        setExit(result.counts.invalid > 0 ? EXIT.invalidRows : EXIT.ok);
      } finally {
        bar?.stop();
        await close();
      }
    });
}
