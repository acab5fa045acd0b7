// What each menu item does, in Thai for staff (English beside): thin wrappers over the flush, setup
// and report modules that show the outcome, and show a known failure as a message instead of a crash.
import { isAppError } from "../../functions/src/app-error.ts";
import { RECORD_TABS, type RecordTab, TAB_SPECS } from "../../functions/src/domain/tabs.ts";
import { enqueueTab } from "./edit-queue.ts";
import { type ConfirmDeletes, type FlushSummary, flush } from "./flush.ts";
import { callFunction } from "./functions-client.ts";
import { updateQueue } from "./queue-store.ts";
import { confirmationText, makeReport } from "./reports.ts";
import type { Services } from "./services.ts";
import { runSetup, type SetupResult } from "./setup.ts";
import { conflictText, inexactText } from "./tab-resolver.ts";

export const MENU_TITLE = "KBO ระบบข้อมูล";
export const MENU_ITEMS = [
  { caption: "ตั้งค่าระบบ", fn: "menuSetup" },
  { caption: "ตรวจสอบข้อมูลทั้งหมด", fn: "menuCheckAll" },
  { caption: "ซิงค์ตอนนี้", fn: "menuSyncNow" },
  { caption: "สร้างสรุป", fn: "menuBuildSummaries" },
  { caption: "สร้างรายงานการประชุม", fn: "menuMeetingReport" },
  { caption: "ส่งรายงานทางอีเมล", fn: "menuSendReport" },
] as const;

export function addMenu(services: Services): void {
  const menu = services.SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) menu.addItem(item.caption, item.fn);
  menu.addToUi();
}

const tabName = (tab: RecordTab) => TAB_SPECS[tab].th;

export function flushSummaryText(s: FlushSummary): string {
  if (s.busy) return "กำลังซิงค์อยู่แล้ว ลองอีกครั้งในอีกสักครู่ / a sync is already running, try again shortly";
  const lines: string[] = [];
  for (const t of s.sent) {
    const c = t.counts;
    lines.push(
      `✓ ${tabName(t.tab)}: ใหม่ ${c.created ?? 0} · แก้ไข ${c.updated ?? 0} · เหมือนเดิม ${c.unchanged ?? 0} · ลบ ${c.deleted ?? 0} · ไม่ถูกต้อง ${c.invalid ?? 0}`,
    );
  }
  for (const f of s.failed) lines.push(`✗ ${tabName(f.tab)}: ${f.code} ${f.message} (จะลองใหม่ / will retry)`);
  if (s.deferred.length > 0) {
    lines.push(`… รอบถัดไป / next run: ${s.deferred.map(tabName).join(", ")}`);
  }
  return lines.length > 0 ? lines.join("\n") : "ไม่มีการแก้ไขที่รอส่ง / nothing waiting to be sent";
}

/** Runs a menu action; a known failure (AppError) is shown to staff, anything else is rethrown. */
function guarded(services: Services, title: string, action: () => string | undefined): void {
  const ui = services.SpreadsheetApp.getUi();
  try {
    const message = action();
    if (message) ui.alert(title, message, ui.ButtonSet.OK);
  } catch (e) {
    if (!isAppError(e)) throw e;
    ui.alert(title, `${e.message}\n(${e.code})`, ui.ButtonSet.OK);
  }
}

export function setupResultText(result: SetupResult): string {
  const lines = [`ตั้งค่าเรียบร้อย (${result.ops.length} รายการ) / setup done`];
  for (const c of result.conflicts) lines.push(`✗ ${conflictText(c)}`);
  for (const i of result.inexact) lines.push(`⚠ ${inexactText(i)}`);
  const { owner, mine } = result.triggers;
  lines.push(
    mine
      ? `ทริกเกอร์ทำงานในชื่อ ${owner} / the triggers run as ${owner}`
      : `ทริกเกอร์ติดตั้งโดย ${owner} แล้ว: การแก้ไขของทุกคนส่งโดยทริกเกอร์นั้น ไม่ได้ติดตั้งเพิ่ม / ` +
          `the triggers belong to ${owner}: they send everyone's edits, none were added`,
  );
  if (result.driveError) {
    lines.push(
      `สร้างโฟลเดอร์รายงานใน Drive ไม่ได้ (ลองตั้งค่าอีกครั้งภายหลัง) / the Drive report folder could not be made: ${result.driveError}`,
    );
  }
  if (!result.functionUrlSet) lines.push("ยังไม่ได้ตั้ง URL ของฟังก์ชัน / the function URL is not set");
  return lines.join("\n");
}

