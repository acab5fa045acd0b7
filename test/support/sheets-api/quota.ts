// The Sheets API's per-minute quotas as Google enforces them: read and write requests counted
// separately, per user and per project, over the last 60 seconds of an injectable clock; beyond a
// limit the request is answered 429 RESOURCE_EXHAUSTED with Google's body and no Retry-After.

export type QuotaKind = "read" | "write";

export interface QuotaLimits {
  readPerMinutePerUser: number;
  readPerMinutePerProject: number;
  writePerMinutePerUser: number;
  writePerMinutePerProject: number;
}

/** The usage limits page: 60 per minute per user, 300 per minute per project, for reads and for writes. */
export const GOOGLE_QUOTA: QuotaLimits = {
  readPerMinutePerUser: 60,
  readPerMinutePerProject: 300,
  writePerMinutePerUser: 60,
  writePerMinutePerProject: 300,
};

const WINDOW_MS = 60_000;
export const STAND_IN_PROJECT_NUMBER = "123456789012";

export interface QuotaRefusal {
  kind: QuotaKind;
  scope: "user" | "project";
  limit: number;
}

export class QuotaCounter {
  private readonly calls: { at: number; kind: QuotaKind; user: string }[] = [];

  constructor(private readonly limits: QuotaLimits) {}

  /** Counts one request made at `now` (ms), or says which limit refuses it (a refused one is not counted). */
  take(kind: QuotaKind, user: string, now: number): QuotaRefusal | undefined {
    while (this.calls.length && this.calls[0]!.at <= now - WINDOW_MS) this.calls.shift();
    const ofKind = this.calls.filter((c) => c.kind === kind);
    const perUser = kind === "read" ? this.limits.readPerMinutePerUser : this.limits.writePerMinutePerUser;
    const perProject =
      kind === "read" ? this.limits.readPerMinutePerProject : this.limits.writePerMinutePerProject;
    if (ofKind.filter((c) => c.user === user).length >= perUser)
      return { kind, scope: "user", limit: perUser };
    if (ofKind.length >= perProject) return { kind, scope: "project", limit: perProject };
    this.calls.push({ at: now, kind, user });
    return undefined;
  }
}

/** Google's 429 body for an exhausted per-minute quota (as its clients report it). */
export function quotaErrorBody(r: QuotaRefusal) {
  const metric = r.kind === "read" ? "Read requests" : "Write requests";
  const limitName = `${metric} per minute${r.scope === "user" ? " per user" : ""}`;
  const limitId = `${r.kind === "read" ? "Read" : "Write"}RequestsPerMinute${r.scope === "user" ? "PerUser" : ""}`;
  return {
    error: {
      code: 429,
      message: `Quota exceeded for quota metric '${metric}' and limit '${limitName}' of service 'sheets.googleapis.com' for consumer 'project_number:${STAND_IN_PROJECT_NUMBER}'.`,
      status: "RESOURCE_EXHAUSTED",
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "RATE_LIMIT_EXCEEDED",
          domain: "googleapis.com",
          metadata: {
            service: "sheets.googleapis.com",
            consumer: `projects/${STAND_IN_PROJECT_NUMBER}`,
            quota_metric: `sheets.googleapis.com/${r.kind}_requests`,
            quota_limit: limitId,
            quota_limit_value: String(r.limit),
            quota_location: "global",
          },
        },
        {
          "@type": "type.googleapis.com/google.rpc.Help",
          links: [
            {
              description: "Request a higher quota limit.",
              url: "https://cloud.google.com/docs/quotas/help/request_increase",
            },
          ],
        },
      ],
    },
  };
}
