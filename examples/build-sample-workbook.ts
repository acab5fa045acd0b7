// Writes examples/kbo-sample.xlsx from examples/sample-data.ts (`npm run examples`): the four record
// tabs with the contract's Thai headers, as staff would fill them. Deterministic: the same data gives
// the same bytes, so the committed file only changes when the data does.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { RecordTab } from "../functions/src/domain/tabs.ts";
import { TAB_SPECS } from "../functions/src/domain/tabs.ts";
import {
  type BuilderCell,
  type SheetData,
  sampleHeaders,
  writeWorkbook,
} from "../test/support/workbook-builder.ts";
import {
  SAMPLE_AGENDA,
  SAMPLE_ATTENDEES,
  SAMPLE_MEETING,
  SAMPLE_PRODUCTS,
  type SampleAgendaItem,
  type SampleAttendee,
  type SampleMeeting,
  type SampleProduct,
} from "./sample-data.ts";

export const SAMPLE_WORKBOOK_PATH = join(dirname(fileURLToPath(import.meta.url)), "kbo-sample.xlsx");

/** The document date stamped into the file: the morning of meeting 1/2563. */
export const SAMPLE_WORKBOOK_DATE = new Date(Date.UTC(2020, 0, 13, 5, 0));

/** One sheet row in the tab's column order; ids and check results stay blank for the system. */
function rowFor(tab: RecordTab, values: Record<string, BuilderCell | undefined>): BuilderCell[] {
  return TAB_SPECS[tab].columns.map((col) => values[col.field] ?? null);
}

function productRow(p: SampleProduct): BuilderCell[] {
  return rowFor("products", { ...p });
}

function meetingRow(m: SampleMeeting): BuilderCell[] {
  return rowFor("meetings", { ...m });
}

function attendeeRow(a: SampleAttendee): BuilderCell[] {
  return rowFor("attendees", { ...a, on_behalf_of: a.onBehalfOf });
}

function agendaRow(a: SampleAgendaItem): BuilderCell[] {
  return rowFor("agenda", { ...a });
}

/** Column widths (characters) by field; long text columns wrap inside these. */
const WIDTHS: Record<RecordTab, Record<string, number>> = {
  products: {
    id: 14,
    year: 9,
    product: 32,
    category: 28,
    producer: 38,
    district: 16,
    phone: 14,
    revenue: 14,
    status: 16,
    notes: 30,
    check: 40,
  },
  meetings: {
    id: 14,
    number: 9,
    title: 50,
    date: 12,
    start: 10,
    end: 10,
    place: 50,
    recorder: 24,
    recorder_position: 32,
    checker: 24,
    checker_position: 40,
    opening: 40,
    recipients: 40,
    check: 40,
  },
  attendees: {
    meeting: 9,
    name: 28,
    position: 48,
    organisation: 40,
    attendance: 16,
    on_behalf_of: 26,
    reason: 14,
    check: 40,
  },
  agenda: { meeting: 9, item: 8, subject: 46, details: 80, resolution: 36, check: 40 },
};

function sheet(tab: RecordTab, rows: BuilderCell[][]): SheetData {
  return {
    name: TAB_SPECS[tab].th,
    rows: [sampleHeaders(tab), ...rows],
    widths: TAB_SPECS[tab].columns.map((col) => WIDTHS[tab][col.field] ?? 12),
  };
}

export function sampleSheets(): SheetData[] {
  return [
    sheet("products", SAMPLE_PRODUCTS.map(productRow)),
    sheet("meetings", [meetingRow(SAMPLE_MEETING)]),
    sheet("attendees", SAMPLE_ATTENDEES.map(attendeeRow)),
    sheet("agenda", SAMPLE_AGENDA.map(agendaRow)),
  ];
}

export async function buildSampleWorkbook(path = SAMPLE_WORKBOOK_PATH): Promise<string> {
  await writeWorkbook(path, sampleSheets(), { date: SAMPLE_WORKBOOK_DATE });
  return path;
}

// Run as a script (not when imported by a test).
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const path = await buildSampleWorkbook();
  console.log(`เขียนไฟล์ตัวอย่างแล้ว / wrote ${path}`);
}
