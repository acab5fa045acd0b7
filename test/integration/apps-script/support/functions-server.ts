// The Apps Script end-to-end test's functions server, in its own process since the test blocks its
// event loop on synchronous UrlFetch calls: the Functions Framework serving the real `sync` on the
// emulator, tokens from a local issuer. Args: HOST PROJECT CALLER AUDIENCE; prints {port, token}.
import type { AddressInfo } from "node:net";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { createFirestore } from "../../../../functions/src/adapters/firestore/client.ts";
import { silentLogger } from "../../../../functions/src/adapters/log/logger.ts";
import { registerFunctions } from "../../../../functions/src/functions.ts";
import { idTokenVerifier } from "../../../../functions/src/handlers/auth.ts";
import { startTokenIssuer } from "../../support/id-tokens.ts";

const [host, projectId, caller, audience] = process.argv.slice(2);
if (!host || !projectId || !caller || !audience)
  throw new Error("usage: functions-server.ts HOST PROJECT CALLER AUDIENCE");

const issuer = await startTokenIssuer();
const db = createFirestore({ firestoreEmulatorHost: host, projectId });
registerFunctions({
  log: silentLogger,
  db: () => db,
  verifyCaller: idTokenVerifier({ audience, allowedCallers: [caller], certsUrl: issuer.certsUrl }),
  now: () => new Date(),
});
const server = getTestServer("sync");
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const token = await issuer.sign({ email: caller, aud: audience });
console.log(JSON.stringify({ port: (server.address() as AddressInfo).port, token }));

const stop = () => {
  server.close();
  void issuer.close();
  void db.terminate().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
