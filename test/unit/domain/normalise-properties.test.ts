// Property tests: the normalisers never throw on any cell, and formatting a value then parsing the
// text gives the value back.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATEGORIES, DISTRICTS } from "../../../functions/src/domain/closed-sets.ts";
import { parseCategory } from "../../../functions/src/domain/normalise-category.ts";
import { parseDate } from "../../../functions/src/domain/normalise-date.ts";
import { parseDistrict } from "../../../functions/src/domain/normalise-district.ts";
import { formatEmails, parseEmails } from "../../../functions/src/domain/normalise-emails.ts";
import {
  parseAgendaItem,
  parseAttendance,
  parseMeetingNumber,
} from "../../../functions/src/domain/normalise-meeting.ts";
import { parseMoney } from "../../../functions/src/domain/normalise-money.ts";
import { formatPhone, parsePhone } from "../../../functions/src/domain/normalise-phone.ts";
import { parseText } from "../../../functions/src/domain/normalise-text.ts";
import { formatTime, parseTime } from "../../../functions/src/domain/normalise-time.ts";
import { formatYear, parseYear } from "../../../functions/src/domain/normalise-year.ts";
import { toIsoDate } from "../../../functions/src/domain/thai-date.ts";
import {
  formatBaht,
  thaiLongDate,
  thaiShortDate,
  toThaiDigits,
} from "../../../functions/src/domain/thai-format.ts";
import { RANGE } from "./cases.ts";

const thaiChar = fc.integer({ min: 0x0e01, max: 0x0e5b }).map((c) => String.fromCharCode(c));
const anyCell = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.array(thaiChar).map((a) => a.join("")),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: false }),
);

const RUNS = { numRuns: 300 };

describe("normalisers never throw", () => {
  const parsers: [string, (cell: never) => unknown][] = [
    ["year", (c) => parseYear(c, RANGE)],
    ["money", parseMoney],
    ["date", (c) => parseDate(c, RANGE)],
    ["time", parseTime],
    ["phone", parsePhone],
    ["emails", parseEmails],
    ["category", parseCategory],
    ["district", parseDistrict],
    ["meeting number", (c) => parseMeetingNumber(c, RANGE)],
    ["agenda item", parseAgendaItem],
    ["attendance", parseAttendance],
    ["text", (c) => parseText(c, { label: { th: "ข้อความ", en: "Text" }, required: true })],
  ];
  it.each(parsers)("%s", (_name, parse) => {
    fc.assert(
      fc.property(anyCell, (cell) => {
        const r = parse(cell as never) as { ok: boolean };
        expect(typeof r.ok).toBe("boolean");
      }),
      RUNS,
    );
  });
});

