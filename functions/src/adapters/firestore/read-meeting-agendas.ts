// The meetings with their agenda, as the programme summary prints them (number, title, date and each
// item's resolution), for one source or every source. Few documents: read whole.
import type { Firestore } from "@google-cloud/firestore";
import type { MeetingForSummary } from "../../domain/summary-report-model.ts";
import { retryFirestore } from "../retry.ts";
import { collections } from "./collections.ts";

export async function readMeetingAgendas(
  db: Firestore,
  spreadsheetId: string | undefined,
): Promise<MeetingForSummary[]> {
  const all = collections(db).meetings;
  const own = spreadsheetId === undefined ? all : all.where("source.spreadsheetId", "==", spreadsheetId);
  const snap = await retryFirestore(() => own.where("deleted", "==", false).get());
  return snap.docs.map((d) => {
    const m = d.data();
    return {
      number: m.number,
      title: m.title,
      date: m.date,
      agenda: (m.agenda ?? []).map((a) => ({
        item: a.item,
        subject: a.subject,
        ...(a.resolution ? { resolution: a.resolution } : {}),
      })),
    };
  });
}
