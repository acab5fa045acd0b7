// Script Properties the front end keeps (function base URL, report folder, the edit queue) and the
// URL of one HTTP function under the base: `<base>/<functionName>`, as Cloud Functions and `kbo serve` do.

export const PROPERTY_KEYS = {
  functionBaseUrl: "KBO_FUNCTION_BASE_URL",
  reportFolderId: "KBO_REPORT_FOLDER_ID",
  queue: "KBO_EDIT_QUEUE",
  flushLease: "KBO_FLUSH_LEASE_UNTIL",
} as const;

export const FUNCTION_NAMES = ["sync", "rebuildSummaries", "meetingReport"] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** A base URL as staff paste it: trimmed, https (or http on 127.0.0.1/localhost for tests), no trailing slash. */
export function normaliseBaseUrl(text: string): string | undefined {
  const url = text.trim().replace(/\/+$/, "");
  if (/^https:\/\/[^\s/]+(\/\S*)?$/i.test(url)) return url;
  if (/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/\S*)?$/i.test(url)) return url;
  return undefined;
}

export function functionUrl(base: string, name: FunctionName): string {
  return `${base.replace(/\/+$/, "")}/${name}`;
}