describe("format then parse gives the value back", () => {
  const satang = fc.integer({ min: 0, max: 1_000_000_000_00 });
  it("money", () => {
    fc.assert(
      fc.property(satang, fc.boolean(), fc.boolean(), (v, baht, thai) => {
        let text = formatBaht(v);
        if (baht) text += " บาท";
        if (thai) text = toThaiDigits(text);
        const r = parseMoney(text);
        expect(r.ok && r.value).toBe(v);
      }),
      RUNS,
    );
  });

  const isoDate = fc
    .record({
      year: fc.integer({ min: 2001, max: 2026 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
    })
    .map(toIsoDate);
  it("dates (short, long, Thai digits, ISO, sheet date)", () => {
    fc.assert(
      fc.property(isoDate, (iso) => {
        for (const text of [
          thaiShortDate(iso),
          thaiLongDate(iso),
          thaiLongDate(iso, { weekday: true }),
          toThaiDigits(thaiShortDate(iso)),
          iso,
        ]) {
          const r = parseDate(text, RANGE);
          expect(r.ok && r.value).toBe(iso);
        }
        const cell = new Date(`${iso}T00:00:00Z`);
        const r = parseDate(cell, RANGE);
        expect(r.ok && r.value).toBe(iso);
      }),
      RUNS,
    );
  });

  it("times", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const hhmm = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
        const r = parseTime(formatTime(hhmm));
        expect(r.ok && r.value).toBe(hhmm);
      }),
      RUNS,
    );
  });

  it("years", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2544, max: 2570 }), (be) => {
        const r = parseYear(toThaiDigits(formatYear(be)), RANGE);
        expect(r.ok && r.value).toBe(be);
      }),
      RUNS,
    );
  });

  it("phones", () => {
    const mobile = fc
      .tuple(fc.constantFrom("06", "08", "09"), fc.stringMatching(/^\d{8}$/))
      .map(([p, r]) => p + r);
    const landline = fc
      .tuple(fc.constantFrom("02", "053", "054"), fc.stringMatching(/^\d{7}$/))
      .map(([p, r]) => (p + r).slice(0, 9));
    fc.assert(
      fc.property(fc.oneof(mobile, landline), (digits) => {
        const shown = formatPhone(digits);
        const r = parsePhone(shown);
        expect(r.ok && r.value).toBe(shown);
        const again = parsePhone(r.ok ? (r.value as string) : "");
        expect(again.ok && again.value).toBe(shown);
      }),
      RUNS,
    );
  });

  it("e-mail lists", () => {
    const email = fc
      .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.constantFrom("example.go.th", "example.org"))
      .map(([l, d]) => `${l}@${d}`);
    fc.assert(
      fc.property(fc.uniqueArray(email, { maxLength: 5 }), (list) => {
        const r = parseEmails(formatEmails(list));
        expect(r.ok && r.value).toEqual(list);
      }),
      RUNS,
    );
  });

  it("closed sets", () => {
    for (const c of CATEGORIES)
      expect(parseCategory(c.th)).toMatchObject({ ok: true, value: c.code, warnings: [] });
    for (const d of DISTRICTS) expect(parseDistrict(d.en)).toMatchObject({ ok: true, value: d.th });
    for (const text of ["1/2563", "12/2569", "3/2544"]) {
      const r = parseMeetingNumber(toThaiDigits(text), RANGE);
      expect(r.ok && r.value.text).toBe(text);
    }
  });
});

describe("validated records match the record schemas", () => {
  // The row parsers build records only from normalised values, so the schemas are checked here
  // rather than on every row at run time (a zod pass per row costs a third of validation's budget).
  it("for any mix of good and hostile cells", async () => {
    const { validateWorkbook } = await import("../../../functions/src/domain/validate-workbook.ts");
    const { ProductSchema, MeetingSchema, AttendeeSchema, AgendaItemSchema } = await import(
      "../../../functions/src/domain/records.ts"
    );
    const { TAB_SPECS } = await import("../../../functions/src/domain/tabs.ts");
    const good: Record<string, unknown[]> = {
      products: [null, 2563, "ร่ม", "decor", "กลุ่ม", "อ.ฮอด", "0812345678", "1,000 บาท", "ok", "n", null],
      meetings: [
        null,
        "1/2563",
        "ประชุม",
        "13/01/2563",
        "09.30",
        "12.00",
        "ศาลากลาง",
        "ก",
        "ข",
        "a@example.org",
        null,
      ],
      attendees: ["1/2563", "นาย ก", "ตำแหน่ง", "หน่วยงาน", "มาประชุม", "", "", null],
      agenda: ["1/2563", "4.1", "เรื่อง", "รายละเอียด", "มติ", null],
    };
    const schemas = {
      products: ProductSchema,
      meetings: MeetingSchema,
      attendees: AttendeeSchema,
      agenda: AgendaItemSchema,
    };
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(10), anyCell), { maxLength: 6 }), (mutations) => {
        const sheets = (Object.keys(good) as (keyof typeof schemas)[]).map((tab) => {
          const row = [...good[tab]!];
          for (const [i, cell] of mutations) if (i < row.length) row[i] = cell;
          return {
            name: TAB_SPECS[tab].th,
            rows: [
              { row: 1, cells: TAB_SPECS[tab].columns.map((c) => c.th) },
              { row: 2, cells: row as never[] },
            ],
          };
        });
        const v = validateWorkbook({ sheets }, { today: "2026-11-23" });
        for (const tab of Object.keys(schemas) as (keyof typeof schemas)[]) {
          for (const r of v[tab]) if (r.record) expect(schemas[tab].safeParse(r.record).success).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
