// What "ตั้งค่าระบบ" has left to do, computed from what the spreadsheet has: missing tabs and headers,
// frozen rows, drop-downs from the domain's closed sets, plain-text columns, warning protections,
// triggers. Tabs are found by the domain's recordTabsOf (tab-resolver.ts); a tab two sheets claim is left alone. A second
// run plans no creations; drop-downs and formats are re-applied identically, which changes nothing.
import { ATTENDANCE_LABELS, CATEGORIES, DISTRICT_NAMES } from "../../functions/src/domain/closed-sets.ts";
import {
  columnMatcher,
  RECORD_TABS,
  type RecordTab,
  SUMMARY_TAB_NAMES,
  SUMMARY_TABS,
  TAB_SPECS,
} from "../../functions/src/domain/tabs.ts";
import { REPORT_COLUMNS } from "./report-columns.ts";
import { locateLayout, type SheetCell } from "./sheet-snapshot.ts";
import { resolveTabs, type TabConflict } from "./tab-resolver.ts";

export interface SheetState {
  name: string;
  /** The first rows' values (enough to find the header). */
  top: SheetCell[][];
  frozenRows: number;
  /** Descriptions of the protections already there. */
  protections: string[];
  /** The sheet as a whole is protected already (ours or staff's: Sheet.protect would return that one). */
  sheetProtected?: boolean;
}

export interface SetupState {
  sheets: SheetState[];
  /** Handler function names of the triggers the person running setup owns. */
  triggers: string[];
  /** Another staff member owns the triggers: none are installed. */
  triggersOwnedElsewhere?: boolean;
}

export type TriggerKind = "edit" | "change" | "everyMinute";

export type SetupOp =
  | { kind: "createSheet"; sheet: string }
  | { kind: "writeHeaders"; sheet: string; row: number; column: number; headers: string[] }
  | { kind: "freeze"; sheet: string; rows: number }
  | {
      kind: "validation";
      sheet: string;
      column: number;
      fromRow: number;
      help: string;
      list?: string[];
      /** Values allowed are those of another sheet's column (meeting numbers). */
      rangeOf?: { sheet: string; column: number; fromRow: number };
    }
  | { kind: "protectColumn"; sheet: string; column: number; fromRow: number; description: string }
  | { kind: "protectSheet"; sheet: string; description: string }
  | { kind: "plainText"; sheet: string; column: number; fromRow: number }
  | { kind: "createTrigger"; handler: string; trigger: TriggerKind };

export interface SetupPlan {
  ops: SetupOp[];
  /** Record tabs claimed by several sheets: nothing is done to them. */
  conflicts: TabConflict[];
  /** Sheets used although their name holds other words: each named in setup's message. */
  inexact: { tab: RecordTab; sheet: string }[];
}

export const TRIGGERS: readonly { handler: string; trigger: TriggerKind }[] = [
  { handler: "handleEdit", trigger: "edit" },
  { handler: "handleChange", trigger: "change" },
  { handler: "flushQueue", trigger: "everyMinute" },
];

/** The fields the system writes; staff are warned before changing them. */
const PROTECTED_FIELDS = ["id", "check"] as const;

/**
 * Columns Sheets would otherwise turn into numbers or dates as staff type ("1/2563" becomes a date,
 * 081… loses its 0): formatted as plain text ("@").
 */
export const PLAIN_TEXT_FIELDS: Readonly<Record<RecordTab, readonly string[]>> = {
  products: ["id", "phone"],
  meetings: ["id", "number"],
  attendees: ["meeting"],
  agenda: ["meeting", "item"],
};

export const protectionDescription = (sheet: string, header: string) => `KBO: ${sheet} / ${header}`;

/** Every header a tab should have: the domain's columns, then (meetings) the report columns. */
export function tabHeaders(tab: RecordTab): string[] {
  const headers = TAB_SPECS[tab].columns.map((c) => c.th);
  return tab === "meetings" ? [...headers, ...REPORT_COLUMNS.map((c) => c.th)] : headers;
}

