// `kbo reconcile [--spreadsheet ID]`: runs reconcile now, for one Google spreadsheet (registered as a
// source once it was read) or for every registered one, and prints what it repaired. Exit 0 when every
// spreadsheet was read, 1 when any could not be (not shared, deleted), with the reason.
import type { Command } from "commander";
import { registerSource } from "../../adapters/firestore/sources.ts";
import { silentLogger } from "../../adapters/log/logger.ts";
import { reconcilePorts } from "../../adapters/ports.ts";
import { type ReconcileResult, reconcile, type SourceReconciliation } from "../../handlers/reconcile.ts";
import { type CliIo, EXIT } from "../io.ts";
import { openFirestore } from "../open-firestore.ts";
import { openSheets } from "../open-sheets.ts";

/** The command's contract: exit 1 when some spreadsheet could not be read (not shared, deleted). */
const EXIT_SOME_UNREAD = 1;

const COUNT_LABELS = {
  created: "สร้างใหม่/created",
  updated: "แก้ไข/updated",
  restored: "นำกลับมา/restored",
  deleted: "ลบ/deleted",
  unchanged: "ไม่เปลี่ยนแปลง/unchanged",
} as const;

function sourceLines(s: SourceReconciliation): string[] {
  if (s.error) return [`  ✗ ${s.spreadsheetId}: ${s.error.message} [${s.error.code}]`];
  const counts = (Object.keys(COUNT_LABELS) as (keyof typeof COUNT_LABELS)[])
    .filter((k) => s.counts[k] > 0)
    .map((k) => `${COUNT_LABELS[k]} ${s.counts[k]}`);
  const lines = [
    `  ✓ ${s.spreadsheetId}: ${s.tabs.length ? s.tabs.join(", ") : "ไม่มีแท็บข้อมูล/no record tabs"}${counts.length ? ` — ${counts.join(", ")}` : ""}${s.summariesRewritten ? "; เขียนแท็บสรุปใหม่/summaries rewritten" : ""}`,
  ];
  for (const skipped of s.skipped) {
    lines.push(
      `    ! แท็บ ${skipped.tab} ไม่ได้ซ่อม: อ่านแท็บนี้ไม่ได้ทั้งแท็บ (ดูผลการตรวจสอบ) / tab ${skipped.tab} left alone: it cannot be read as a whole`,
    );
  }
  for (const kept of s.kept) {
    lines.push(
      `    ! แท็บ ${kept.tab} แถว ${kept.rows.join(", ")} ไม่ถูกต้อง: ข้อมูลที่บันทึกไว้ยังเป็นฉบับก่อนหน้า / tab ${kept.tab} rows ${kept.rows.join(", ")} are invalid: their stored records are kept as they were`,
    );
  }
  return lines;
}

export function formatReconcile(result: ReconcileResult): string {
  const unread = result.sources.filter((s) => s.error).length;
  return [
    `kbo reconcile: ${result.sources.length} สเปรดชีต/spreadsheets, ซ่อม/repaired ${result.repaired} รายการ/records${unread ? `, อ่านไม่ได้/could not be read ${unread}` : ""}`,
    ...result.sources.flatMap(sourceLines),
  ].join("\n");
}

export function registerReconcileCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("reconcile")
    .description(
      "อ่านสเปรดชีตที่ลงทะเบียนแล้วซ่อมสิ่งที่ทริกเกอร์พลาด / re-read registered spreadsheets and repair what missed triggers left",
    )
    .option("--spreadsheet <id>", "only this Google spreadsheet (registered as a source once read)")
    .action(async (options: { spreadsheet?: string }) => {
      const { db, close } = await openFirestore(io);
      try {
        const { sheets, pacer, serviceAccount } = await openSheets(io);
        const now = io.now();
        const result = await reconcile(
          reconcilePorts({ db, sheets, now: () => io.now(), pacer, serviceAccount, log: silentLogger }),
          options.spreadsheet ? { spreadsheetIds: [options.spreadsheet] } : {},
          `kbo-reconcile-${now.getTime()}`,
        );
        if (options.spreadsheet && !result.sources[0]?.error) {
          await registerSource(db, options.spreadsheet, "kbo reconcile", now);
        }
        io.stdout(formatReconcile(result));
        setExit(result.sources.some((s) => s.error) ? EXIT_SOME_UNREAD : EXIT.ok);
      } finally {
        await close();
      }
    });
}
