// The closed sets of the KBO domain (OTOP categories, Chiang Mai districts, attendance kinds),
// one source shared by the domain, the CLI and the Apps Script bundle.

export const CATEGORY_CODES = ["food", "beverage", "textile", "decor", "herbal"] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

export const CATEGORIES: readonly { code: CategoryCode; th: string; en: string }[] = [
  { code: "food", th: "อาหาร", en: "Food" },
  { code: "beverage", th: "เครื่องดื่ม", en: "Beverage" },
  { code: "textile", th: "ผ้าและเครื่องแต่งกาย", en: "Textiles and garments" },
  { code: "decor", th: "ของใช้ ของตกแต่ง ของที่ระลึก", en: "Household items, decorations and souvenirs" },
  { code: "herbal", th: "สมุนไพรที่ไม่ใช่อาหาร", en: "Non-food herbal products" },
];

/** Chiang Mai's 25 districts (อำเภอ), Thai name as stored, English as in the provincial directory. */
export const DISTRICTS: readonly { th: string; en: string }[] = [
  { th: "เมืองเชียงใหม่", en: "Mueang Chiang Mai" },
  { th: "จอมทอง", en: "Chom Thong" },
  { th: "แม่แจ่ม", en: "Mae Chaem" },
  { th: "เชียงดาว", en: "Chiang Dao" },
  { th: "ดอยสะเก็ด", en: "Doi Saket" },
  { th: "แม่แตง", en: "Mae Taeng" },
  { th: "แม่ริม", en: "Mae Rim" },
  { th: "สะเมิง", en: "Samoeng" },
  { th: "ฝาง", en: "Fang" },
  { th: "แม่อาย", en: "Mae Ai" },
  { th: "พร้าว", en: "Phrao" },
  { th: "สันป่าตอง", en: "San Pa Tong" },
  { th: "สันกำแพง", en: "San Kamphaeng" },
  { th: "สันทราย", en: "San Sai" },
  { th: "หางดง", en: "Hang Dong" },
  { th: "ฮอด", en: "Hot" },
  { th: "ดอยเต่า", en: "Doi Tao" },
  { th: "อมก๋อย", en: "Omkoi" },
  { th: "สารภี", en: "Saraphi" },
  { th: "เวียงแหง", en: "Wiang Haeng" },
  { th: "ไชยปราการ", en: "Chai Prakan" },
  { th: "แม่วาง", en: "Mae Wang" },
  { th: "แม่ออน", en: "Mae On" },
  { th: "ดอยหล่อ", en: "Doi Lo" },
  { th: "กัลยาณิวัฒนา", en: "Galyani Vadhana" },
];
export const DISTRICT_NAMES = DISTRICTS.map((d) => d.th);

export const ATTENDANCE_KINDS = ["present", "absent", "in_attendance"] as const;
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number];

export const ATTENDANCE_LABELS: Record<AttendanceKind, { th: string; en: string }> = {
  present: { th: "มาประชุม", en: "present" },
  absent: { th: "ไม่มาประชุม", en: "absent" },
  in_attendance: { th: "ผู้เข้าร่วมประชุม", en: "in attendance" },
};

/** The first Buddhist-era year of the OTOP programme (2001 CE). */
export const FIRST_PROGRAMME_YEAR_BE = 2544;
export const BE_OFFSET = 543;

/** How years are counted: the programme year staff enter, or the Thai fiscal year (October–September). */
export const YEAR_BASES = ["programme", "fiscal"] as const;
export type YearBasis = (typeof YEAR_BASES)[number];

/** How the meeting report writes digits. */
export const DIGIT_STYLES = ["arabic", "thai"] as const;
export type DigitStyle = (typeof DIGIT_STYLES)[number];

/** The states of a report in the e-mail outbox. */
export const REPORT_STATES = ["pending", "sending", "sent", "failed"] as const;
export type ReportState = (typeof REPORT_STATES)[number];
