// The Apps Script services the glue uses, passed in as one object: main.ts binds the real globals,
// tests pass hand-written fakes.

export interface Services {
  SpreadsheetApp: GoogleAppsScript.SpreadsheetAppService;
  PropertiesService: GoogleAppsScript.PropertiesServiceService;
  LockService: GoogleAppsScript.LockServiceService;
  UrlFetchApp: GoogleAppsScript.UrlFetchAppService;
  ScriptApp: GoogleAppsScript.ScriptAppService;
  Utilities: GoogleAppsScript.UtilitiesService;
  DriveApp: GoogleAppsScript.DriveAppService;
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
    now: () => new Date(),
  };
}
