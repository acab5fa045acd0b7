// "ตั้งค่าระบบ": asks once for the function URL (first, so nothing after it can stop staff from
// giving it), applies the setup plan, installs the triggers unless another staff member owns them,
// and makes the report folder in Drive; a Drive failure is reported, not fatal. Running it again
// changes nothing.
import type { RecordTab } from "../../functions/src/domain/tabs.ts";
import type { Range, Services, Sheet, Ui } from "./services.ts";
import { normaliseBaseUrl, PROPERTY_KEYS } from "./settings.ts";
import { planSetup, type SetupOp, type SetupState } from "./setup-plan.ts";
import type { SheetCell } from "./sheet-snapshot.ts";
import type { TabConflict } from "./tab-resolver.ts";

export const REPORT_FOLDER_NAME = "KBO รายงานการประชุม";
const TOP_ROWS = 10;
/** Number format of plain text (Range.setNumberFormat): what staff type stays as typed. */
export const PLAIN_TEXT_FORMAT = "@";

export function readSetupState(services: Services, triggersOwnedElsewhere = false): SetupState {
  const ss = services.SpreadsheetApp.getActive();
  const types = services.SpreadsheetApp.ProtectionType;
  return {
    sheets: ss.getSheets().map((sheet) => {
      const rows = Math.min(TOP_ROWS, sheet.getLastRow());
      const columns = sheet.getLastColumn();
      const sheetProtections = sheet.getProtections(types.SHEET);
      return {
        name: sheet.getName(),
        top:
          rows > 0 && columns > 0 ? (sheet.getRange(1, 1, rows, columns).getValues() as SheetCell[][]) : [],
        frozenRows: sheet.getFrozenRows(),
        protections: [...sheet.getProtections(types.RANGE), ...sheetProtections].map((p) =>
          p.getDescription(),
        ),
        sheetProtected: sheetProtections.length > 0,
      };
    }),
    // ScriptApp.getProjectTriggers lists only the current user's triggers.
    triggers: triggersOwnedElsewhere
      ? []
      : services.ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction()),
    triggersOwnedElsewhere,
  };
}

function columnToEnd(sheet: Sheet, fromRow: number, column: number): Range {
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
    case "plainText":
      columnToEnd(sheetOf(op.sheet), op.fromRow, op.column).setNumberFormat(PLAIN_TEXT_FORMAT);
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
  conflicts: TabConflict[];
  /** Sheets used although their name holds other words (warned about). */
  inexact: { tab: RecordTab; sheet: string }[];
  /** Whose triggers run the flush, and whether that is the person who ran setup. */
  triggers: { owner: string; mine: boolean };
  /** Why the report folder could not be made (reports cannot be filed until setup runs again). */
  driveError?: string;
}

/** Asks for the function URL (once), used by the setup menu. Returns false when none was given. */
export function askFunctionUrl(services: Services, ui: Ui): boolean {
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

/** The person running this, by e-mail ("" when Google does not say). */
const currentUser = (services: Services) => services.Session.getEffectiveUser().getEmail();

export function runSetup(services: Services, ui?: Ui): SetupResult {
  const props = services.PropertiesService.getScriptProperties();
  const functionUrlSet = ui
    ? askFunctionUrl(services, ui)
    : !!props.getProperty(PROPERTY_KEYS.functionBaseUrl);

  // Installable triggers belong to whoever made them and getProjectTriggers shows only one's own:
  // the owner is recorded, so a second staff member never installs a second set.
  const me = currentUser(services);
  const owner = props.getProperty(PROPERTY_KEYS.triggerOwner);
  const ownedElsewhere = owner !== null && owner !== me;
  const plan = planSetup(readSetupState(services, ownedElsewhere));
  for (const op of plan.ops) applySetupOp(services, op);
  if (!ownedElsewhere) props.setProperty(PROPERTY_KEYS.triggerOwner, me);

  const result: SetupResult = {
    ops: plan.ops,
    functionUrlSet,
    conflicts: plan.conflicts,
    inexact: plan.inexact,
    triggers: { owner: ownedElsewhere ? owner : me, mine: !ownedElsewhere },
  };
  if (!props.getProperty(PROPERTY_KEYS.reportFolderId)) {
    try {
      props.setProperty(
        PROPERTY_KEYS.reportFolderId,
        services.DriveApp.createFolder(REPORT_FOLDER_NAME).getId(),
      );
    } catch (e) {
      result.driveError = String((e as Error)?.message ?? e);
    }
  }
  return result;
}
