// Entry point of the Cloud Functions: configuration read once, dependencies built once, every HTTP
// function registered with the Functions Framework.
import type { Firestore } from "@google-cloud/firestore";
import { http } from "@google-cloud/functions-framework";
import { createFirestore } from "./adapters/firestore/client.ts";
import { createDefaultSheetsApi, type SheetsApi } from "./adapters/sheets/sheets-client.ts";
import { type Config, loadConfig } from "./config.ts";
import { type CallerVerifier, idTokenVerifier } from "./handlers/auth.ts";
import { jsonHandler } from "./handlers/http.ts";
import {
  REBUILD_STATUS_BY_CODE,
  RebuildSummariesBodySchema,
  rebuildSummaries,
} from "./handlers/rebuild-summaries.ts";
import { SyncBodySchema, sync } from "./handlers/sync.ts";

export interface FunctionDeps {
  db: () => Firestore;
  verifyCaller: CallerVerifier;
  now: () => Date;
  /** The Sheets API client (default: Google's, with the service account's default credentials). */
  sheets?: () => SheetsApi;
}

export function createDeps(config: Config): FunctionDeps {
  let db: Firestore | undefined;
  return {
    // Created on first use, so a function that never touches Firestore starts without it.
    db: () => {
      db ??= createFirestore(config);
      return db;
    },
    verifyCaller: idTokenVerifier({
      audience: config.idTokenAudience,
      allowedCallers: config.allowedCallers,
    }),
    now: () => new Date(),
  };
}

export function registerFunctions(deps: FunctionDeps): void {
  http(
    "sync",
    jsonHandler({ schema: SyncBodySchema, verifyCaller: deps.verifyCaller }, (body, ctx) =>
      sync({ db: deps.db(), now: deps.now }, body, ctx.caller),
    ),
  );
  let sheets: SheetsApi | undefined;
  const sheetsApi = () => {
    sheets ??= deps.sheets?.() ?? createDefaultSheetsApi();
    return sheets;
  };
  http(
    "rebuildSummaries",
    jsonHandler(
      {
        schema: RebuildSummariesBodySchema,
        verifyCaller: deps.verifyCaller,
        statusByCode: REBUILD_STATUS_BY_CODE,
      },
      (body) => rebuildSummaries({ db: deps.db(), sheets: sheetsApi() }, body),
    ),
  );
}

registerFunctions(createDeps(loadConfig()));
