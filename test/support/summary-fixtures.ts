// Records for the summary tests, written straight into the emulator in the mirror's document shape:
// generated products (bench/summaries-data.ts) and meetings with attendees, plus report outbox docs.
import { type Firestore, Timestamp } from "@google-cloud/firestore";
import { generatedProducts, seedProducts } from "../../bench/summaries-data.ts";
import { isoDateToDate } from "../../functions/src/adapters/firestore/collections.ts";
import type { AttendanceKind } from "../../functions/src/domain/closed-sets.ts";

export { generatedProducts, seedProducts };

export interface MeetingFixture {
  id: string;
  number: string;
  title: string;
  date: string;
  attendance: AttendanceKind[];
  deleted?: boolean;
}

export async function seedMeetings(db: Firestore, meetings: MeetingFixture[], spreadsheetId: string) {
  const now = Timestamp.fromDate(new Date("2020-01-20T03:00:00Z"));
  const batch = db.batch();
  meetings.forEach((m, i) => {
    batch.set(db.collection("meetings").doc(m.id), {
      id: m.id,
      number: m.number,
      title: m.title,
      date: isoDateToDate(m.date),
      recipients: [],
      attendees: m.attendance.map((attendance, j) => ({
        meeting: m.number,
        name: `ผู้เข้าประชุม ${j + 1}`,
        attendance,
      })),
      agenda: [],
      source: { spreadsheetId, tab: "การประชุม", row: i + 2 },
      hash: "fixture",
      deleted: m.deleted === true,
      deletedAt: null,
      createdAt: now,
      createdBy: "test",
      updatedAt: now,
      updatedBy: "test",
    });
  });
  await batch.commit();
}

export async function seedReport(
  db: Firestore,
  meeting: { id: string; number: string },
  state: "pending" | "sent" | "failed",
  at: string,
) {
  const revision = `rev${at.replace(/\D/g, "")}`;
  await db
    .collection("reports")
    .doc(`${meeting.id}_${revision}`)
    .set({
      meeting: meeting.number,
      meetingId: meeting.id,
      revision,
      state,
      attempts: 1,
      updatedAt: Timestamp.fromDate(new Date(at)),
      createdAt: Timestamp.fromDate(new Date(at)),
    });
}
