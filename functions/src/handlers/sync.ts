// The `sync` function: one tab's rows from a spreadsheet (header + rows) are validated, the valid
// ones mirrored into Firestore, and each row's outcome returned (id, action, ผลการตรวจสอบ text).
// A replayed requestId is answered from what is stored and changes nothing (docs/architecture.md).

import type { MirrorInput, MirrorResult } from "../adapters/firestore/mirror.ts";
import type { AppliedRequest } from "../adapters/firestore/requests.ts";
import type { Logger } from "../adapters/log/logger.ts";
import { AppError } from "../app-error.ts";
import { bodyHash as hashOf } from "../domain/content-hash.ts";
import { answerTab, sentWorkbook } from "../domain/sync-answer.ts";
import type { SyncCounts } from "../domain/sync-plan.ts";
import { matchTabName, type RecordTab } from "../domain/tabs.ts";
import { bangkokDate } from "../domain/thai-date.ts";
import { validateWorkbook } from "../domain/validate-workbook.ts";
import type { Caller } from "./auth.ts";
import type { SyncBody, SyncResponse } from "./wire.ts";

export type { SyncBody, SyncResponse, SyncRowResult } from "./wire.ts";

export interface SyncPorts {
  /** The counts of this request when it was applied before (REQUEST_ID_CONFLICT for another body). */
  findRequest(requestId: string, bodyHash: string): Promise<{ counts: SyncCounts } | undefined>;
  recordRequest(requestId: string, applied: AppliedRequest): Promise<void>;
  /** The meetings this spreadsheet has stored: attendees and agenda rows may name them. */
  storedMeetingNumbers(spreadsheetId: string): Promise<string[]>;
  /** Registers the spreadsheet for `reconcile` (a no-op after the first time). */
  registerSource(spreadsheetId: string, by: string, now: Date): Promise<void>;
  mirror(input: MirrorInput): Promise<MirrorResult>;
  now(): Date;
  /** The request's logger (its entries carry the requestId). */
  log: Logger;
}

/**
 * The record tab the body's sheet is, by the domain's names (domain/tabs.ts), and the spreadsheet's
 * other sheets of that kind. A name with other words ("ผลิตภัณฑ์ 2563") needs the body's `sheets`:
 * without them a copy of the tab could not be told from the tab.
 */
function tabOf(body: SyncBody): { tab: RecordTab; alsoNamed: string[] } {
  const m = matchTabName(body.tab);
  if (!m) throw new AppError("UNSUPPORTED_TAB", `ไม่รู้จักแท็บ "${body.tab}" / unknown tab "${body.tab}"`);
  if (!m.exact && body.sheets === undefined)
    throw new AppError(
      "UNSUPPORTED_TAB",
      `ชื่อแท็บ "${body.tab}" มีคำอื่นปน: ส่งชื่อแท็บทั้งหมด (sheets) มาด้วย หรือเปลี่ยนชื่อแท็บ / ` +
        `the tab name "${body.tab}" holds other words: send every sheet name (sheets), or rename the tab`,
    );
  const alsoNamed = (body.sheets ?? []).filter((n) => n !== body.tab && matchTabName(n)?.tab === m.tab);
  return { tab: m.tab as RecordTab, alsoNamed };
}

export async function sync(ports: SyncPorts, body: SyncBody, caller: Caller): Promise<SyncResponse> {
  const { tab, alsoNamed } = tabOf(body);
  const bodyHash = hashOf(body);
  const now = ports.now();
  const details = tab === "attendees" || tab === "agenda";
  // The guard is read while the rows are validated (a detail tab's validation needs its meetings first).
  const guard = ports.findRequest(body.requestId, bodyHash);
  const knownMeetings = details
    ? (await Promise.all([ports.storedMeetingNumbers(body.spreadsheetId), guard]))[0]
    : [];
  const validation = validateWorkbook(sentWorkbook(body, alsoNamed), {
    today: bangkokDate(now),
    knownMeetings,
  });
  const earlier = await guard;
  ports.log.info("sync: validated", { spreadsheetId: body.spreadsheetId, tab, stats: validation.tabs });
  const [result] = await Promise.all([
    ports.mirror({
      spreadsheetId: body.spreadsheetId,
      validation,
      read: [tab],
      actor: caller.email,
      requestId: body.requestId,
      now,
      confirmDeletes: body.confirmDeletes === true,
      // A replay writes nothing: answered from what is stored now, it can never undo a newer sync.
      dryRun: earlier !== undefined,
    }),
    earlier ? undefined : ports.registerSource(body.spreadsheetId, caller.email, now),
  ]);
  ports.log.info(earlier ? "sync: replay answered" : "sync: mirrored", {
    counts: result.counts,
    writes: result.writes,
    reads: result.reads,
  });
  const deleted = tab === "products" || tab === "meetings" ? result.deleted[tab] : [];
  const answer = answerTab(tab, body, validation, result.rows, deleted.length);
  if (!earlier) {
    await ports.recordRequest(body.requestId, {
      bodyHash,
      spreadsheetId: body.spreadsheetId,
      tab,
      counts: answer.counts,
      caller: caller.email,
      at: now,
    });
  }
  return {
    requestId: body.requestId,
    spreadsheetId: body.spreadsheetId,
    tab,
    counts: earlier?.counts ?? answer.counts,
    rows: answer.rows,
    deleted,
    issues: answer.issues,
    ...(earlier ? { replayed: true } : {}),
  };
}
