// The few Apps Script globals the bundle uses, declared by hand (@types/google-apps-script is not
// installed). Test fakes implement these same interfaces, so a fake that drifts fails to compile.

declare namespace GoogleAppsScript {
  type CellValue = string | number | boolean | Date | null;

  interface Range {
    getRow(): number;
    getColumn(): number;
    getNumRows(): number;
    getNumColumns(): number;
    getSheet(): Sheet;
    getValues(): CellValue[][];
    getNotes(): string[][];
    setValues(values: CellValue[][]): Range;
    setValue(value: CellValue): Range;
    setNote(note: string | null): Range;
    setBackground(color: string | null): Range;
    setFontWeight(weight: string | null): Range;
    setDataValidation(rule: DataValidation | null): Range;
    protect(): Protection;
  }

  interface Protection {
    getDescription(): string;
    setDescription(description: string): Protection;
    setWarningOnly(warningOnly: boolean): Protection;
  }

  interface Sheet {
    getName(): string;
    getSheetId(): number;
    getLastRow(): number;
    getLastColumn(): number;
    getMaxRows(): number;
    getRange(row: number, column: number, numRows?: number, numColumns?: number): Range;
    getFrozenRows(): number;
    setFrozenRows(rows: number): void;
    getProtections(type: ProtectionType): Protection[];
    protect(): Protection;
    getActiveRange?(): Range | null;
  }

  interface Spreadsheet {
    getId(): string;
    getSpreadsheetTimeZone(): string;
    getSheets(): Sheet[];
    getSheetByName(name: string): Sheet | null;
    insertSheet(name: string): Sheet;
    getActiveSheet(): Sheet;
    getActiveRange(): Range | null;
    toast(message: string, title?: string, timeoutSeconds?: number): void;
  }

  interface DataValidationBuilder {
    requireValueInList(values: string[], showDropdown?: boolean): DataValidationBuilder;
    requireValueInRange(range: Range, showDropdown?: boolean): DataValidationBuilder;
    setAllowInvalid(allow: boolean): DataValidationBuilder;
    setHelpText(text: string): DataValidationBuilder;
    build(): DataValidation;
  }
  // biome-ignore lint/suspicious/noEmptyInterface: an opaque handle, as in Apps Script.
  interface DataValidation {}

  interface Menu {
    addItem(caption: string, functionName: string): Menu;
    addSeparator(): Menu;
    addToUi(): void;
  }
  interface PromptResponse {
    getSelectedButton(): string;
    getResponseText(): string;
  }
  interface Ui {
    createMenu(caption: string): Menu;
    alert(title: string, prompt?: string, buttons?: string): string;
    prompt(title: string, prompt: string, buttons: string): PromptResponse;
    ButtonSet: { OK: string; OK_CANCEL: string; YES_NO: string };
    Button: { OK: string; CANCEL: string; YES: string; NO: string; CLOSE: string };
  }

  /** An opaque enum member of SpreadsheetApp.ProtectionType. */
  type ProtectionType = unknown;

  interface SpreadsheetAppService {
    ProtectionType: { RANGE: ProtectionType; SHEET: ProtectionType };
    getActive(): Spreadsheet;
    getUi(): Ui;
    newDataValidation(): DataValidationBuilder;
    flush(): void;
  }

  interface Properties {
    getProperty(key: string): string | null;
    setProperty(key: string, value: string): Properties;
    deleteProperty(key: string): Properties;
  }
  interface PropertiesServiceService {
    getScriptProperties(): Properties;
  }

  interface Lock {
    tryLock(timeoutInMillis: number): boolean;
    releaseLock(): void;
  }
  interface LockServiceService {
    getScriptLock(): Lock;
  }

  interface HttpResponse {
    getResponseCode(): number;
    getContentText(): string;
  }
  interface FetchRequest {
    url: string;
    method: "post" | "get";
    contentType?: string;
    payload?: string;
    headers?: Record<string, string>;
    muteHttpExceptions?: boolean;
  }
  interface UrlFetchAppService {
    fetchAll(requests: FetchRequest[]): HttpResponse[];
  }

  interface Trigger {
    getHandlerFunction(): string;
  }
  interface TriggerBuilder {
    forSpreadsheet(ss: Spreadsheet): SpreadsheetTriggerBuilder;
    timeBased(): ClockTriggerBuilder;
  }
  interface SpreadsheetTriggerBuilder {
    onEdit(): SpreadsheetTriggerBuilder;
    onChange(): SpreadsheetTriggerBuilder;
    create(): Trigger;
  }
  interface ClockTriggerBuilder {
    everyMinutes(n: number): ClockTriggerBuilder;
    create(): Trigger;
  }
  interface ScriptAppService {
    getIdentityToken(): string;
    getProjectTriggers(): Trigger[];
    newTrigger(functionName: string): TriggerBuilder;
  }

  interface Blob {
    getBytes(): number[];
  }
  interface UtilitiesService {
    getUuid(): string;
    formatDate(date: Date, timeZone: string, format: string): string;
    base64Decode(encoded: string): number[];
    newBlob(data: number[], contentType: string, name: string): Blob;
  }

  interface File {
    getUrl(): string;
  }
  interface Folder {
    getId(): string;
    createFile(blob: Blob): File;
  }
  interface DriveAppService {
    getFolderById(id: string): Folder;
    createFolder(name: string): Folder;
  }

  /** The event of an installable onEdit trigger. */
  interface EditEvent {
    range: Range;
  }
  /** The event of an installable onChange trigger. */
  interface ChangeEvent {
    changeType: string;
    source: Spreadsheet;
  }
}

declare const SpreadsheetApp: GoogleAppsScript.SpreadsheetAppService;
declare const PropertiesService: GoogleAppsScript.PropertiesServiceService;
declare const LockService: GoogleAppsScript.LockServiceService;
declare const UrlFetchApp: GoogleAppsScript.UrlFetchAppService;
declare const ScriptApp: GoogleAppsScript.ScriptAppService;
declare const Utilities: GoogleAppsScript.UtilitiesService;
declare const DriveApp: GoogleAppsScript.DriveAppService;
