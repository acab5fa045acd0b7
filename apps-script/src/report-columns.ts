// The two columns of the meetings tab that the front end itself writes when it makes a report: the
// PDF's Drive link and the report's status. The domain does not know them (unknown headers are ignored).

export const REPORT_COLUMNS = [
  { field: "reportLink", th: "ลิงก์รายงาน (PDF)" },
  { field: "reportStatus", th: "สถานะรายงาน" },
] as const;
