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

/** The real services (only called inside Apps Script, where the globals exist). */
export function appsScriptServices(): Services {
  return {
    SpreadsheetApp,
    PropertiesService,
    LockService,
    UrlFetchApp,
    ScriptApp,
    Utilities,
    DriveApp,
    now: () => new Date(),
  };
}
