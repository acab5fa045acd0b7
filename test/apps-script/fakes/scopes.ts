// The authorisation rule of Apps Script, for the fakes: a call is allowed only when the manifest
// grants one of the scopes the method's reference page lists under "Authorization"; otherwise it
// throws Apps Script's own permission error. Each entry names its reference page.
import { readFileSync } from "node:fs";

const AUTH = "https://www.googleapis.com/auth/";
const REF = "https://developers.google.com/apps-script/reference/";

/** Any one of these scopes allows the call. */
interface Rule {
  scopes: readonly string[];
  source: string;
}

const SPREADSHEETS: Rule = {
  scopes: [`${AUTH}spreadsheets.currentonly`, `${AUTH}spreadsheets`],
  source: `${REF}spreadsheet/range#getValues() (and every Spreadsheet, Sheet, Range and Protection method)`,
};
const DRIVE_READ: readonly string[] = [`${AUTH}drive.readonly`, `${AUTH}drive`];

/** Per call, "Class.method"; a class-wide rule under "Class.*". Calls absent here need no scope. */
export const SCOPE_RULES: Readonly<Record<string, Rule>> = {
  "SpreadsheetApp.getActive": { ...SPREADSHEETS, source: `${REF}spreadsheet/spreadsheet-app#getActive()` },
  "Spreadsheet.*": SPREADSHEETS,
  "Sheet.*": SPREADSHEETS,
  "Range.*": SPREADSHEETS,
  "Protection.*": SPREADSHEETS,
  "UrlFetchApp.fetchAll": {
    scopes: [`${AUTH}script.external_request`],
    source: `${REF}url-fetch/url-fetch-app#fetchAll(Object)`,
  },
  "ScriptApp.getProjectTriggers": {
    scopes: [`${AUTH}script.scriptapp`],
    source: `${REF}script/script-app#getProjectTriggers()`,
  },
  "ScriptApp.newTrigger": {
    scopes: [`${AUTH}script.scriptapp`],
    source: `${REF}script/script-app#newTrigger(String)`,
  },
  "Session.getEffectiveUser": {
    scopes: [`${AUTH}userinfo.email`],
    source: `${REF}base/session#getEffectiveUser()`,
  },
  "DriveApp.createFolder": { scopes: [`${AUTH}drive`], source: `${REF}drive/drive-app#createFolder(String)` },
  "DriveApp.getFolderById": { scopes: DRIVE_READ, source: `${REF}drive/drive-app#getFolderById(String)` },
  "Folder.createFile": { scopes: [`${AUTH}drive`], source: `${REF}drive/folder#createFile(BlobSource)` },
  "Folder.getId": { scopes: DRIVE_READ, source: `${REF}drive/folder#getId()` },
  "File.getUrl": { scopes: DRIVE_READ, source: `${REF}drive/file#getUrl()` },
};

/** Apps Script's message when the manifest's oauthScopes do not cover a call. */
export function permissionMessage(call: string, scopes: readonly string[]): string {
  const required = scopes.length === 1 ? scopes[0] : `(${scopes.join(" || ")})`;
  return `Specified permissions are not sufficient to call ${call}. Required permissions: ${required}`;
}

/** The scopes a project grants, and the check every fake method makes before it acts. */
export class Authorisation {
  readonly checked: string[] = [];
  constructor(public granted: readonly string[]) {}

  has(scope: string): boolean {
    return this.granted.includes(scope);
  }

  require(call: string): void {
    const rule = SCOPE_RULES[call] ?? SCOPE_RULES[`${call.split(".")[0]}.*`];
    if (!rule) return;
    this.checked.push(call);
    if (!rule.scopes.some((s) => this.granted.includes(s))) {
      const error = new Error(permissionMessage(call, rule.scopes));
      error.name = "Exception";
      throw error;
    }
  }
}

/** The scopes of the manifest the build writes (apps-script/build.ts copies this file into dist/). */
export function manifestScopes(
  path = new URL("../../../apps-script/appsscript.json", import.meta.url),
): string[] {
  return (JSON.parse(readFileSync(path, "utf8")) as { oauthScopes: string[] }).oauthScopes;
}
