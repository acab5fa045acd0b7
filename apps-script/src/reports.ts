// The report menu items: the selected meeting row's report is made by the meetingReport function,
// its PDF saved in the report folder, and its link and status written into the row. Sending shows
// the recipients and asks first.
import { AppError } from "../../functions/src/app-error.ts";
import { callFunction } from "./functions-client.ts";
import { REPORT_COLUMNS } from "./report-columns.ts";
import type { Services, Sheet } from "./services.ts";
import { PROPERTY_KEYS } from "./settings.ts";
import { REPORT_FOLDER_NAME } from "./setup.ts";
import { readTab, sheetFormatter } from "./sheet-io.ts";
import { locateLayout, type SheetCell } from "./sheet-snapshot.ts";
import { tabOfSheet } from "./tab-resolver.ts";
import { buddhistStamp } from "./write-back-plan.ts";

export interface MeetingReportAnswer {
  pdfBase64: string;
  revision: string;
  fileName?: string;
  send: { status: string; error?: string };
}

export interface SelectedMeeting {
  sheet: Sheet;
  row: number;
  number: string;
  recipients: string[];
}

const NOT_A_MEETING =
  "เลือกแถวของการประชุมในแท็บ การประชุม ก่อน / select a meeting's row in the meetings tab first";

export function selectedMeeting(services: Services): SelectedMeeting {
  const ss = services.SpreadsheetApp.getActive();
  const sheet = ss.getActiveSheet();
  const range = ss.getActiveRange();
  if (tabOfSheet(sheet.getName(), () => ss.getSheets().map((s) => s.getName())) !== "meetings" || !range)
    throw new AppError("NO_MEETING_SELECTED", NOT_A_MEETING);
  const read = readTab(sheet, "meetings", sheetFormatter(services.Utilities, ss), false);
  const row = read?.snapshot.rows.find((r) => r.row === range.getRow());
  const cols = read?.snapshot.layout.columns;
  const number = row && cols?.number !== undefined ? row.values[cols.number] : null;
  if (number !== null && typeof number === "object") {
    throw new AppError(
      "NO_MEETING_SELECTED",
      "ครั้งที่ของแถวนี้ถูกแปลงเป็นวันที่: ตั้งค่าระบบอีกครั้งแล้วพิมพ์ใหม่ เช่น 1/2563 / " +
        "this row's meeting number became a date: run ตั้งค่าระบบ again and retype it, e.g. 1/2563",
    );
  }
  if (!row || !cols || number === null || number === undefined || String(number).trim() === "") {
    throw new AppError("NO_MEETING_SELECTED", NOT_A_MEETING);
  }
  const recipientsCell = cols.recipients === undefined ? null : row.values[cols.recipients];
  const recipients = String(recipientsCell ?? "")
    .split(/[\s,;]+/)
    .filter((s) => s.includes("@"));
  return { sheet, row: row.row, number: String(number).trim(), recipients };
}

const SEND_STATUS_TH: Record<string, string> = {
  not_requested: "สร้างแล้ว / made",
  sent: "ส่งอีเมลแล้ว / e-mailed",
  sending: "กำลังส่ง / sending",
  pending: "รอส่ง / waiting to send",
  failed: "ส่งไม่สำเร็จ / sending failed",
};

export function reportStatusText(answer: MeetingReportAnswer, stamp: string): string {
  const status = SEND_STATUS_TH[answer.send.status] ?? answer.send.status;
  const error = answer.send.error ? ` (${answer.send.error})` : "";
  return `${status}${error} · ฉบับ ${answer.revision} · ${stamp}`;
}

export function confirmationText(meeting: SelectedMeeting): string {
  return [
    `ส่งรายงานการประชุมครั้งที่ ${meeting.number} ทางอีเมลถึง:`,
    ...meeting.recipients.map((r) => `• ${r}`),
    "",
    `Send the report of meeting ${meeting.number} to the addresses above?`,
  ].join("\n");
}