export function planSetup(state: SetupState): SetupPlan {
  const ops: SetupOp[] = [];
  const resolution = resolveTabs(state.sheets.map((s) => s.name));
  const conflicted = new Set(resolution.conflicts.map((c) => c.tab));
  // 1-based column of each field per tab, after headers are completed, for cross-tab validations.
  const placed = new Map<RecordTab, { sheet: string; headerRow: number; columns: Map<string, number> }>();

  for (const tab of RECORD_TABS) {
    if (conflicted.has(tab)) continue;
    const existing = state.sheets.find((s) => s.name === resolution.sheets[tab]);
    const sheet = existing?.name ?? TAB_SPECS[tab].th;
    if (!existing) ops.push({ kind: "createSheet", sheet });
    const layout = existing ? locateLayout(tab, existing.top) : undefined;
    const headerRow = layout?.headerRow ?? 1;
    const headerCells = existing?.top[headerRow - 1] ?? [];
    const texts = headerCells.map((c) => (typeof c === "string" ? c.trim() : ""));
    const match = columnMatcher(tab);
    const columns = new Map<string, number>();
    texts.forEach((t, i) => {
      const col = t ? match(t) : undefined;
      if (col && !columns.has(col.field)) columns.set(col.field, i + 1);
      const report = REPORT_COLUMNS.find((r) => r.th === t);
      if (tab === "meetings" && report && !columns.has(report.field)) columns.set(report.field, i + 1);
    });
    let width = texts.reduceRight((w, t, i) => (w === 0 && t !== "" ? i + 1 : w), 0);
    const missing = tabHeaders(tab).filter((th) => {
      const field = match(th)?.field ?? REPORT_COLUMNS.find((r) => r.th === th)?.field;
      return field !== undefined && !columns.has(field);
    });
    if (missing.length > 0) {
      ops.push({ kind: "writeHeaders", sheet, row: headerRow, column: width + 1, headers: missing });
      for (const th of missing) {
        width++;
        columns.set(match(th)?.field ?? REPORT_COLUMNS.find((r) => r.th === th)!.field, width);
      }
    }
    if ((existing?.frozenRows ?? 0) < headerRow) ops.push({ kind: "freeze", sheet, rows: headerRow });
    placed.set(tab, { sheet, headerRow, columns });

    const protectable = [
      ...PROTECTED_FIELDS.map((f) => ({
        field: f,
        th: TAB_SPECS[tab].columns.find((c) => c.field === f)?.th,
      })),
      ...(tab === "meetings" ? REPORT_COLUMNS : []),
    ];
    for (const { field, th } of protectable) {
      const column = columns.get(field);
      if (!th || column === undefined) continue;
      const description = protectionDescription(sheet, th);
      if (existing?.protections.includes(description)) continue;
      ops.push({ kind: "protectColumn", sheet, column, fromRow: headerRow + 1, description });
    }
    for (const field of PLAIN_TEXT_FIELDS[tab]) {
      const column = columns.get(field);
      if (column !== undefined) ops.push({ kind: "plainText", sheet, column, fromRow: headerRow + 1 });
    }
  }

  const validation = (tab: RecordTab, field: string, help: string, list?: string[]) => {
    const p = placed.get(tab);
    const column = p?.columns.get(field);
    if (!p || column === undefined) return;
    const op: SetupOp = { kind: "validation", sheet: p.sheet, column, fromRow: p.headerRow + 1, help };
    if (list) op.list = list;
    else {
      const m = placed.get("meetings");
      const numberColumn = m?.columns.get("number");
      if (!m || numberColumn === undefined) return;
      op.rangeOf = { sheet: m.sheet, column: numberColumn, fromRow: m.headerRow + 1 };
    }
    ops.push(op);
  };
  validation(
    "products",
    "category",
    "เลือกประเภทผลิตภัณฑ์ OTOP / choose an OTOP category",
    CATEGORIES.map((c) => c.th),
  );
  validation("products", "district", "เลือกอำเภอในจังหวัดเชียงใหม่ / choose a Chiang Mai district", [
    ...DISTRICT_NAMES,
  ]);
  const attendance = Object.values(ATTENDANCE_LABELS).map((l) => l.th);
  validation("attendees", "attendance", "มาประชุม ไม่มาประชุม หรือผู้เข้าร่วมประชุม / attendance", attendance);
  validation("attendees", "meeting", "ครั้งที่ของการประชุมในแท็บการประชุม / a meeting number of the meetings tab");
  validation("agenda", "meeting", "ครั้งที่ของการประชุมในแท็บการประชุม / a meeting number of the meetings tab");

  for (const key of SUMMARY_TABS) {
    const name = SUMMARY_TAB_NAMES[key].th;
    const existing = state.sheets.find((s) => s.name === name);
    if (!existing) ops.push({ kind: "createSheet", sheet: name });
    const description = protectionDescription(name, name);
    // Sheet.protect returns a protection already there: staff's own is left exactly as it is.
    if (!existing?.protections.includes(description) && !existing?.sheetProtected)
      ops.push({ kind: "protectSheet", sheet: name, description });
  }

  if (!state.triggersOwnedElsewhere) {
    for (const t of TRIGGERS) {
      if (!state.triggers.includes(t.handler)) ops.push({ kind: "createTrigger", ...t });
    }
  }
  return { ops, conflicts: resolution.conflicts, inexact: resolution.inexact };
}
