// The flush: every tab with queued edits is sent whole to the sync function (the function tombstones
// rows missing from what it receives, so a tab is never sent in parts), batched within the run's
// limits; answers are written back to the rows they belong to; a tab whose POST failed stays queued,
// its unsent rows say so, and staff get a toast.
import type { AppError, ErrorCode } from "../../functions/src/app-error.ts";
import { matchTabName, RECORD_TABS, type RecordTab, TAB_SPECS } from "../../functions/src/domain/tabs.ts";
import type { SyncBody, SyncResponse } from "../../functions/src/handlers/wire.ts";
import { acknowledge, dueTabs, type EditQueue, enqueueTab, recordFailure } from "./edit-queue.ts";
import { FLUSH_LIMITS, type FlushLimits, hasTimeForBatch, planBatches, utf8Bytes } from "./flush-batches.ts";
import { buildRequest, type CallResult, fetchAllResults, identityToken } from "./functions-client.ts";
import { readQueue, updateQueue } from "./queue-store.ts";
import { syncRequestId } from "./request-id.ts";
import { failedText, unsentRowWrites } from "./row-status.ts";
import type { FetchRequest, Services, Spreadsheet } from "./services.ts";
import { PROPERTY_KEYS } from "./settings.ts";
import { applyWriteBack, lookUpTabs, readTab, sheetFormatter, type TabRead } from "./sheet-io.ts";
import { conflictText } from "./tab-resolver.ts";
import { buddhistStamp, planWriteBack } from "./write-back-plan.ts";

/** The answer of the sync function, as much of it as the front end reads (the server's own type). */
export type SyncAnswer = Pick<SyncResponse, "counts" | "rows" | "deleted">;

/** What the sync function answers when a sync would tombstone most of a tab (see the server's guard). */
export const DELETES_NEED_CONFIRMATION: ErrorCode = "DELETES_NEED_CONFIRMATION";

export interface FlushSummary {
  /** Another flush holds the lease: nothing done. */
  busy: boolean;
  sent: { tab: RecordTab; counts: Record<string, number>; written: number; skipped: number[] }[];
  failed: { tab: RecordTab; code: string; message: string }[];
  /** Left queued for the next run (time or request budget). */
  deferred: RecordTab[];
}

/**
 * Asked (from a menu, where there is a UI) before a sync that would delete `count` records of `tab`
 * is sent again with confirmDeletes. Without it (the timed trigger) such a tab stays queued.
 */
export type ConfirmDeletes = (tab: RecordTab, count: number) => boolean;

/** Set by the edit trigger, without the lock, when the lock was busy: the flush folds them in. */
export const dirtyMarkerKey = (tab: RecordTab) => `KBO_DIRTY_${tab}`;

const LEASE_MS = 6 * 60_000;

function acquireLease(services: Services): boolean {
  const props = services.PropertiesService.getScriptProperties();
  const lock = services.LockService.getScriptLock();
  if (!lock.tryLock(20_000)) return false;
  try {
    const until = Number(props.getProperty(PROPERTY_KEYS.flushLease) ?? 0);
    const now = services.now().getTime();
    if (until > now) return false;
    props.setProperty(PROPERTY_KEYS.flushLease, String(now + LEASE_MS));
    return true;
  } finally {
    lock.releaseLock();
  }
}

function releaseLease(services: Services): void {
  services.PropertiesService.getScriptProperties().deleteProperty(PROPERTY_KEYS.flushLease);
}

interface Pending {
  tab: RecordTab;
  version: number;
  read: TabRead;
  body: SyncBody;
  request: FetchRequest;
  bytes: number;
}

export interface FlushOptions {
  /** Send failed tabs now too, without waiting for their retry time (menu "ซิงค์ตอนนี้"). */
  ignoreRetryDelay?: boolean;
  limits?: FlushLimits;
  confirmDeletes?: ConfirmDeletes;
}

export function flush(services: Services, options: FlushOptions = {}): FlushSummary {
  const summary: FlushSummary = { busy: false, sent: [], failed: [], deferred: [] };
  if (!acquireLease(services)) return { ...summary, busy: true };
  try {
    runFlush(services, options, summary);
  } finally {
    releaseLease(services);
  }
  return summary;
}

/** What staff do about a sync refused for deleting too much: confirm it from the menu. */
export function confirmDeletesText(count: number | undefined): string {
  const n = count === undefined ? "" : ` ${count}`;
  return (
    `จะลบข้อมูล${n} รายการซึ่งเกินครึ่งของแท็บ ยังไม่ได้ลบ: เลือกเมนู KBO ระบบข้อมูล → ซิงค์ตอนนี้ เพื่อยืนยัน / ` +
    `would delete${n} records, more than half the tab; nothing deleted: use KBO ระบบข้อมูล → ซิงค์ตอนนี้ to confirm`
  );
}

