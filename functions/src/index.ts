// Entry point of the Cloud Functions: configuration read once, dependencies built once, every HTTP
// function registered with the Functions Framework.
import type { Firestore } from "@google-cloud/firestore";
import { http } from "@google-cloud/functions-framework";
import { createFirestore } from "./adapters/firestore/client.ts";
import { type Config, loadConfig } from "./config.ts";
import { type CallerVerifier, idTokenVerifier } from "./handlers/auth.ts";
import { jsonHandler } from "./handlers/http.ts";
import { SyncBodySchema, sync } from "./handlers/sync.ts";

export interface FunctionDeps {
  db: () => Firestore;
  verifyCaller: CallerVerifier;
  now: () => Date;
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
}

registerFunctions(createDeps(loadConfig()));
