import { describe, expect, it } from "vitest";
import { createLogger, traceFields } from "../../../../functions/src/adapters/log/logger.ts";

const capture = (level?: "DEBUG" | "INFO") => {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ sink: (l) => lines.push(JSON.parse(l)), ...(level ? { level } : {}) });
  return { lines, log };
};

describe("createLogger", () => {
  it("writes one JSON entry per call with severity, message and the child's fields", () => {
    const { lines, log } = capture();
    const child = log.child({ requestId: "req-1" });
    child.info("sync: validated", { rows: 3 });
    child.warn("request refused", { status: 401 });
    child.debug("dropped below INFO");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      severity: "INFO",
      message: "sync: validated",
      requestId: "req-1",
      rows: 3,
    });
    expect(lines[1]).toMatchObject({ severity: "WARNING", requestId: "req-1", status: 401 });
    expect(typeof lines[0]!.time).toBe("string");
  });

  it("masks URL passwords and JWTs in any value, errors included", () => {
    const { lines, log } = capture();
    log.error("mail failed", {
      config: { smtpUrl: "smtp://kbo:S3cret@mail.example.org:587" },
      error: new Error(
        "refused token eyJhbGciOiJSUzI1NiJ9.eyJlbWFpbCI6ImEifQ.c2lnbmF0dXJl for smtps://u:p4ss@h",
      ),
    });
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/S3cret|p4ss|c2lnbmF0dXJl/);
    expect(text).toContain("smtp://kbo:***@mail.example.org:587");
    expect(lines[0]).toMatchObject({ severity: "ERROR", error: { name: "Error" } });
  });
});

describe("traceFields", () => {
  it("links an entry to the request's Cloud Trace", () => {
    expect(traceFields("4bf92f3577b34da6a3ce929d0e0e4736/1;o=1", "kbo")).toEqual({
      "logging.googleapis.com/trace": "projects/kbo/traces/4bf92f3577b34da6a3ce929d0e0e4736",
    });
    expect(traceFields(undefined, "kbo")).toEqual({});
    expect(traceFields("not a trace", "kbo")).toEqual({});
  });
});
