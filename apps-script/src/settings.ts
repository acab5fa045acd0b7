// Script Properties the front end keeps (function base URL, report folder, the edit queue, the
// triggers' owner) and the URL of one HTTP function under the base: `<base>/<functionName>`, as
// Cloud Functions and `kbo serve` do.

export const PROPERTY_KEYS = {
  functionBaseUrl: "KBO_FUNCTION_BASE_URL",
  reportFolderId: "KBO_REPORT_FOLDER_ID",
  queue: "KBO_EDIT_QUEUE",
  flushLease: "KBO_FLUSH_LEASE_UNTIL",
  /** The e-mail of the staff member whose triggers run the flush (getProjectTriggers shows only one's own). */
  triggerOwner: "KBO_TRIGGER_OWNER",
  /** Rows × columns of each record tab when last seen, so the change trigger knows which tab changed. */
  tabShapes: "KBO_TAB_SHAPES",
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
