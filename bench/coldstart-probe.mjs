// Cold-start probe, run as a fresh process: imports a functions module, starts the Functions
// Framework app of `sync` and answers a first request (401: no token). Prints JSON timings measured
// from the process's own start (performance.timeOrigin). The request goes through node:http, not
// fetch: undici's own first-use cost belongs to the caller, not to the function's cold start.
import { request } from "node:http";
import { performance } from "node:perf_hooks";

const [entry, warmImport] = process.argv.slice(2);
if (warmImport) await import(warmImport);
await import(entry);
const imported = performance.now();
const { getTestServer } = await import("@google-cloud/functions-framework/testing");
const server = getTestServer("sync");
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const status = await new Promise((resolve, reject) => {
  const req = request(
    {
      host: "127.0.0.1",
      port: server.address().port,
      path: "/",
      method: "POST",
      headers: { "content-type": "application/json" },
    },
    (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    },
  );
  req.on("error", reject);
  req.end("{}");
});
const answered = performance.now();
server.close();
console.log(JSON.stringify({ importMs: imported, firstResponseMs: answered, status }));
process.exit(0);
