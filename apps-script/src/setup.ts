// "ตั้งค่าระบบ": reads what the spreadsheet has, applies the setup plan, and asks once for the
// function URL; the report folder is created by the script itself (drive.file only reaches files and
// folders the script made). Running it again changes nothing.

import type { Services } from "./services.ts";
import { normaliseBaseUrl, PROPERTY_KEYS } from "./settings.ts";
import { planSetup, type SetupOp, type SetupState } from "./setup-plan.ts";
import type { SheetCell } from "./sheet-snapshot.ts";

export const REPORT_FOLDER_NAME = "KBO รายงานการประชุม";
const TOP_ROWS = 10;

export function readSetupState(services: Services): SetupState {
  const ss = services.SpreadsheetApp.getActive();
  const types = services.SpreadsheetApp.ProtectionType;
  return {
    sheets: ss.getSheets().map((sheet) => {
      const rows = Math.min(TOP_ROWS, sheet.getLastRow());
      const columns = sheet.getLastColumn();
      return {
        name: sheet.getName(),
        top:
          rows > 0 && columns > 0 ? (sheet.getRange(1, 1, rows, columns).getValues() as SheetCell[][]) : [],
        frozenRows: sheet.getFrozenRows(),
        protections: [...sheet.getProtections(types.RANGE), ...sheet.getProtections(types.SHEET)].map((p) =>
          p.getDescription(),
        ),
      };
    }),
    triggers: services.ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction()),
  };
}

function columnToEnd(sheet: GoogleAppsScript.Sheet, fromRow: number, column: number): GoogleAppsScript.Range {
  return sheet.getRange(fromRow, column, Math.max(sheet.getMaxRows() - fromRow + 1, 1), 1);
}

export function applySetupOp(services: Services, op: SetupOp): void {
  const ss = services.SpreadsheetApp.getActive();
  const sheetOf = (name: string) => ss.getSheetByName(name)!;
  switch (op.kind) {
    case "createSheet":
      ss.insertSheet(op.sheet);
      return;
    case "writeHeaders":
      sheetOf(op.sheet)
        .getRange(op.row, op.column, 1, op.headers.length)
        .setValues([op.headers])
        .setFontWeight("bold");
      return;
    case "freeze":
      sheetOf(op.sheet).setFrozenRows(op.rows);
      return;
    case "validation": {
      let builder = services.SpreadsheetApp.newDataValidation();
      if (op.list) builder = builder.requireValueInList(op.list, true);
      else if (op.rangeOf) {
        const source = columnToEnd(sheetOf(op.rangeOf.sheet), op.rangeOf.fromRow, op.rangeOf.column);
        builder = builder.requireValueInRange(source, true);
      }
      // Staff may type variants the domain understands ("อ.สันทราย", a near-miss category): warn, not refuse.
      const rule = builder.setAllowInvalid(true).setHelpText(op.help).build();
      columnToEnd(sheetOf(op.sheet), op.fromRow, op.column).setDataValidation(rule);
      return;
    }
    case "protectColumn":
      // Warning-only: the functions' service account and the triggers' owner must still write here.
      columnToEnd(sheetOf(op.sheet), op.fromRow, op.column)
        .protect()
        .setDescription(op.description)
        .setWarningOnly(true);
      return;
    case "protectSheet":
      sheetOf(op.sheet).protect().setDescription(op.description).setWarningOnly(true);
      return;
    case "createTrigger": {
      const builder = services.ScriptApp.newTrigger(op.handler);
      if (op.trigger === "edit") builder.forSpreadsheet(ss).onEdit().create();
      else if (op.trigger === "change") builder.forSpreadsheet(ss).onChange().create();
      else builder.timeBased().everyMinutes(1).create();
      return;
    }
  }
}

export interface SetupResult {
  ops: SetupOp[];
  functionUrlSet: boolean;
}

/** Asks for the function URL (once), used by the setup menu. Returns false when none was given. */
export function askFunctionUrl(services: Services, ui: GoogleAppsScript.Ui): boolean {
  const props = services.PropertiesService.getScriptProperties();
  if (props.getProperty(PROPERTY_KEYS.functionBaseUrl)) return true;
  const answer = ui.prompt(
    "ตั้งค่าระบบ / Setup",
    "URL ของฟังก์ชันบนคลาวด์ (เช่น https://asia-southeast1-PROJECT.cloudfunctions.net)\nThe Cloud Functions base URL",
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return false;
  const url = normaliseBaseUrl(answer.getResponseText());
  if (!url) {
    ui.alert("URL ไม่ถูกต้อง ต้องขึ้นต้นด้วย https:// / the URL must start with https://");
    return false;
  }
  props.setProperty(PROPERTY_KEYS.functionBaseUrl, url);
  return true;
}

export function runSetup(services: Services, ui?: GoogleAppsScript.Ui): SetupResult {
  const ops = planSetup(readSetupState(services));
  for (const op of ops) applySetupOp(services, op);
  const props = services.PropertiesService.getScriptProperties();
  if (!props.getProperty(PROPERTY_KEYS.reportFolderId)) {
    props.setProperty(
      PROPERTY_KEYS.reportFolderId,
      services.DriveApp.createFolder(REPORT_FOLDER_NAME).getId(),
    );
  }
  const functionUrlSet = ui
    ? askFunctionUrl(services, ui)
    : !!props.getProperty(PROPERTY_KEYS.functionBaseUrl);
  return { ops, functionUrlSet };
}
