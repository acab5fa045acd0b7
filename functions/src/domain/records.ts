// Zod schemas of the normalised records the four record tabs produce: what the domain hands to
// Firestore, the summaries and the report. Dates are ISO plain dates (Gregorian), times "HH:MM",
// money integer satang (exact), years Buddhist-era.
import { z } from "zod";
import { ATTENDANCE_KINDS, CATEGORY_CODES, DISTRICT_NAMES, FIRST_PROGRAMME_YEAR_BE } from "./closed-sets.ts";
import { MEETING_NUMBER_PATTERN, RECORD_ID_PATTERN } from "./record-patterns.ts";

export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const TimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const MeetingNumberSchema = z.string().regex(MEETING_NUMBER_PATTERN);
export const RecordIdSchema = z.string().regex(RECORD_ID_PATTERN);
const text = z.string().min(1);

export const ProductSchema = z.object({
  id: RecordIdSchema.optional(),
  year: z.number().int().min(FIRST_PROGRAMME_YEAR_BE),
  product: text,
  category: z.enum(CATEGORY_CODES),
  producer: text,
  district: z.enum(DISTRICT_NAMES as [string, ...string[]]),
  phone: z.string().optional(),
  revenueSatang: z.number().int().nonnegative().optional(),
  status: z.string().optional(),
  notes: z.string().optional(),
});
export type Product = z.infer<typeof ProductSchema>;

export const MeetingSchema = z.object({
  id: RecordIdSchema.optional(),
  number: MeetingNumberSchema,
  title: text,
  date: IsoDateSchema,
  start: TimeSchema.optional(),
  end: TimeSchema.optional(),
  place: z.string().optional(),
  recorder: z.string().optional(),
  recorderPosition: z.string().optional(),
  checker: z.string().optional(),
  checkerPosition: z.string().optional(),
  /** The report's opening line; the report writes one from the chair when blank. */
  opening: z.string().optional(),
  recipients: z.array(z.email()),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const AttendeeSchema = z.object({
  meeting: MeetingNumberSchema,
  name: text,
  position: z.string().optional(),
  organisation: z.string().optional(),
  attendance: z.enum(ATTENDANCE_KINDS),
  onBehalfOf: z.string().optional(),
  reason: z.string().optional(),
});
export type Attendee = z.infer<typeof AttendeeSchema>;

export const AgendaItemSchema = z.object({
  meeting: MeetingNumberSchema,
  item: z.string().regex(/^\d+(\.\d+)*$/),
  subject: text,
  details: z.string().optional(),
  resolution: z.string().optional(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

/** A meeting with its attendees and agenda, as the report and Firestore see it. */
export interface MeetingWithDetails {
  meeting: Meeting;
  attendees: Attendee[];
  agenda: AgendaItem[];
}
