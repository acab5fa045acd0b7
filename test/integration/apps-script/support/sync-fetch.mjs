// UrlFetchApp.fetch made synchronous for a test: the test runs this with execFileSync, passing one
// Apps Script request object on stdin; it makes the real HTTP call and prints {status, body}.
// A failure to connect prints {error} instead (the fake turns it into a thrown exception).
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));
try {
  const res = await fetch(request.url, {
    method: (request.method ?? "get").toUpperCase(),
    headers: { ...(request.contentType ? { "content-type": request.contentType } : {}), ...request.headers },
    body: request.payload,
    signal: AbortSignal.timeout(30_000),
  });
  process.stdout.write(JSON.stringify({ status: res.status, body: await res.text() }));
} catch (e) {
  process.stdout.write(JSON.stringify({ error: String(e?.cause?.code ?? e?.message ?? e) }));
}
