// Attendees and agenda items live inside their meeting's record, each entry with the sheet row it
// came from. Which entries a meeting is stored with is decided here, by the rule of the whole model
// (docs/architecture.md, "The sync"): a valid row gives its entry; an invalid row keeps the entry
// stored from it before; a row that is gone takes its entry with it; a tab that was not read (absent,
// renamed, unreadable) leaves every stored entry as it is. Then each detail row's outcome.
import { contentHash } from "./content-hash.ts";
import { error, issueAt, type Problem, warning } from "./issues.ts";
import type { ValidatedRow } from "./parse-rows.ts";
import type { AgendaItem, Attendee } from "./records.ts";
import type { MeetingRecord, RowOutcome, SyncUnit } from "./sync-plan.ts";

export const DETAIL_TABS = ["attendees", "agenda"] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

/** A detail tab as the sync saw it: `read` is false when it was absent or unreadable as a whole. */
export interface DetailRows<T> {
  read: boolean;
  rows: readonly Pick<ValidatedRow<T>, "row" | "valid" | "record" | "meeting" | "issues">[];
}

export interface DetailsInput {
  attendees: DetailRows<Attendee>;
  agenda: DetailRows<AgendaItem>;
}

/** Invalid detail rows whose stored entry was kept, by tab. */
export type KeptRows = Record<DetailTab, Set<number>>;

type Entry = (Attendee | AgendaItem) & { row?: number };

const entryKept: Problem = warning(
  "STORED_VERSION_KEPT",
  "ข้อมูลที่บันทึกไว้ของแถวนี้ยังเป็นฉบับก่อนหน้า (เก่ากว่าแถวนี้) จนกว่าจะแก้แถวนี้ให้ถูกต้อง",
  "This row's stored entry is still the earlier version (older than this row) until the row is corrected",
);

/**
 * Why a detail row was not saved: its meeting was not. The meeting's own errors are named (a meeting
 * too large to store is refused while its attendees or agenda tab is synced, and its row is not in
 * that sync to say so).
 */
const heldByMeeting = (
  meeting: string,
  because: readonly { severity: string; message_th: string; message_en: string }[] = [],
): Problem => {
  const errors = because.filter((i) => i.severity === "error");
  const th = errors.length
    ? `: ${errors.map((i) => i.message_th).join("; ")}`
    : " (ดูผลการตรวจสอบในแถวของการประชุมนั้น)";
  const en = errors.length
    ? `: ${errors.map((i) => i.message_en).join("; ")}`
    : " (see the check of its row)";
  return error(
    "HELD_BACK",
    `ยังไม่บันทึก: การประชุม ${meeting} ไม่ได้บันทึกในครั้งนี้${th}`,
    `Not saved: meeting ${meeting} was not saved by this sync${en}`,
  );
};

/**
 * The meeting units with their attendees and agenda inside (content and hash recomputed), and the
 * invalid detail rows whose stored entries were kept. `stored` gives the record stored for a unit.
 */
export function attachDetails(
  units: readonly SyncUnit[],
  stored: (unit: SyncUnit) => MeetingRecord | undefined,
  input: DetailsInput,
): { units: SyncUnit[]; kept: KeptRows } {
  const kept: KeptRows = { attendees: new Set(), agenda: new Set() };
  const invalidRows = {
    attendees: new Set(input.attendees.rows.filter((r) => !r.valid).map((r) => r.row)),
    agenda: new Set(input.agenda.rows.filter((r) => !r.valid).map((r) => r.row)),
  };
  const out = units.map((u) => {
    const number = u.content.number as string;
    const before = stored(u);
    const content: Record<string, unknown> = { ...u.content };
    for (const tab of DETAIL_TABS) {
      const { read, rows } = input[tab] as DetailRows<Attendee | AgendaItem>;
      const storedList = (before?.[tab] ?? []) as Entry[];
      if (!read) {
        content[tab] = storedList;
        continue;
      }
      const list: Entry[] = rows.flatMap((r) =>
        r.valid && r.record && r.meeting === number ? [{ ...r.record, row: r.row }] : [],
      );
      // An invalid row keeps what it stored before, in whichever meeting that was.
      for (const e of storedList) {
        if (e.row === undefined || !invalidRows[tab].has(e.row)) continue;
        list.push(e);
        kept[tab].add(e.row);
      }
      content[tab] = list.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    }
    return { ...u, content, hash: contentHash(content) };
  });
  return { units: out, kept };
}

/** Each detail row's outcome: its meeting's, unless it is invalid or its meeting was not saved. */
export function detailOutcomes(
  tab: DetailTab,
  rows: DetailRows<unknown>["rows"],
  meetings: ReadonlyMap<string, RowOutcome>,
  kept: KeptRows,
): RowOutcome[] {
  const place = (row: number, p: Problem) => issueAt(tab, row, undefined, "meeting", p);
  return rows.map((r) => {
    if (!r.valid) {
      const issues = kept[tab].has(r.row) ? [...r.issues, place(r.row, entryKept)] : r.issues;
      return { tab, row: r.row, action: "invalid", issues };
    }
    const m = r.meeting === undefined ? undefined : meetings.get(r.meeting);
    if (!m || m.action === "invalid") {
      const issue = place(r.row, heldByMeeting(r.meeting ?? "", m?.issues));
      return { tab, row: r.row, action: "invalid", issues: [...r.issues, issue] };
    }
    return { tab, row: r.row, action: m.action, issues: r.issues };
  });
}