/** Finds or adds the report columns in the meetings tab's header; returns their 1-based columns. */
function reportColumns(sheet: Sheet): { link: number; status: number } {
  const top = sheet
    .getRange(1, 1, Math.min(10, sheet.getLastRow()), sheet.getLastColumn())
    .getValues() as SheetCell[][];
  const headerRow = locateLayout("meetings", top)?.headerRow ?? 1;
  const header = (top[headerRow - 1] ?? []).map((c) => (typeof c === "string" ? c.trim() : ""));
  const found = REPORT_COLUMNS.map((c) => header.indexOf(c.th) + 1);
  let last = sheet.getLastColumn();
  const columns = found.map((col, i) => {
    if (col > 0) return col;
    last++;
    sheet.getRange(headerRow, last).setValue(REPORT_COLUMNS[i]!.th);
    return last;
  });
  return { link: columns[0]!, status: columns[1]! };
}

export type Confirm = (meeting: SelectedMeeting) => boolean;

export interface ReportOutcome {
  cancelled: boolean;
  link?: string;
  status?: string;
  /** Why the PDF could not be saved in Drive (the report was made, and sent when asked, all the same). */
  driveError?: string;
}

/** Saves the PDF in the report folder; its link, or why it could not be saved. */
function fileReport(
  services: Services,
  answer: MeetingReportAnswer,
  name: string,
): { link?: string; error?: string } {
  const folderId = services.PropertiesService.getScriptProperties().getProperty(PROPERTY_KEYS.reportFolderId);
  if (!folderId) {
    return { error: "ยังไม่มีโฟลเดอร์รายงาน: เลือก ตั้งค่าระบบ / no report folder yet: run ตั้งค่าระบบ" };
  }
  try {
    const u = services.Utilities;
    const blob = u.newBlob(u.base64Decode(answer.pdfBase64), "application/pdf", name);
    return { link: services.DriveApp.getFolderById(folderId).createFile(blob).getUrl() };
  } catch (e) {
    // Typically a second staff member the folder was never shared with.
    return {
      error:
        `บันทึก PDF ในโฟลเดอร์ "${REPORT_FOLDER_NAME}" ไม่ได้ (ขอให้ผู้ตั้งค่าระบบแชร์โฟลเดอร์ให้) / ` +
        `could not save the PDF in the report folder (ask whoever ran setup to share it): ${String((e as Error)?.message ?? e)}`,
    };
  }
}

export function makeReport(services: Services, send: boolean, confirm: Confirm): ReportOutcome {
  const meeting = selectedMeeting(services);
  if (send) {
    if (meeting.recipients.length === 0) {
      throw new AppError("NO_RECIPIENTS", "ไม่มีผู้รับรายงานในแถวนี้ / the row names no recipients");
    }
    if (!confirm(meeting)) return { cancelled: true };
  }
  const ss = services.SpreadsheetApp.getActive();
  const answer = callFunction<MeetingReportAnswer>(services, "meetingReport", {
    spreadsheetId: ss.getId(),
    meeting: meeting.number,
    send,
  });
  const name =
    answer.fileName ?? `รายงานการประชุม ครั้งที่ ${meeting.number.replace("/", "-")} (${answer.revision}).pdf`;
  const filed = fileReport(services, answer, name);
  const stamp = buddhistStamp(services.now(), sheetFormatter(services.Utilities, ss));
  const status = `${reportStatusText(answer, stamp)}${filed.error ? ` · ไม่ได้บันทึก PDF / PDF not saved` : ""}`;
  const cols = reportColumns(meeting.sheet);
  if (filed.link) meeting.sheet.getRange(meeting.row, cols.link).setValue(filed.link);
  meeting.sheet.getRange(meeting.row, cols.status).setValue(status);
  return {
    cancelled: false,
    status,
    ...(filed.link ? { link: filed.link } : {}),
    ...(filed.error ? { driveError: filed.error } : {}),
  };
}