export function menuSetup(services: Services): void {
  guarded(services, "ตั้งค่าระบบ / Setup", () =>
    setupResultText(runSetup(services, services.SpreadsheetApp.getUi())),
  );
}

/** The dialog before a sync that would delete most of a tab: it names the count, and only yes sends. */
export function confirmDeletesDialog(services: Services): ConfirmDeletes {
  const ui = services.SpreadsheetApp.getUi();
  return (tab, count) => {
    const n = Number.isFinite(count) ? String(count) : "หลาย";
    const answer = ui.alert(
      "ยืนยันการลบ / Confirm deleting",
      [
        `แท็บ ${TAB_SPECS[tab].th} จะลบข้อมูล ${n} รายการ เพราะแถวของรายการเหล่านั้นไม่อยู่ในแท็บแล้ว`,
        "ถ้าไม่ได้ตั้งใจลบ ให้ตอบ No แล้วกู้แถวคืน (Ctrl+Z หรือประวัติเวอร์ชัน)",
        "",
        `The ${TAB_SPECS[tab].en} tab would delete ${Number.isFinite(count) ? count : "many"} records whose rows are gone.`,
        "Delete them?",
      ].join("\n"),
      ui.ButtonSet.YES_NO,
    );
    return answer === ui.Button.YES;
  };
}

/** A flush started from a menu: failed tabs are retried now, and mass deletions are asked about. */
const menuFlush = (services: Services) =>
  flush(services, { ignoreRetryDelay: true, confirmDeletes: confirmDeletesDialog(services) });

export function menuCheckAll(services: Services): void {
  guarded(services, "ตรวจสอบข้อมูลทั้งหมด / Check everything", () => {
    const props = services.PropertiesService.getScriptProperties();
    updateQueue(props, services.LockService.getScriptLock(), (q) =>
      RECORD_TABS.reduce((acc, tab) => enqueueTab(acc, tab), q),
    );
    return flushSummaryText(menuFlush(services));
  });
}

export function menuSyncNow(services: Services): void {
  guarded(services, "ซิงค์ตอนนี้ / Sync now", () => flushSummaryText(menuFlush(services)));
}

export function menuBuildSummaries(services: Services): void {
  guarded(services, "สร้างสรุป / Build summaries", () => {
    // Summaries are built from Firestore: send what is still queued first.
    const pending = menuFlush(services);
    callFunction(services, "rebuildSummaries", {
      spreadsheetId: services.SpreadsheetApp.getActive().getId(),
    });
    return `สร้างแท็บสรุปแล้ว / summary tabs rebuilt\n${flushSummaryText(pending)}`;
  });
}

export function menuMeetingReport(services: Services, send: boolean): void {
  const ui = services.SpreadsheetApp.getUi();
  guarded(
    services,
    send ? "ส่งรายงานทางอีเมล / E-mail the report" : "สร้างรายงานการประชุม / Meeting report",
    () => {
      const outcome = makeReport(services, send, (meeting) => {
        const answer = ui.alert(
          "ยืนยันการส่ง / Confirm sending",
          confirmationText(meeting),
          ui.ButtonSet.YES_NO,
        );
        return answer === ui.Button.YES;
      });
      if (outcome.cancelled) return "ยกเลิกการส่ง / sending cancelled";
      return [outcome.status, outcome.link, outcome.driveError].filter(Boolean).join("\n");
    },
  );
}
