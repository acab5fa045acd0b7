// What ผลการตรวจสอบ says while a row is not yet saved: "รอส่ง" once its edit is queued, and
// "ส่งไม่สำเร็จ" with the reason when the flush that carried it failed, until a sync answers it.
import type { QueueEntry } from "./edit-queue.ts";
import type { TabSnapshot } from "./sheet-snapshot.ts";
import type { CellWrite } from "./write-back-plan.ts";

export const PENDING_TEXT = "รอส่ง / pending";
const FAILED_HEAD = "ส่งไม่สำเร็จ";

export function failedText(code: string, message: string): string {
  // A cell, not a log: the first 200 characters of the reason are enough to act on.
  const reason = [code, message.slice(0, 200)].filter(Boolean).join(" ");
  return `${FAILED_HEAD} / not sent: ${reason} (จะลองใหม่ / will retry)`;
}

/** A check cell that no sync has answered yet: blank, pending, or a failure. */
function unanswered(check: unknown): boolean {
  if (check === null || check === undefined) return true;
  const text = String(check).trim();
  return text === "" || text === PENDING_TEXT || text.startsWith(FAILED_HEAD);
}

/**
 * The check cells to set to `text` for a tab whose sending failed: the rows its queue entry names
 * (their ✓ is stale) and every row no sync has answered yet. Cells already showing `text` are left.
 */
export function unsentRowWrites(
  snapshot: TabSnapshot,
  entry: QueueEntry | undefined,
  text: string,
): CellWrite[] {
  const column = snapshot.layout.columns.check;
  if (column === undefined) return [];
  const queued = (row: number) => (entry?.ranges ?? []).some(([a, b]) => row >= a && row <= b);
  return snapshot.rows
    .filter((r) => r.values[column] !== text && (queued(r.row) || unanswered(r.values[column])))
    .map((r) => ({ row: r.row, column: column + 1, value: text }));
}
