// The flush: every tab with queued edits is sent whole to the sync function (the function tombstones
// rows missing from what it receives, so a tab is never sent in parts), batched within the run's
// limits; answers are written back to the rows they belong to; a tab whose POST failed stays queued.
import { RECORD_TABS, type RecordTab } from "../../functions/src/domain/tabs.ts";
import { acknowledge, dueTabs, enqueueTab, recordFailure } from "./edit-queue.ts";
import { FLUSH_LIMITS, type FlushLimits, hasTimeForBatch, planBatches, utf8Bytes } from "./flush-batches.ts";
import { buildRequest, fetchAllResults } from "./functions-client.ts";
import { readQueue, updateQueue } from "./queue-store.ts";
import type { Services } from "./services.ts";
import { PROPERTY_KEYS } from "./settings.ts";
import { applyWriteBack, readTab, sheetFormatter } from "./sheet-io.ts";
import type { TabSnapshot } from "./sheet-snapshot.ts";
import { buddhistStamp, planWriteBack, type RowOutcome } from "./write-back-plan.ts";

export interface SyncAnswer {
  counts: Record<string, number>;
  rows: RowOutcome[];
  deleted: string[];
}

export interface FlushSummary {
  /** Another flush holds the lease: nothing done. */
  busy: boolean;
  sent: { tab: RecordTab; counts: Record<string, number>; written: number; skipped: number[] }[];
  failed: { tab: RecordTab; code: string; message: string }[];
  /** Left queued for the next run (time or request budget). */
  deferred: RecordTab[];
}

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
  snapshot: TabSnapshot;
  request: GoogleAppsScript.FetchRequest;
  bytes: number;
}

export interface FlushOptions {
  /** Send failed tabs now too, without waiting for their retry time (menu "ซิงค์ตอนนี้"). */
  ignoreRetryDelay?: boolean;
  limits?: FlushLimits;
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

function runFlush(services: Services, options: FlushOptions, summary: FlushSummary): void {
  const limits = options.limits ?? FLUSH_LIMITS;
  const startedMs = services.now().getTime();
  const props = services.PropertiesService.getScriptProperties();
  const lock = services.LockService.getScriptLock();
  const update = (change: Parameters<typeof updateQueue>[2]) => updateQueue(props, lock, change);

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

  const base = props.getProperty(PROPERTY_KEYS.functionBaseUrl);
  if (!base) {
    for (const { tab } of due) {
      summary.failed.push({
        tab,
        code: "NOT_CONFIGURED",
        message: "ยังไม่ได้ตั้งค่า URL ของฟังก์ชัน / no function URL",
      });
    }
    return;
  }
  const ss = services.SpreadsheetApp.getActive();
  const format = sheetFormatter(services.Utilities, ss);
  const token = services.ScriptApp.getIdentityToken();

  const pending: Pending[] = [];
  for (const { tab, version } of due) {
    const read = readTab(ss, tab, format, false);
    if (!read) {
      // No such tab or no header: nothing can be sent. Never send it empty (that would tombstone
      // every record of a tab that was only renamed).
      update((q) => acknowledge(q, tab, version));
      continue;
    }
    const body = {
      spreadsheetId: ss.getId(),
      tab: read.sheet.getName(),
      header: read.snapshot.header,
      rows: read.snapshot.rows,
      requestId: `kbo:${tab}:${services.Utilities.getUuid()}`,
    };
    const request = buildRequest(base, "sync", body, token);
    pending.push({ tab, version, snapshot: read.snapshot, request, bytes: utf8Bytes(request.payload ?? "") });
  }

  const plan = planBatches(pending, limits);
  for (const p of plan.tooLarge) {
    const message = `แท็บใหญ่เกินกว่าจะส่งครั้งเดียว (${Math.round(p.bytes / 1024)} KB) / tab too large to send`;
    update((q) => recordFailure(q, p.tab, services.now().getTime(), message));
    summary.failed.push({ tab: p.tab, code: "PAYLOAD_TOO_LARGE", message });
  }
  summary.deferred.push(...plan.deferred.map((p) => p.tab));

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
      if (!result.ok) {
        update((q) => recordFailure(q, p.tab, services.now().getTime(), `${result.code}: ${result.message}`));
        summary.failed.push({ tab: p.tab, code: result.code, message: result.message });
        return;
      }
      const written = writeBack(services, ss, p, result.body, format);
      update((q) => acknowledge(q, p.tab, p.version));
      summary.sent.push({ tab: p.tab, counts: result.body.counts, ...written });
    });
  }
}

function writeBack(
  services: Services,
  ss: GoogleAppsScript.Spreadsheet,
  p: Pending,
  answer: SyncAnswer,
  format: ReturnType<typeof sheetFormatter>,
): { written: number; skipped: number[] } {
  const current = readTab(ss, p.tab, format, true);
  if (!current) return { written: 0, skipped: answer.rows.map((r) => r.row) };
  const plan = planWriteBack({
    sent: p.snapshot,
    current: current.snapshot,
    notes: current.notes,
    outcomes: answer.rows,
    stamp: buddhistStamp(services.now(), format),
  });
  applyWriteBack(current.sheet, plan);
  return { written: plan.values.length + plan.marks.length, skipped: plan.skipped };
}