/** How many records a refused sync would have deleted: the refusal's details, {tab, live, deleting}. */
export function deletesOf(details: unknown): number | undefined {
  const deleting = (details as { deleting?: unknown } | null | undefined)?.deleting;
  return typeof deleting === "number" ? deleting : undefined;
}

function runFlush(services: Services, options: FlushOptions, summary: FlushSummary): void {
  const limits = options.limits ?? FLUSH_LIMITS;
  const startedMs = services.now().getTime();
  const props = services.PropertiesService.getScriptProperties();
  const lock = services.LockService.getScriptLock();
  const update = (change: (q: EditQueue) => EditQueue) => updateQueue(props, lock, change);

  // Edits recorded while the lock was busy join the queue first.
  const marked = RECORD_TABS.filter((tab) => props.getProperty(dirtyMarkerKey(tab)) !== null);
  if (marked.length > 0) {
    update((q) => marked.reduce((acc, tab) => enqueueTab(acc, tab), q));
    for (const tab of marked) props.deleteProperty(dirtyMarkerKey(tab));
  }

  // Versions are read before the sheet, so an edit made after this point is never acknowledged.
  const queue = readQueue(props);
  const due = dueTabs(queue, options.ignoreRetryDelay ? Number.POSITIVE_INFINITY : startedMs);
  if (due.length === 0) return;

  const ss = services.SpreadsheetApp.getActive();
  const format = sheetFormatter(services.Utilities, ss);
  const failures: { tab: RecordTab; read?: TabRead; code: string; message: string }[] = [];
  const fail = (tab: RecordTab, code: string, message: string, read?: TabRead) => {
    update((q) => recordFailure(q, tab, services.now().getTime(), `${code}: ${message}`));
    failures.push({ tab, code, message, ...(read ? { read } : {}) });
  };

  const lookUp = lookUpTabs(ss);
  const reads: { tab: RecordTab; version: number; read: TabRead }[] = [];
  for (const { tab, version } of due) {
    const found = lookUp(tab);
    if ("conflict" in found) {
      // Neither sheet is sent: either could be the one whose absence would tombstone the other's rows.
      fail(tab, "TAB_CONFLICT", conflictText(found.conflict));
      continue;
    }
    if ("missing" in found) {
      // The tab is gone: nothing can be sent, and sending it empty would tombstone its records.
      update((q) => acknowledge(q, tab, version));
      continue;
    }
    const read = readTab(found.sheet, tab, format, false);
    if (!read) {
      fail(tab, "NO_HEADER_ROW", `ไม่พบแถวหัวตารางในแท็บ ${found.sheet.getName()} / no header row found`);
      continue;
    }
    reads.push({ tab, version, read });
  }

  const base = props.getProperty(PROPERTY_KEYS.functionBaseUrl);
  let token: string | undefined;
  let unsendable: { code: string; message: string } | undefined;
  if (!base) unsendable = { code: "NOT_CONFIGURED", message: "ยังไม่ได้ตั้งค่า URL ของฟังก์ชัน / no function URL" };
  else if (reads.length > 0) {
    try {
      token = identityToken(services);
    } catch (e) {
      unsendable = { code: (e as AppError).code, message: (e as AppError).message };
    }
  }

  const pending: Pending[] = [];
  for (const { tab, version, read } of reads) {
    if (unsendable || !base || !token) {
      fail(tab, unsendable?.code ?? "NOT_CONFIGURED", unsendable?.message ?? "", read);
      continue;
    }
    const body = syncBody(services, ss.getId(), read, tab, version, lookUp.sheetNames);
    const request = buildRequest(base, "sync", body, token);
    pending.push({ tab, version, read, body, request, bytes: utf8Bytes(String(request.payload ?? "")) });
  }

  const plan = planBatches(pending, limits);
  for (const p of plan.tooLarge) {
    const message = `แท็บใหญ่เกินกว่าจะส่งครั้งเดียว (${Math.round(p.bytes / 1024)} KB) / tab too large to send`;
    fail(p.tab, "PAYLOAD_TOO_LARGE", message, p.read);
  }
  summary.deferred.push(...plan.deferred.map((p) => p.tab));

  const answer = (p: Pending, result: CallResult<SyncAnswer>) => {
    if (!result.ok && result.code === DELETES_NEED_CONFIRMATION) {
      // The server's text speaks to developers (confirmDeletes, kbo); staff are told what to do here.
      fail(p.tab, result.code, confirmDeletesText(deletesOf(result.details)), p.read);
      return;
    }
    if (!result.ok) {
      fail(p.tab, result.code, result.message, p.read);
      return;
    }
    const written = writeBack(services, p, result.body, format);
    update((q) => acknowledge(q, p.tab, p.version));
    summary.sent.push({ tab: p.tab, counts: result.body.counts, ...written });
  };

  for (const [i, batch] of plan.batches.entries()) {
    if (!hasTimeForBatch(startedMs, services.now().getTime(), limits)) {
      for (const rest of plan.batches.slice(i)) summary.deferred.push(...rest.map((p) => p.tab));
      break;
    }
    const results = fetchAllResults<SyncAnswer>(
      services,
      batch.map((p) => p.request),
    );
    batch.forEach((p, j) => {
      const result = results[j]!;
      const count =
        !result.ok && result.code === DELETES_NEED_CONFIRMATION ? deletesOf(result.details) : undefined;
      if (!result.ok && result.code === DELETES_NEED_CONFIRMATION && options.confirmDeletes) {
        // Staff are asked, naming the count; only their yes sends the tab again with confirmDeletes.
        if (options.confirmDeletes(p.tab, count ?? Number.NaN)) {
          const confirmed = syncBody(
            services,
            p.body.spreadsheetId,
            p.read,
            p.tab,
            p.version,
            lookUp.sheetNames,
            true,
          );
          const request = buildRequest(base!, "sync", confirmed, token!);
          answer(p, fetchAllResults<SyncAnswer>(services, [request])[0]!);
          return;
        }
      }
      answer(p, result);
    });
  }

  showFailures(ss, failures, readQueue(props), format);
  summary.failed.push(...failures.map(({ tab, code, message }) => ({ tab, code, message })));
}

