// One registered Cloud Function behind the Functions Framework's real server on 127.0.0.1, with a
// local ID-token issuer and a good token for the allowed caller: the set-up every HTTP test shares.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { silentLogger } from "../../../functions/src/adapters/log/logger.ts";
import { type FunctionDeps, registerFunctions } from "../../../functions/src/functions.ts";
import { idTokenVerifier } from "../../../functions/src/handlers/auth.ts";
import { startTokenIssuer, type TokenIssuer } from "./id-tokens.ts";

export const TEST_AUDIENCE = "1234-apps-script.apps.googleusercontent.com";
export const TEST_CALLER = "staff@example.org";

export interface PostResult {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field in assertions
  json: Record<string, any>;
}

export interface FunctionServer {
  url: string;
  issuer: TokenIssuer;
  /** A valid token of TEST_CALLER for TEST_AUDIENCE. */
  token: string;
  /** POSTs a body (JSON-encoded unless a string) with `token` (null: no Authorization header). */
  post(body: unknown, token?: string | null, contentType?: string): Promise<PostResult>;
  close(): Promise<void>;
}

export async function startFunctionServer(
  name: string,
  deps: Omit<FunctionDeps, "verifyCaller" | "log"> & Partial<Pick<FunctionDeps, "log">>,
): Promise<FunctionServer> {
  const issuer = await startTokenIssuer();
  registerFunctions({
    log: silentLogger,
    ...deps,
    verifyCaller: idTokenVerifier({
      audience: TEST_AUDIENCE,
      allowedCallers: [TEST_CALLER],
      certsUrl: issuer.certsUrl,
    }),
  });
  const server: Server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const token = await issuer.sign({ email: TEST_CALLER, aud: TEST_AUDIENCE });
  return {
    url,
    issuer,
    token,
    async post(body, bearer = token, contentType = "application/json") {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": contentType, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as PostResult["json"] };
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await issuer.close();
    },
  };
}
