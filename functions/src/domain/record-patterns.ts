// The shapes of record ids and meeting numbers, shared by the record schemas and the HTTP bodies.
// No zod here: the bodies are checked on every cold start with the light zod/mini.
export const MEETING_NUMBER_PATTERN = /^[1-9]\d*\/\d{4}$/;
export const RECORD_ID_PATTERN = /^[A-Z]{3}-\d{4}-\d{3,}$/;
/**
 * A spreadsheet id: Google's (letters, digits, _ and -, 44 long) or a workbook file's (`xlsx-<uuid>`).
 * It names Firestore documents (`sources/{id}`), so never `__…__` (reserved), `.`, `..` nor a `/`.
 */
export const SPREADSHEET_ID_PATTERN = /^(?!__.*__$)[A-Za-z0-9_-]{1,128}$/;
