import { describe, expect, it } from "vitest";
import { IssueSchema } from "../../../functions/src/domain/issues.ts";
import type { RawCell, RawSheet } from "../../../functions/src/domain/raw-workbook.ts";
import { validateWorkbook } from "../../../functions/src/domain/validate-workbook.ts";

const TODAY = "2026-11-23";
const sheet = (name: string, rows: RawCell[][], firstRow = 1): RawSheet => ({
  name,
  rows: rows.map((cells, i) => ({ row: firstRow + i, cells })),
});
const PRODUCT_HEADER = ["รหัส", "ปี พ.ศ.", "ชื่อผลิตภัณฑ์", "ประเภท", "กลุ่มผู้ผลิต", "อำเภอ", "รายได้ (บาท)"];
const product = (over: Partial<Record<number, RawCell>> = {}): RawCell[] => {
  const base: RawCell[] = [null, 2563, "ร่มบ่อสร้าง", "ของใช้ ของตกแต่ง ของที่ระลึก", "กลุ่มทำร่ม", "สันกำแพง", "45,000"];
  for (const [i, v] of Object.entries(over)) base[Number(i)] = v as RawCell;
  return base;
};
const MEETING_HEADER = ["รหัส", "ครั้งที่", "ชื่อการประชุม", "วันที่", "เวลาเริ่ม", "เวลาเลิก", "สถานที่", "ผู้รับรายงาน"];
const meeting = (
  number: RawCell,
  date: RawCell = "13/01/2563",
  start = "09.30 น.",
  end = "12.00 น.",
): RawCell[] => [
  null,
  number,
  "ประชุมคณะกรรมการ KBO",
  date,
  start,
  end,
  "ศาลากลางจังหวัดเชียงใหม่",
  "a@example.go.th",
];

