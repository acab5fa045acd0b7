// Generates realistic product rows for benchmarks: valid rows in the forms staff type them, with
// about 1 in 20 carrying a warning and 1 in 50 an error, as real sheets do.
import { CATEGORIES, DISTRICTS } from "../functions/src/domain/closed-sets.ts";
import type { RawCell } from "../functions/src/domain/raw-workbook.ts";
import { TAB_SPECS } from "../functions/src/domain/tabs.ts";
import { toThaiDigits } from "../functions/src/domain/thai-format.ts";

export const PRODUCT_HEADER: string[] = TAB_SPECS.products.columns.map((c) => c.th);

const NAMES = [
  "ผ้าฝ้ายทอมือ",
  "ร่มบ่อสร้าง",
  "เครื่องเงินวัวลาย",
  "ไม้แกะสลัก",
  "กาแฟอาราบิก้า",
  "น้ำพริกหนุ่ม",
  "ลูกประคบสมุนไพร",
];

/** Row i of a deterministic product sheet (cells in PRODUCT_HEADER order). */
export function productRow(i: number): RawCell[] {
  const category = CATEGORIES[i % CATEGORIES.length]!;
  const district = DISTRICTS[i % DISTRICTS.length]!;
  const year = 2544 + (i % 25);
  const revenue = (i * 7919) % 1_000_000;
  const row: RawCell[] = [
    null,
    i % 7 === 0 ? toThaiDigits(String(year)) : year,
    `${NAMES[i % NAMES.length]} รุ่น ${i}`,
    i % 3 === 0 ? category.code : category.th,
    `กลุ่มผู้ผลิตที่ ${i % 997}`,
    i % 4 === 0 ? `อ.${district.th}` : district.th,
    i % 5 === 0 ? null : `08${String(10_000_000 + i).slice(-8)}`,
    i % 2 === 0 ? revenue : `${revenue.toLocaleString("en-US")} บาท`,
    null,
    null,
    null,
  ];
  if (i % 20 === 1) row[3] = "ผ้าแลเครื่องแต่งกาย"; // near miss: warning
  if (i % 50 === 2) row[5] = "แม่สาย"; // not a Chiang Mai district: error
  return row;
}

export function productRows(count: number): RawCell[][] {
  return Array.from({ length: count }, (_, i) => productRow(i));
}
