// The Apps Script services the glue uses, passed in as one object typed by @types/google-apps-script:
// main.ts binds the real globals, tests pass fakes that implement the same interfaces.

export type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
export type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type Range = GoogleAppsScript.Spreadsheet.Range;
export type Ui = GoogleAppsScript.Base.Ui;
export type FetchRequest = GoogleAppsScript.URL_Fetch.URLFetchRequest;

export interface Services {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  LockService: GoogleAppsScript.Lock.LockService;
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  DriveApp: GoogleAppsScript.Drive.DriveApp;
  Session: GoogleAppsScript.Base.Session;
  now(): Date;
}

/**
 * The real services (only called inside Apps Script, where the globals exist). Getters, so the
 * simple onOpen trigger, which may not use authorised services, touches only SpreadsheetApp.
 */
export function appsScriptServices(): Services {
  return {
    get SpreadsheetApp() {
      return SpreadsheetApp;
    },
    get PropertiesService() {
      return PropertiesService;
    },
    get LockService() {
      return LockService;
    },
    get UrlFetchApp() {
      return UrlFetchApp;
    },
    get ScriptApp() {
      return ScriptApp;
    },
    get Utilities() {
      return Utilities;
    },
    get DriveApp() {
      return DriveApp;
    },
    get Session() {
      return Session;
    },
    now: () => new Date(),
  };
}