describe("validateWorkbook", () => {
  it("validates a good workbook: records normalised, stats per Thai tab name, ok", () => {
    const v = validateWorkbook(
      {
        sheets: [
          sheet("ผลิตภัณฑ์", [PRODUCT_HEADER, product(), product({ 2: "ผ้าฝ้าย", 3: "textile", 6: 1200.5 })]),
          sheet("การประชุม", [MEETING_HEADER, meeting("1/2563")]),
          sheet("ผู้เข้าประชุม", [
            ["ครั้งที่", "ชื่อ-สกุล", "การเข้าประชุม"],
            ["1/2563", "นายวิรุฬ พรรณเทวี", "มาประชุม"],
          ]),
          sheet("วาระการประชุม", [
            ["ครั้งที่", "วาระที่", "เรื่อง"],
            ["1/2563", "1", "เรื่องที่ประธานแจ้ง"],
          ]),
        ],
      },
      { today: TODAY },
    );
    expect(v.ok).toBe(true);
    expect(v.issues).toEqual([]);
    expect(v.tabs).toEqual({
      ผลิตภัณฑ์: { rows: 2, valid: 2, invalid: 0 },
      การประชุม: { rows: 1, valid: 1, invalid: 0 },
      ผู้เข้าประชุม: { rows: 1, valid: 1, invalid: 0 },
      วาระการประชุม: { rows: 1, valid: 1, invalid: 0 },
    });
    expect(v.products[1]!.record).toEqual({
      year: 2563,
      product: "ผ้าฝ้าย",
      category: "textile",
      producer: "กลุ่มทำร่ม",
      district: "สันกำแพง",
      revenueSatang: 120_050,
    });
    expect(v.meetings[0]!.record).toMatchObject({
      number: "1/2563",
      date: "2020-01-13",
      start: "09:30",
      end: "12:00",
    });
  });

  it("finds columns by Thai name or English alias, in any order, with odd spacing and line breaks", () => {
    const header = [
      "district",
      " ชื่อ\nผลิตภัณฑ์ ",
      "Category",
      "ปี  พ.ศ.",
      "PRODUCER",
      "รายได้\u00A0(บาท)",
      "คอลัมน์อื่น",
    ];
    const v = validateWorkbook(
      {
        sheets: [sheet("Products", [header, ["อ.แม่ริม", "กาแฟ", "เครื่องดื่ม", "2563", "กลุ่มกาแฟ", "๑,๐๐๐", "x"]])],
      },
      { today: TODAY },
    );
    expect(v.issues).toEqual([]);
    expect(v.products[0]!.record).toMatchObject({
      district: "แม่ริม",
      product: "กาแฟ",
      revenueSatang: 100_000,
    });
    expect(v.layouts.products!.columns).toMatchObject({ district: 0, product: 1, category: 2, year: 3 });
  });

  it("skips blank rows silently and allows title rows above the header", () => {
    const v = validateWorkbook(
      {
        sheets: [
          sheet("ผลิตภัณฑ์", [
            ["ทะเบียนผลิตภัณฑ์ KBO"],
            [],
            PRODUCT_HEADER,
            product(),
            [null, "", "  "],
            [],
            product(),
          ]),
        ],
      },
      { today: TODAY },
    );
    expect(v.layouts.products!.headerRow).toBe(3);
    expect(v.tabs.ผลิตภัณฑ์).toEqual({ rows: 2, valid: 2, invalid: 0 });
    expect(v.products.map((r) => r.row)).toEqual([4, 7]);
    expect(v.issues.filter((i) => i.code === "DUPLICATE_PRODUCT")).toHaveLength(1);
  });

  it.each([
    {
      name: "the same product of one producer twice, case aside",
      rows: [
        { 2: "Umbrella", 4: "กลุ่ม A" },
        { 2: "umbrella", 4: "กลุ่ม A" },
      ],
      flagged: ["3 repeats 2"],
    },
    {
      name: "one name from two producers is two products; a third row repeats the second",
      rows: [{ 4: "กลุ่ม A" }, { 4: "กลุ่ม B" }, { 4: "กลุ่ม B" }, { 4: "กลุ่ม A" }],
      flagged: ["4 repeats 3", "5 repeats 2"],
    },
    { name: "the same name and producer in another year", rows: [{}, { 1: 2562 }], flagged: [] },
  ])("flags repeated products: $name", ({ rows, flagged }) => {
    const v = validateWorkbook(
      { sheets: [sheet("ผลิตภัณฑ์", [PRODUCT_HEADER, ...rows.map((o) => product(o))])] },
      { today: TODAY },
    );
    const dups = v.issues.filter((i) => i.code === "DUPLICATE_PRODUCT");
    expect(dups.map((i) => `${i.row} repeats ${/(\d+) too/.exec(i.message_en)?.[1]}`)).toEqual(flagged);
    expect(dups.every((i) => i.severity === "warning" && i.column === "C")).toBe(true);
    expect(v.tabs.ผลิตภัณฑ์!.valid).toBe(rows.length);
  });

  it("reports every problem per cell and never lets one bad row stop the others", () => {
    const v = validateWorkbook(
      {
        sheets: [
          sheet("ผลิตภัณฑ์", [
            PRODUCT_HEADER,
            product({ 1: "สองพัน", 5: "แม่สาย" }),
            product({ 2: "ผ้าทอ" }),
            product({ 6: "-5" }),
          ]),
        ],
      },
      { today: TODAY },
    );
    expect(v.ok).toBe(false);
    expect(v.tabs.ผลิตภัณฑ์).toEqual({ rows: 3, valid: 1, invalid: 2 });
    const cells = v.issues.map((i) => `${i.column}${i.row}:${i.field}:${i.code}`);
    expect(cells).toEqual([
      "B2:year:YEAR_INVALID",
      "F2:district:DISTRICT_UNKNOWN",
      "G4:revenue:MONEY_NEGATIVE",
    ]);
    for (const i of v.issues) {
      expect(IssueSchema.parse(i)).toEqual(i);
      expect(i.message_th).toMatch(/[\u0E00-\u0E7F]/);
      expect(i.message_en).toMatch(/[a-z]/);
    }
    expect(v.products[1]!.valid).toBe(true);
  });

  it("keeps warnings from invalidating a row", () => {
    const v = validateWorkbook(
      { sheets: [sheet("ผลิตภัณฑ์", [PRODUCT_HEADER, product({ 1: 2020, 3: "ผ้าแลเครื่องแต่งกาย" })])] },
      { today: TODAY },
    );
    expect(v.ok).toBe(true);
    expect(v.issues.map((i) => [i.severity, i.code])).toEqual([
      ["warning", "YEAR_GREGORIAN_CONVERTED"],
      ["warning", "CATEGORY_NEAR_MISS"],
    ]);
    expect(v.products[0]!.record).toMatchObject({ year: 2563, category: "textile" });
  });

  it("reports a missing required column once, on the header, and a duplicate column", () => {
    const header = ["ปี พ.ศ.", "ชื่อผลิตภัณฑ์", "ประเภท", "อำเภอ", "ประเภท"];
    const v = validateWorkbook(
      {
        sheets: [
          sheet("ผลิตภัณฑ์", [
            header,
            [2563, "ร่ม", "decor", "สันกำแพง", "food"],
            [2563, "ผ้า", "textile", "ฮอด", null],
          ]),
        ],
      },
      { today: TODAY },
    );
    expect(v.issues.map((i) => `${i.row}:${i.column}:${i.field}:${i.code}`)).toEqual([
      "1:E:category:DUPLICATE_COLUMN",
      "1::producer:MISSING_COLUMN",
    ]);
    expect(v.tabs.ผลิตภัณฑ์).toEqual({ rows: 2, valid: 0, invalid: 2 });
    expect(v.ok).toBe(false);
  });

  it("reports a tab without a header row", () => {
    const v = validateWorkbook(
      {
        sheets: [
          sheet("การประชุม", [
            ["x", "y"],
            ["1/2563", "a"],
          ]),
        ],
      },
      { today: TODAY },
    );
    expect(v.issues.map((i) => i.code)).toEqual(["HEADER_NOT_FOUND"]);
    expect(v.ok).toBe(false);
  });

  it("checks meetings: year of number vs date, end after start, numbers unique within a year", () => {
    const v = validateWorkbook(
      {
        sheets: [
          sheet("การประชุม", [
            MEETING_HEADER,
            meeting("1/2563"),
            meeting("1/2562", "13/01/2563"),
            meeting("2/2563", "01/02/2563", "13.00", "09.00"),
            meeting("1/2563", "20/03/2563"),
            meeting("1/2564", "05/01/2564"),
          ]),
        ],
      },
      { today: TODAY },
    );
    expect(v.issues.map((i) => `${i.column}${i.row}:${i.code}`)).toEqual([
      "B3:MEETING_YEAR_MISMATCH",
      "F4:END_NOT_AFTER_START",
      "B5:MEETING_NUMBER_DUPLICATE",
    ]);
    expect(v.issues[2]!.message_th).toContain("แถวที่ 2");
    expect(v.tabs.การประชุม).toEqual({ rows: 5, valid: 2, invalid: 3 });
  });

  it("requires attendees and agenda to name a meeting of the workbook or of Firestore", () => {
    const wb = {
      sheets: [
        sheet("การประชุม", [
          MEETING_HEADER,
          meeting("1/2563"),
          meeting("3/2563", "01/03/2563", "10.00", "09.00"),
        ]),
        sheet("attendees", [
          ["meeting", "name", "attendance", "reason"],
          ["1/2563", "นาย ก", "present"],
          ["2/2563", "นาย ข", "absent", "ติดราชการ"],
          ["3/2563", "นาย ค", "present"],
        ]),
        sheet("agenda", [
          ["meeting", "item", "subject"],
          ["9/2563", "1", "เรื่องแจ้ง"],
        ]),
      ],
    };
    const alone = validateWorkbook(wb, { today: TODAY });
    expect(
      alone.issues.filter((i) => i.code === "MEETING_NOT_FOUND").map((i) => `${i.tab}:${i.row}`),
    ).toEqual(["ผู้เข้าประชุม:3", "วาระการประชุม:2"]);
    const withFirestore = validateWorkbook(wb, { today: TODAY, knownMeetings: ["2/2563", "9/2563"] });
    expect(withFirestore.issues.filter((i) => i.code === "MEETING_NOT_FOUND")).toEqual([]);
  });

  it("rejects duplicated and foreign ids", () => {
    const v = validateWorkbook(
      {
        sheets: [
          sheet("ผลิตภัณฑ์", [
            PRODUCT_HEADER,
            product({ 0: "KBO-2563-001" }),
            product({ 0: "KBO-2563-001", 2: "ผ้า" }),
            product({ 0: "ABC-1", 2: "ไม้" }),
          ]),
        ],
      },
      { today: TODAY },
    );
    // Both rows of the repeated id are refused: which one the record belongs to is for staff to say.
    expect(v.issues.map((i) => `${i.row}:${i.code}`)).toEqual([
      "2:ID_DUPLICATE",
      "3:ID_DUPLICATE",
      "4:ID_INVALID",
    ]);
    expect(v.issues[0]!.message_en).toMatch(/rows 2, 3/);
  });

  it("ignores unknown tabs and summary tabs; two tabs of one kind are an error naming both, and neither is read", () => {
    const v = validateWorkbook(
      {
        sheets: [
          sheet("สรุปตามประเภท", [
            ["ปี", "ประเภท"],
            ["x", "y"],
          ]),
          sheet("ผลิตภัณฑ์", [PRODUCT_HEADER, product()]),
          sheet("products", [PRODUCT_HEADER, product({ 1: "bad" })]),
        ],
      },
      { today: TODAY },
    );
    expect(Object.keys(v.tabs)).toEqual(["ผลิตภัณฑ์"]);
    expect(v.ok).toBe(false);
    expect(v.issues.map((i) => i.code)).toEqual(["TAB_DUPLICATE"]);
    expect(v.issues[0]!.message_th).toContain('"ผลิตภัณฑ์" และ "products"');
    expect(v.unreadable.products?.map((i) => i.code)).toEqual(["TAB_DUPLICATE"]);
    expect(v.products).toEqual([]);
  });

  it("warns about an absent member without a reason", () => {
    const v = validateWorkbook(
      {
        sheets: [
          sheet("การประชุม", [MEETING_HEADER, meeting("1/2563")]),
          sheet("ผู้เข้าประชุม", [
            ["ครั้งที่", "ชื่อ-สกุล", "การเข้าประชุม", "เหตุผล"],
            ["1/2563", "นาย ก", "ไม่มาประชุม", ""],
          ]),
        ],
      },
      { today: TODAY },
    );
    expect(v.ok).toBe(true);
    expect(v.issues.map((i) => `${i.column}:${i.code}`)).toEqual(["D:ABSENT_WITHOUT_REASON"]);
  });
});

