// The requestId of a sync: the same for a re-sent body of the same queued edit (so the server answers
// a retry whose first answer was lost from what it stored, and a late duplicate of an older body can
// never undo a newer sync), new for anything else: another edit (the queue version) or another body
// (a SHA-256 of it). See docs/architecture.md, "What the server expects of Apps Script".
import type { RecordTab } from "../../functions/src/domain/tabs.ts";
import type { SyncBody } from "../../functions/src/handlers/wire.ts";

export function syncRequestId(
  utilities: GoogleAppsScript.Utilities.Utilities,
  tab: RecordTab,
  version: number,
  body: Omit<SyncBody, "requestId">,
): string {
  const digest = utilities.computeDigest(
    utilities.DigestAlgorithm.SHA_256,
    JSON.stringify(body),
    utilities.Charset.UTF_8,
  );
  // Apps Script's bytes are signed (-128..127).
  const hex = digest.map((b) => ((b + 256) % 256).toString(16).padStart(2, "0")).join("");
  return `kbo:${tab}:${version}:${hex.slice(0, 32)}`;
}
