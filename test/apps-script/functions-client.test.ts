// Calls to the functions: URL layout, the request Apps Script sends, and every kind of answer read as
// a result (never a throw) so the flush can keep failed tabs queued.
import { describe, expect, it } from "vitest";
import { buildRequest, readResponse } from "../../apps-script/src/functions-client.ts";
import { functionUrl, normaliseBaseUrl } from "../../apps-script/src/settings.ts";
import { FakeHttpResponse } from "./fakes/fake-services.ts";

const answer = (status: number, body: string) => new FakeHttpResponse({ status, body });

describe("function URLs", () => {
  it.each([
    [" https://asia-southeast1-kbo.cloudfunctions.net/ ", "https://asia-southeast1-kbo.cloudfunctions.net"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
    ["http://localhost:8080/", "http://localhost:8080"],
    ["http://kbo.example", undefined],
    ["ftp://x", undefined],
    ["", undefined],
  ])("normaliseBaseUrl(%j) = %j", (text, url) => {
    expect(normaliseBaseUrl(text)).toBe(url);
  });
  it("puts the function name under the base", () => {
    expect(functionUrl("https://fn.example/", "meetingReport")).toBe("https://fn.example/meetingReport");
  });
});

describe("requests and answers", () => {
  it("POSTs JSON with the ID token and never lets UrlFetchApp throw on an HTTP error", () => {
    expect(buildRequest("https://fn.example", "sync", { a: "ก" }, "tok")).toEqual({
      url: "https://fn.example/sync",
      method: "post",
      contentType: "application/json",
      payload: '{"a":"ก"}',
      headers: { Authorization: "Bearer tok" },
      muteHttpExceptions: true,
    });
  });
  it.each([
    [200, '{"rows":[]}', { ok: true, status: 200, body: { rows: [] } }],
    [
      403,
      '{"error":{"code":"CALLER_NOT_ALLOWED","message":"x@y is not an allowed caller"}}',
      { ok: false, status: 403, code: "CALLER_NOT_ALLOWED", message: "x@y is not an allowed caller" },
    ],
    [
      502,
      "<html>Bad gateway</html>",
      { ok: false, status: 502, code: "HTTP_502", message: "<html>Bad gateway</html>" },
    ],
    [200, "not json", { ok: false, status: 200, code: "HTTP_200", message: "not json" }],
  ])("HTTP %i %s", (status, body, result) => {
    expect(readResponse(answer(status, body))).toEqual(result);
  });
});
