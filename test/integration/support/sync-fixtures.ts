// Sheet rows for sync tests and the benchmark: products and a meeting with attendees and agenda, as
// staff would type them (Thai headers), plus a RawWorkbook view of them for in-process syncs.
import { changeSetEntries } from "../../../functions/src/adapters/firestore/change-sets.ts";
import { DISTRICT_NAMES } from "../../../functions/src/domain/closed-sets.ts";
import type { RawCell, RawWorkbook } from "../../../functions/src/domain/raw-workbook.ts";
import { TAB_SPECS } from "../../../functions/src/domain/tabs.ts";

export const PRODUCT_HEADER = TAB_SPECS.products.columns.map((c) => c.th);
export const MEETING_HEADER = TAB_SPECS.meetings.columns.map((c) => c.th);
export const ATTENDEE_HEADER = TAB_SPECS.attendees.columns.map((c) => c.th);
export const AGENDA_HEADER = TAB_SPECS.agenda.columns.map((c) => c.th);

const CATEGORIES = ["ผ้าและเครื่องแต่งกาย", "ของใช้ ของตกแต่ง ของที่ระลึก", "อาหาร", "เครื่องดื่ม", "สมุนไพรที่ไม่ใช่อาหาร"];

/** Product row i (0-based): id blank, valid, distinct product names. */
export function productCells(i: number, overrides: Partial<Record<string, RawCell>> = {}): RawCell[] {
  const base: Record<string, RawCell> = {
    id: null,
    year: 2562 + (i % 2),
    product: `ผ้าทอลายที่ ${i + 1}`,
    category: CATEGORIES[i % CATEGORIES.length]!,
    producer: `กลุ่มทอผ้าบ้านที่ ${(i % 37) + 1}`,
    district: DISTRICT_NAMES[i % DISTRICT_NAMES.length]!,
    phone: "053-112-345",
    revenue: `${(i % 50) * 1000 + 500}.50`,
    status: "ดำเนินการ",
    notes: null,
    check: null,
  };
  const merged = { ...base, ...overrides };
  return TAB_SPECS.products.columns.map((c) => merged[c.field] ?? null);
}

export const meetingCells = (number = "1/2563", title = "การประชุมคณะกรรมการเครือข่าย กพสจ. เชียงใหม่") => [
  null,
  number,
  title,
  "13/01/2563",
  "09.30 น.",
  "12.00 น.",
  "ห้องประชุมสำนักงาน",
  "นางสาวสมใจ ใจดี",
  "นายสมชาย รักงาน",
  "boss@example.org",
  null,
];
export const attendeeCells = (name: string, number = "1/2563") => [
  number,
  name,
  "กรรมการ",
  "กพสอ.สันทราย",
  "มาประชุม",
  null,
  null,
  null,
];
export const agendaCells = (item: string, subject: string, number = "1/2563") => [
  number,
  item,
  subject,
  "รายละเอียด",
  "ที่ประชุมรับทราบ",
  null,
];

/** A workbook of `n` product rows (header on row 1) and, optionally, the meeting tabs. */
export function rawWorkbook(productRows: RawCell[][], meetings = false): RawWorkbook {
  const sheet = (name: string, header: string[], rows: RawCell[][]) => ({
    name,
    rows: [header, ...rows].map((cells, i) => ({ row: i + 1, cells })),
  });
  const sheets = [sheet("ผลิตภัณฑ์", PRODUCT_HEADER, productRows)];
  if (meetings) {
    sheets.push(
      sheet("การประชุม", MEETING_HEADER, [meetingCells()]),
      sheet("ผู้เข้าประชุม", ATTENDEE_HEADER, [attendeeCells("นางสมศรี มีสุข"), attendeeCells("นายบุญมี ศรีสุข")]),
      sheet("วาระการประชุม", AGENDA_HEADER, [
        agendaCells("1", "เรื่องที่ประธานแจ้ง"),
        agendaCells("2", "รับรองรายงานการประชุม"),
      ]),
    );
  }
  return { sheets };
}

export const products = (n: number) => Array.from({ length: n }, (_, i) => productCells(i));

/** Product rows with the ids a sync assigned written into them, as the write-back does. */
export function withIds(
  rows: RawCell[][],
  result: { rows: { tab: string; row: number; id?: string }[] },
): RawCell[][] {
  return rows.map((cells, i) => {
    const r = result.rows.find((x) => x.tab === "products" && x.row === i + 2);
    return r?.id ? [r.id, ...cells.slice(1)] : cells;
  });
}

/** The same rows as an .xlsx file (for `kbo sync` as a real process and the benchmark). */
export async function writeSyncWorkbook(
  path: string,
  productRows: RawCell[][],
  meetings = false,
): Promise<void> {
  const { writeWorkbook } = await import("../../support/workbook-builder.ts");
  const wb = rawWorkbook(productRows, meetings);
  await writeWorkbook(
    path,
    wb.sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.cells as (string | number | null)[]) })),
  );
}

/** Every audit entry, flattened out of the change sets, with its set's who/when/source. */
export async function auditEntries(
  db: import("@google-cloud/firestore").Firestore,
  spreadsheetId?: string,
): Promise<Record<string, any>[]> {
  const query = spreadsheetId
    ? db.collection("changes").where("source.spreadsheetId", "==", spreadsheetId)
    : db.collection("changes");
  const sets = (await query.get()).docs.map((d) => d.data());
  return sets.flatMap((data) => {
    const { entriesJson: _, ...set } = data;
    return changeSetEntries(data).map((e) => ({ ...set, ...e, source: { ...set.source, row: e.row } }));
  });
}
