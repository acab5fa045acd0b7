// The monthly send of the programme summary, as a rule on data: who gets the PDF, who a short
// "ไม่มีความเปลี่ยนแปลง" note, and who nothing, this month. Exactly once per recipient: a revision goes
// to each recipient once; a later month with the same revision sends them the note instead, once.
import { bangkokDate, THAI_MONTHS } from "./thai-date.ts";

/** "2026-12": the month an instant falls in, in Thailand. */
export const bangkokMonth = (instant: Date): string => bangkokDate(instant).slice(0, 7);

/** "ธันวาคม 2569". */
export function thaiMonthName(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `${THAI_MONTHS[m - 1]} ${y + 543}`;
}

export interface MonthlyPlan {
  /** Never had this revision: the PDF. */
  pdf: string[];
  /** Had it in an earlier month: the note. */
  note: string[];
  /** Had it this month already: nothing. */
  done: string[];
}

/**
 * Splits the recipients for this month's run. `sentAt` is when each one received this revision (from
 * its outbox document); a recipient who got it this month needs nothing more, one who got it before
 * gets the note (its own outbox document per month makes that once too).
 */
export function planMonthlySend(
  recipients: readonly string[],
  sentAt: ReadonlyMap<string, Date>,
  month: string,
): MonthlyPlan {
  const plan: MonthlyPlan = { pdf: [], note: [], done: [] };
  for (const to of recipients) {
    const at = sentAt.get(to);
    if (!at) plan.pdf.push(to);
    else if (bangkokMonth(at) === month) plan.done.push(to);
    else plan.note.push(to);
  }
  return plan;
}
