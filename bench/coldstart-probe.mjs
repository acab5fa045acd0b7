// Cold-start probe, run as a fresh process: imports a functions module, starts the Functions
// Framework app of `sync` and answers a first request (401: no token). Prints JSON timings measured
// from the process's own start (performance.timeOrigin).
import { performance } from "node:perf_hooks";

const [entry, warmImport] = process.argv.slice(2);
if (warmImport) await import(warmImport);
await import(entry);
const imported = performance.now();
const { getTestServer } = await import("@google-cloud/functions-framework/testing");
const server = getTestServer("sync");
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const res = await fetch(`http://127.0.0.1:${server.address().port}/`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: "{}",
});
await res.text();
const answered = performance.now();
server.close();
console.log(JSON.stringify({ importMs: imported, firstResponseMs: answered, status: res.status }));
process.exit(0);
