// The report menu items with fakes: the selected meeting row's report is requested, saved in the
// report folder, its link and status written into the row; sending asks first, listing recipients;
// a staff member who cannot reach the folder still gets the report and is told why it was not filed.
import { describe, expect, it } from "vitest";
import { menuMeetingReport } from "../../apps-script/src/menu-actions.ts";
import { REPORT_COLUMNS } from "../../apps-script/src/report-columns.ts";
import { PROPERTY_KEYS } from "../../apps-script/src/settings.ts";
import { tabHeaders } from "../../apps-script/src/setup-plan.ts";
import { createFakeWorld, type FakeFetch, runAs } from "./fakes/fake-services.ts";
import { FakeSpreadsheet } from "./fakes/fake-spreadsheet.ts";

const PDF = Buffer.from("%PDF-1.7 fake").toString("base64");

const HEADERS = tabHeaders("meetings");
/** The report link and status columns (1-based), after the contract's columns. */
const LINK_COLUMN = HEADERS.indexOf(REPORT_COLUMNS[0].th) + 1;
const STATUS_COLUMN = HEADERS.indexOf(REPORT_COLUMNS[1].th) + 1;

function world(plainText: string[] = ["รหัส", "ครั้งที่"]) {
  const ss = new FakeSpreadsheet();
  const values: Record<string, string> = {
    รหัส: "MTG-2563-001",
    ครั้งที่: "1/2563",
    ชื่อการประชุม: "ประชุม",
    วันที่: "2020-01-13",
    ผู้รับรายงาน: "boss@example.org, chief@example.org",
  };
  const sheet = ss.addSheet("การประชุม", [HEADERS, HEADERS.map((h) => values[h] ?? "")], { plainText });
  const bodies: Record<string, unknown>[] = [];
  const fetch: FakeFetch = (req) => {
    const body = JSON.parse(String(req.payload));
    bodies.push(body);
    const send = body.send ? { status: "sent" } : { status: "not_requested" };
    return {
      status: 200,
      body: JSON.stringify({ pdfBase64: PDF, revision: "r1a2b3", fileName: "รายงาน 1-2563.pdf", send }),
    };
  };
  const w = createFakeWorld({ spreadsheet: ss, fetch });
  w.properties.setProperty(PROPERTY_KEYS.functionBaseUrl, "https://fn.example");
  w.properties.setProperty(PROPERTY_KEYS.reportFolderId, w.services.DriveApp.createFolder("r").getId());
  ss.active = { sheet, row: 2 };
  return Object.assign(w, { sheet, bodies });
}

describe("meeting report menu", () => {
  it("makes the selected meeting's report, saves the PDF and writes link and status into the row", () => {
    const w = world();
    menuMeetingReport(w.services, false);
    expect(w.requests[0]!.url).toBe("https://fn.example/meetingReport");
    expect(w.bodies[0]).toEqual({ spreadsheetId: "fake-spreadsheet-1", meeting: "1/2563", send: false });
    expect(w.files).toHaveLength(1);
    expect(Buffer.from(w.files[0]!.bytes).toString()).toBe("%PDF-1.7 fake");
    expect(w.sheet.cell(2, LINK_COLUMN).value).toBe("https://drive.example/folder-1/1");
    expect(w.sheet.cell(2, STATUS_COLUMN).value).toMatch(/^สร้างแล้ว \/ made · ฉบับ r1a2b3 · 20\/01\/2563/);
  });

  it("sending lists the recipients and does nothing when staff say no", () => {
    const w = world();
    w.ui.confirmAnswers.push("NO");
    menuMeetingReport(w.services, true);
    expect(w.ui.alerts[0]!.prompt).toContain("• boss@example.org\n• chief@example.org");
    expect(w.requests).toHaveLength(0);
    w.ui.confirmAnswers.push("YES");
    menuMeetingReport(w.services, true);
    expect(w.bodies[0]).toMatchObject({ send: true });
    expect(w.sheet.cell(2, STATUS_COLUMN).value).toMatch(/^ส่งอีเมลแล้ว/);
  });

  it("a staff member the report folder was never shared with gets the report, and is told it was not filed", () => {
    const w = world();
    runAs(w, "staff2@example.org", () => menuMeetingReport(w.services, false));
    expect(w.requests).toHaveLength(1);
    expect(w.files).toHaveLength(0);
    expect(w.sheet.cell(2, STATUS_COLUMN).value).toMatch(/^สร้างแล้ว \/ made · ฉบับ r1a2b3 .* · ไม่ได้บันทึก PDF/);
    expect(w.ui.alerts.at(-1)!.prompt).toMatch(/ขอให้ผู้ตั้งค่าระบบแชร์โฟลเดอร์ให้/);
  });

  it("explains a meeting number the sheet turned into a date, instead of sending it", () => {
    const w = world([]);
    menuMeetingReport(w.services, false);
    expect(w.requests).toHaveLength(0);
    expect(w.ui.alerts.at(-1)!.prompt).toMatch(/ครั้งที่ของแถวนี้ถูกแปลงเป็นวันที่/);
  });

  it("explains, rather than crashes, when the selection is not a meeting row", () => {
    const w = world();
    w.spreadsheet.active = { sheet: w.spreadsheet.addSheet("ผลิตภัณฑ์", [["รหัส", "ชื่อผลิตภัณฑ์"]]), row: 1 };
    menuMeetingReport(w.services, false);
    expect(w.ui.alerts.at(-1)!.prompt).toMatch(/NO_MEETING_SELECTED/);
    expect(w.requests).toHaveLength(0);
  });
});
