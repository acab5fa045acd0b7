// The sample workbook's summaries and meetings, as the summary report is made of them: the file's valid
// rows through the same summarise() the summary tabs use (no Firestore needed).
import { fileURLToPath } from "node:url";
import { readWorkbook } from "../../functions/src/adapters/workbook/read-workbook.ts";
import { meetingFromValidation } from "../../functions/src/cli/commands/report.ts";
import { type Summaries, summarise } from "../../functions/src/domain/summaries.ts";
import type { MeetingForSummary } from "../../functions/src/domain/summary-report-model.ts";
import { validateWorkbook } from "../../functions/src/domain/validate-workbook.ts";

export const SAMPLE_XLSX = new URL("../../examples/kbo-sample.xlsx", import.meta.url);

export async function sampleSummaryInput(): Promise<{ summaries: Summaries; meetings: MeetingForSummary[] }> {
  const raw = await readWorkbook(fileURLToPath(SAMPLE_XLSX));
  const v = validateWorkbook(raw, { today: "2026-12-01" });
  const meetings = v.meetings.flatMap((r) => {
    if (!r.record) return [];
    const details = meetingFromValidation(v, r.record.number);
    return [{ ...r.record, attendees: details.attendees, agenda: details.agenda }];
  });
  return {
    summaries: summarise(
      v.products.flatMap((r) => (r.record ? [r.record] : [])),
      meetings,
    ),
    meetings,
  };
}