describe("the meetings tab's report columns", () => {
  const withColumns = (headers: string[], values: RawCell[]) =>
    validateWorkbook(
      {
        sheets: [
          sheet("การประชุม", [
            [...MEETING_HEADER, ...headers],
            [...meeting("1/2563"), ...values],
          ]),
        ],
      },
      { today: TODAY },
    );

  it("reads the signatories' positions and the opening line, by Thai header or English alias", () => {
    const thai = withColumns(
      ["ผู้จดรายงาน", "ตำแหน่งผู้จดรายงาน", "ผู้ตรวจรายงาน", "ตำแหน่งผู้ตรวจรายงาน", "ข้อความเปิดประชุม"],
      ["นางสาวศิริพร ใจคำ", "นักวิชาการ", "นางวิไลวรรณ ปัญญาดี", "หัวหน้ากลุ่มงาน", "ประธานกล่าวเปิดประชุม\nแล้วดำเนินการ"],
    );
    expect(thai.issues).toEqual([]);
    expect(thai.meetings[0]!.record).toMatchObject({
      recorderPosition: "นักวิชาการ",
      checkerPosition: "หัวหน้ากลุ่มงาน",
      opening: "ประธานกล่าวเปิดประชุม\nแล้วดำเนินการ",
    });
    const english = withColumns(["recorder_position", "checker_position", "opening"], ["ก", "ข", "ค"]);
    expect(english.meetings[0]!.record).toMatchObject({
      recorderPosition: "ก",
      checkerPosition: "ข",
      opening: "ค",
    });
  });

  it("refuses a position longer than a cell should hold, naming its field", () => {
    const v = withColumns(["ตำแหน่งผู้จดรายงาน"], ["ก".repeat(301)]);
    expect(v.issues).toMatchObject([
      { code: "TEXT_TOO_LONG", column: "I", field: "recorder_position", severity: "error" },
    ]);
  });
});
