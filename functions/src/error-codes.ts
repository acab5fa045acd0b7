// Every code an AppError can carry, once: its HTTP status, the `kbo` exit code, and what it means in
// Thai and English. Entry points (the HTTP wrapper, the CLI, Apps Script's menus) read only this.
// A 500 is a fault of ours (a bug or our own configuration); the caller's input answers 4xx, and a
// service we depend on that failed answers 502/503. A new code is added here or it does not compile.

/** `kbo` exit codes (contract): 0 done, 1 some row invalid, 2 unusable input or a service down, 3 ours. */
export const EXIT = { ok: 0, invalidRows: 1, unusableInput: 2, internal: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface ErrorSpec {
  status: number;
  /** Exit code of `kbo` (default: 3 for a 500, else 2). */
  exit?: ExitCode;
  th: string;
  en: string;
}

export const ERROR_CODES = {
  // The caller's request.
  BAD_JSON: { status: 400, th: "เนื้อหาคำขอไม่ใช่ JSON", en: "the body is not valid JSON" },
  BAD_REQUEST: { status: 400, th: "คำขอมีรูปแบบไม่ถูกต้อง", en: "the body does not match the expected shape" },
  UNAUTHENTICATED: { status: 401, th: "ไม่มีโทเค็นยืนยันตัวตน", en: "no Google ID token was sent" },
  INVALID_TOKEN: { status: 401, th: "โทเค็นยืนยันตัวตนใช้ไม่ได้", en: "the ID token was refused" },
  EMAIL_NOT_VERIFIED: {
    status: 403,
    th: "อีเมลของผู้เรียกยังไม่ได้ยืนยัน",
    en: "the token carries no verified e-mail",
  },
  CALLER_NOT_ALLOWED: { status: 403, th: "ผู้เรียกไม่ได้รับอนุญาต", en: "the caller is not allowed" },
  NOT_FOUND: { status: 404, th: "ไม่พบสิ่งที่ขอ", en: "not found" },
  MEETING_NOT_FOUND: { status: 404, th: "ไม่พบการประชุม", en: "meeting not found" },
  METHOD_NOT_ALLOWED: { status: 405, th: "ใช้ POST พร้อมเนื้อหา JSON", en: "use POST with a JSON body" },
  REQUEST_ID_CONFLICT: {
    status: 409,
    th: "requestId นี้เคยใช้กับคำขออื่นแล้ว",
    en: "the requestId was already used for a different body",
  },
  DELETES_NEED_CONFIRMATION: {
    status: 409,
    th: "การซิงค์นี้จะลบข้อมูลมากกว่าครึ่งหนึ่งของแท็บ ต้องยืนยันก่อน",
    en: "this sync would delete more than half of the tab's records and needs confirming",
  },
  PAYLOAD_TOO_LARGE: { status: 413, th: "คำขอใหญ่เกินไป", en: "the body is too large" },
  UNSUPPORTED_TAB: { status: 422, th: "ไม่รู้จักแท็บนี้", en: "unknown tab" },
  MAIL_NO_RECIPIENTS: { status: 422, th: "ไม่มีผู้รับรายงาน", en: "the meeting has no recipients" },
  RATE_LIMITED: { status: 429, th: "ส่งคำขอถี่เกินไป", en: "too many requests" },

  // The command line's input.
  CONFIG_INVALID: { status: 500, exit: EXIT.unusableInput, th: "ตั้งค่าไม่ถูกต้อง", en: "invalid configuration" },
  BAD_PORT: { status: 400, th: "หมายเลขพอร์ตไม่ถูกต้อง", en: "bad port" },
  PORT_IN_USE: { status: 409, th: "พอร์ตถูกใช้อยู่", en: "the port is in use" },
  SERVE_NOT_CONFIGURED: {
    status: 500,
    exit: EXIT.unusableInput,
    th: "ยังไม่ได้ตั้ง ID_TOKEN_AUDIENCE และ ALLOWED_CALLERS",
    en: "ID_TOKEN_AUDIENCE and ALLOWED_CALLERS are not set",
  },
  DEV_AUTH_NEEDS_EMULATOR: {
    status: 500,
    exit: EXIT.unusableInput,
    th: "--dev-auth ใช้ได้กับ Firestore emulator เท่านั้น",
    en: "--dev-auth works only against a Firestore emulator",
  },
  NO_KNOWN_TAB: { status: 422, th: "ไม่พบแท็บที่รู้จัก", en: "no known tab" },
  WORKBOOK_NOT_FOUND: { status: 404, th: "ไม่พบไฟล์", en: "file not found" },
  WORKBOOK_UNREADABLE: { status: 422, th: "อ่านไฟล์ไม่ได้", en: "the workbook cannot be read" },
  WORKBOOK_NOT_SYNCED: { status: 422, th: "ไฟล์นี้ยังไม่เคยซิงค์", en: "the workbook was never synced" },
  USAGE: { status: 400, th: "ใช้คำสั่งไม่ถูกต้อง", en: "the command was used the wrong way" },
  WORKBOOK_TOO_LARGE: {
    status: 413,
    th: "ไฟล์ขยายออกแล้วใหญ่เกินขีดจำกัด จึงไม่เปิดอ่าน",
    en: "the workbook would unpack past the size limit and is refused unread",
  },
  WORKBOOK_BUSY: {
    status: 409,
    th: "ไฟล์นี้กำลังถูกซิงค์อยู่",
    en: "the workbook is being synced by another process",
  },
  WORKBOOK_ORIGINAL_UNREADABLE: {
    status: 409,
    th: "บอกไม่ได้ว่าไฟล์นี้เป็นสำเนาหรือไม่",
    en: "whether the workbook is a copy cannot be told",
  },
  DEPLOY_CONFIG_INVALID: {
    status: 500,
    exit: EXIT.unusableInput,
    th: "ตั้งค่าการ deploy ไม่ถูกต้อง",
    en: "invalid deploy configuration",
  },

  // Services we depend on.
  FIRESTORE_UNAVAILABLE: { status: 503, th: "ติดต่อ Firestore ไม่ได้", en: "Firestore unavailable" },
  SHEETS_NOT_FOUND: { status: 404, th: "ไม่พบสเปรดชีต", en: "spreadsheet not found" },
  SHEETS_PERMISSION_DENIED: { status: 403, th: "ไม่มีสิทธิ์แก้ไขสเปรดชีต", en: "no permission on the spreadsheet" },
  SHEETS_QUOTA: { status: 429, th: "เกินโควตาการใช้งาน Google Sheets", en: "Google Sheets quota exceeded" },
  SHEETS_BAD_REQUEST: { status: 502, th: "Google Sheets ปฏิเสธคำขอ", en: "Google Sheets refused the request" },
  SHEETS_UNAVAILABLE: { status: 503, th: "Google Sheets ไม่ตอบสนอง", en: "Google Sheets unavailable" },
  RECONCILE_OUT_OF_TIME: {
    status: 503,
    th: "ยังไม่ได้ตรวจในรอบนี้เพราะหมดเวลา จะตรวจในรอบถัดไป",
    en: "not reached in this run (out of time): the next run reads it",
  },
  MAIL_SEND_FAILED: { status: 502, th: "ส่งอีเมลไม่สำเร็จ", en: "sending the e-mail failed" },
  EMULATOR_NOT_FOUND: {
    status: 503,
    th: "ไม่พบ Firestore emulator",
    en: "the Firestore emulator is not installed",
  },
  EMULATOR_START_FAILED: {
    status: 503,
    th: "เปิด Firestore emulator ไม่ได้",
    en: "the Firestore emulator did not start",
  },
  EMULATOR_EXPORT_FAILED: {
    status: 503,
    th: "บันทึกข้อมูลของ emulator ไม่ได้",
    en: "the emulator's data could not be exported",
  },
  EMULATOR_CLEAR_FAILED: {
    status: 503,
    th: "ล้างข้อมูล emulator ไม่ได้",
    en: "the emulator could not be cleared",
  },
  CHROMIUM_NOT_FOUND: { status: 503, th: "ไม่พบ Chromium", en: "Chromium not found" },
  CHROMIUM_LAUNCH_FAILED: { status: 503, th: "เปิด Chromium ไม่ได้", en: "Chromium did not start" },
  FONT_NOT_FOUND: {
    status: 503,
    th: "ไม่พบฟอนต์ TH Sarabun New (Laksaman)",
    en: "TH Sarabun New (Laksaman) is not installed",
  },

  // Ours.
  INTERNAL: { status: 500, th: "ระบบขัดข้อง", en: "internal error" },
  AUTH_NOT_CONFIGURED: {
    status: 500,
    th: "ฟังก์ชันยังไม่ได้ตั้งผู้เรียกที่อนุญาต",
    en: "ID_TOKEN_AUDIENCE and ALLOWED_CALLERS must be set",
  },
  FIRESTORE_NOT_CONFIGURED: {
    status: 500,
    exit: EXIT.unusableInput,
    th: "ไม่ได้ตั้งค่า Firestore",
    en: "set FIRESTORE_EMULATOR_HOST or GOOGLE_CLOUD_PROJECT",
  },
  SHEETS_NO_CREDENTIALS: {
    status: 500,
    exit: EXIT.unusableInput,
    th: "ไม่พบข้อมูลรับรองของ Google สำหรับ Google Sheets",
    en: "no Google credentials for the Sheets API",
  },
  PDF_RENDER_FAILED: { status: 500, th: "สร้าง PDF ไม่สำเร็จ", en: "the PDF could not be rendered" },

  // The Apps Script front end.
  NOT_CONFIGURED: { status: 500, exit: EXIT.unusableInput, th: "ยังไม่ได้ตั้งค่าระบบ", en: "not configured" },
  NO_MEETING_SELECTED: { status: 400, th: "ยังไม่ได้เลือกการประชุม", en: "no meeting selected" },
  NO_RECIPIENTS: { status: 422, th: "ไม่มีผู้รับรายงาน", en: "no recipients" },
  QUEUE_BUSY: { status: 409, th: "มีการซิงค์อื่นกำลังทำงาน", en: "another sync is running" },
  FUNCTION_FAILED: { status: 502, th: "เรียกฟังก์ชันไม่สำเร็จ", en: "the function call failed" },
  NO_IDENTITY_TOKEN: {
    status: 401,
    th: "Google ไม่ได้ให้โทเค็นยืนยันตัวตน",
    en: "Google gave no identity token (ScriptApp.getIdentityToken returned null)",
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CODES, code);

/** The HTTP status of a code. */
export const httpStatusOf = (code: ErrorCode): number => ERROR_CODES[code].status;

/** The `kbo` exit code of a code. */
export function exitCodeOf(code: ErrorCode): ExitCode {
  const spec: ErrorSpec = ERROR_CODES[code];
  return spec.exit ?? (spec.status === 500 ? EXIT.internal : EXIT.unusableInput);
}

/** "ไทย / English": the text a code stands for, when no more precise message was given. */
export const errorText = (code: ErrorCode): string => `${ERROR_CODES[code].th} / ${ERROR_CODES[code].en}`;
