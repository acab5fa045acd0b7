// Structured logs as Cloud Logging reads them: one JSON line per entry on stdout (stderr for
// WARNING and above) with `severity`, `message`, the request id and, when the request carried one,
// `logging.googleapis.com/trace`. Children add fields (the request id) to every entry they write.
// Credentials in URLs (smtp://user:pass@…) and JWTs are masked in every value, as a last line of
// defence.

export const LOG_SEVERITIES = ["DEBUG", "INFO", "NOTICE", "WARNING", "ERROR"] as const;
export type LogSeverity = (typeof LOG_SEVERITIES)[number];
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger adding `fields` to every entry (e.g. `{ requestId }`). */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** Where lines go (default: stdout, stderr from WARNING up). */
  sink?: (line: string, severity: LogSeverity) => void;
  /** Entries below this are dropped (default INFO). */
  level?: LogSeverity;
  fields?: LogFields;
}

const URL_CREDENTIALS = /(\/\/[^:@/\s]*):[^@/\s]+@/g;
const JWT = /eyJ[\w-]*\.[\w-]+\.[\w-]*/g;
const TRACE_FIELD = "logging.googleapis.com/trace";

/** Errors as plain fields; URL passwords masked wherever they appear. */
function safe(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.replace(URL_CREDENTIALS, "$1:***@").replace(JWT, "<token>");
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return safe(
      {
        name: value.name,
        message: value.message,
        ...(code === undefined ? {} : { code }),
        stack: value.stack,
      },
      depth,
    );
  }
  if (value === null || typeof value !== "object" || depth > 6) return value;
  if (Array.isArray(value)) return value.map((v) => safe(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, safe(v, depth + 1)]));
}

const defaultSink = (line: string, severity: LogSeverity) =>
  (LOG_SEVERITIES.indexOf(severity) >= 3 ? process.stderr : process.stdout).write(`${line}\n`);

export function createLogger(options: LoggerOptions = {}): Logger {
  const sink = options.sink ?? defaultSink;
  const min = LOG_SEVERITIES.indexOf(options.level ?? "INFO");
  const base = options.fields ?? {};
  const write = (severity: LogSeverity, message: string, fields: LogFields = {}) => {
    if (LOG_SEVERITIES.indexOf(severity) < min) return;
    const entry = safe({
      severity,
      message,
      time: new Date().toISOString(),
      ...base,
      ...fields,
    }) as LogFields;
    let line: string;
    try {
      line = JSON.stringify(entry);
    } catch {
      line = JSON.stringify({ severity, message: safe(message), note: "fields could not be serialised" });
    }
    sink(line, severity);
  };
  return {
    debug: (m, f) => write("DEBUG", m, f),
    info: (m, f) => write("INFO", m, f),
    warn: (m, f) => write("WARNING", m, f),
    error: (m, f) => write("ERROR", m, f),
    child: (fields) => createLogger({ ...options, sink, fields: { ...base, ...fields } }),
  };
}

/** A logger that writes nothing (the default of handlers called without one). */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

/**
 * The trace field Cloud Logging groups a request's entries by, from the X-Cloud-Trace-Context header
 * ("TRACE_ID/SPAN_ID;o=1") the platform sets.
 */
export function traceFields(header: string | undefined, projectId: string | undefined): LogFields {
  const trace = header?.split("/")[0]?.trim();
  if (!trace || !/^[0-9a-f]{16,32}$/i.test(trace) || !projectId) return {};
  return { [TRACE_FIELD]: `projects/${projectId}/traces/${trace}` };
}