/**
 * The body of one tab's sync. The ผลการตรวจสอบ cells go empty: the server ignores them, and the
 * front end rewrites them between attempts ("ส่งไม่สำเร็จ"), which must not change the requestId.
 */
function syncBody(
  services: Services,
  spreadsheetId: string,
  read: TabRead,
  tab: RecordTab,
  version: number,
  sheetNames: string[],
  confirmDeletes = false,
): SyncBody {
  const check = read.snapshot.layout.columns.check;
  const rows = read.snapshot.rows.map((r) =>
    check === undefined ? r : { row: r.row, values: r.values.map((v, c) => (c === check ? null : v)) },
  );
  const body = {
    spreadsheetId,
    tab: read.sheet.getName(),
    header: read.snapshot.header,
    rows,
    // A name with other words ("ผลิตภัณฑ์ 2563") is read only beside every other name (no copy of it
    // may be synced as the tab): the server decides from them as this script did.
    ...(matchTabName(read.sheet.getName())?.exact === false ? { sheets: sheetNames } : {}),
    ...(confirmDeletes ? { confirmDeletes } : {}),
  };
  return { ...body, requestId: syncRequestId(services.Utilities, tab, version, body) };
}

/** A failed tab's unsent rows say so in ผลการตรวจสอบ (read again: staff kept editing), and a toast names the tabs. */
function showFailures(
  ss: Spreadsheet,
  failures: { tab: RecordTab; read?: TabRead; code: string; message: string }[],
  queue: EditQueue,
  format: ReturnType<typeof sheetFormatter>,
): void {
  if (failures.length === 0) return;
  for (const f of failures) {
    const current = f.read && readTab(f.read.sheet, f.tab, format, false);
    if (!current) continue;
    const writes = unsentRowWrites(current.snapshot, queue.tabs[f.tab], failedText(f.code, f.message));
    applyWriteBack(current, { values: writes, marks: [], skipped: [] });
  }
  const lines = failures.map((f) => `${TAB_SPECS[f.tab].th}: ${f.code} ${f.message}`);
  try {
    ss.toast(
      `${lines.join("\n")}\nจะลองใหม่ภายหลัง / will retry later`.slice(0, 1000),
      "ส่งข้อมูลไม่สำเร็จ / sync failed",
      10,
    );
  } catch {
    // A toast nobody can see (a timed run) must not turn a recorded failure into a crash.
  }
}

function writeBack(
  services: Services,
  p: Pending,
  answer: SyncAnswer,
  format: ReturnType<typeof sheetFormatter>,
): { written: number; skipped: number[] } {
  const current = readTab(p.read.sheet, p.tab, format, true);
  if (!current) return { written: 0, skipped: answer.rows.map((r) => r.row) };
  const plan = planWriteBack({
    sent: p.read.snapshot,
    current: current.snapshot,
    notes: current.notes,
    outcomes: answer.rows,
    stamp: buddhistStamp(services.now(), format),
  });
  applyWriteBack(current, plan);
  return { written: plan.values.length + plan.marks.length, skipped: plan.skipped };
}
