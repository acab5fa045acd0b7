// The Google Sheets API a command talks to: SHEETS_API_ROOT_URL (a local stand-in, no credentials)
// when set, else Google's with the Application Default Credentials; with the quota pacer of this run
// and the e-mail staff must share their spreadsheets with (KBO_SERVICE_ACCOUNT, else the credentials').
// Without credentials it fails at once with SHEETS_NO_CREDENTIALS, naming what to set.
import { type QuotaPacer, quotaPacer } from "../adapters/sheets/quota-pacer.ts";
import {
  assertSheetsCredentials,
  type SheetsApi,
  serviceAccountEmail,
  sheetsApiFor,
} from "../adapters/sheets/sheets-client.ts";
import { loadConfig } from "../config.ts";
import type { CliIo } from "./io.ts";

export interface OpenSheets {
  sheets: SheetsApi;
  pacer: QuotaPacer;
  serviceAccount?: string;
  /** Where requests go, for people. */
  where: string;
}

export async function openSheets(io: CliIo): Promise<OpenSheets> {
  const config = loadConfig(io.env);
  await assertSheetsCredentials(config);
  return {
    sheets: sheetsApiFor(config),
    pacer: quotaPacer(),
    serviceAccount: await serviceAccountEmail(config),
    where: config.sheetsApiRootUrl
      ? `${config.sheetsApiRootUrl} (SHEETS_API_ROOT_URL)`
      : "Google Sheets API (Application Default Credentials)",
  };
}
