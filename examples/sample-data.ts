// The sample workbook's records as plain data, written the way Chiang Mai staff fill their sheets.
// It reproduces the seed news post of KBO meeting 1/2563 (seed/kbo-meeting-1-2563.th.txt): 11 products
// in 2562 with 272,500 baht of revenue, 20 products in 2563, and the meeting with its agenda.

/** One row of the ผลิตภัณฑ์ tab. Revenue as staff type it: a number or a "45,000 บาท" string. */
export interface SampleProduct {
  year: number;
  product: string;
  /** The category's Thai name, exactly as in closed-sets.ts CATEGORIES. */
  category: string;
  producer: string;
  /** A district of closed-sets.ts DISTRICTS, sometimes with the "อ." prefix staff write. */
  district: string;
  phone?: string;
  revenue?: number | string;
  status?: string;
  notes?: string;
}

export interface SampleMeeting {
  number: string;
  title: string;
  /** A real sheet date (UTC midnight of the Gregorian day). */
  date: Date;
  start: string;
  end: string;
  place: string;
  recorder: string;
  recorder_position: string;
  checker: string;
  checker_position: string;
  /** The report's opening line; blank here, so the report writes its own from the chair's entry. */
  opening?: string;
  /** Comma-separated, as typed into one cell. */
  recipients: string;
}

/** Attendance as its Thai label: มาประชุม · ไม่มาประชุม · ผู้เข้าร่วมประชุม. */
export interface SampleAttendee {
  meeting: string;
  name: string;
  position: string;
  organisation: string;
  attendance: "มาประชุม" | "ไม่มาประชุม" | "ผู้เข้าร่วมประชุม";
  onBehalfOf?: string;
  reason?: string;
}

export interface SampleAgendaItem {
  meeting: string;
  item: string;
  subject: string;
  details?: string;
  resolution?: string;
}

const TEXTILE = "ผ้าและเครื่องแต่งกาย";
const DECOR = "ของใช้ ของตกแต่ง ของที่ระลึก";
const FOOD = "อาหาร";
const BEVERAGE = "เครื่องดื่ม";
const HERBAL = "สมุนไพรที่ไม่ใช่อาหาร";

const DONE = "ดำเนินการแล้ว";
const ACCEPTED = "ผ่านการพิจารณา";

export const SAMPLE_PRODUCTS: readonly SampleProduct[] = [
  // 2562: 3 textile, 6 decor, 2 beverage; 272,500 baht in all.
  {
    year: 2562,
    product: "ผ้าฝ้ายทอมือย้อมสีธรรมชาติ",
    category: TEXTILE,
    producer: "กลุ่มทอผ้าฝ้ายบ้านต้นเปา",
    district: "สันกำแพง",
    phone: "053-331-245",
    revenue: 38000,
    status: DONE,
  },
  {
    year: 2562,
    product: "ผ้าซิ่นตีนจกแม่แจ่ม",
    category: TEXTILE,
    producer: "กลุ่มทอผ้าซิ่นตีนจกบ้านท้องฟ้า",
    district: "แม่แจ่ม",
    phone: "081-672-3419",
    revenue: "45,000 บาท",
    status: DONE,
  },
  {
    year: 2562,
    product: "เสื้อผ้าฝ้ายปักมือลายชนเผ่า",
    category: TEXTILE,
    producer: "กลุ่มผ้าปักชาวเขาบ้านห้วยน้ำริน",
    district: "เชียงดาว",
    phone: "089-554-1287",
    revenue: 22500,
    status: DONE,
  },
  {
    year: 2562,
    product: "ร่มกระดาษสาบ่อสร้าง",
    category: DECOR,
    producer: "กลุ่มทำร่มบ่อสร้าง",
    district: "อ.สันกำแพง",
    phone: "053-338-195",
    revenue: 32000,
    status: DONE,
  },
  {
    year: 2562,
    product: "เครื่องเงินลายดุนวัวลาย",
    category: DECOR,
    producer: "กลุ่มหัตถกรรมเครื่องเงินวัวลาย",
    district: "เมืองเชียงใหม่",
    phone: "053-271-604",
    revenue: 41000,
    status: DONE,
  },
  {
    year: 2562,
    product: "ไม้แกะสลักรูปช้าง",
    category: DECOR,
    producer: "กลุ่มไม้แกะสลักบ้านถวาย",
    district: "อ.หางดง",
    phone: "086-913-4470",
    revenue: 27500,
    status: DONE,
  },
  {
    year: 2562,
    product: "สมุดและกล่องของขวัญกระดาษสา",
    category: DECOR,
    producer: "กลุ่มกระดาษสาบ้านต้นเปา",
    district: "สันกำแพง",
    phone: "084-302-7751",
    revenue: 18000,
    status: DONE,
  },
  {
    year: 2562,
    product: "เครื่องเขินลายล้านนา",
    category: DECOR,
    producer: "กลุ่มเครื่องเขินบ้านนันทาราม",
    district: "เมืองเชียงใหม่",
    phone: "053-275-318",
    revenue: 15500,
    status: DONE,
  },
  {
    year: 2562,
    product: "เครื่องปั้นดินเผาบ้านเหมืองกุง",
    category: DECOR,
    producer: "กลุ่มเครื่องปั้นดินเผาบ้านเหมืองกุง",
    district: "หางดง",
    phone: "053-441-862",
    revenue: 12500,
    status: DONE,
  },
  {
    year: 2562,
    product: "ชาอัสสัมอินทรีย์",
    category: BEVERAGE,
    producer: "วิสาหกิจชุมชนชาเมี่ยงบ้านป่าเมี่ยง",
    district: "ดอยสะเก็ด",
    phone: "093-148-2056",
    revenue: "12,000 บาท",
    status: DONE,
  },
  {
    year: 2562,
    product: "กาแฟอาราบิก้าคั่วบด",
    category: BEVERAGE,
    producer: "วิสาหกิจชุมชนกาแฟบ้านกึ้ดช้าง",
    district: "แม่แตง",
    phone: "088-260-3917",
    revenue: 8500,
    status: DONE,
    notes: "เริ่มจำหน่ายทางออนไลน์ ปลายปี 2562",
  },

  // 2563: 10 textile, 5 decor, 2 food, 2 beverage, 1 herbal. The year has just begun: only some
  // textile groups have reported sales so far.
  {
    year: 2563,
    product: "ผ้าฝ้ายทอมือลายน้ำไหล",
    category: TEXTILE,
    producer: "กลุ่มทอผ้าฝ้ายบ้านไร่ไผ่งาม",
    district: "จอมทอง",
    phone: "053-341-527",
    revenue: 28000,
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "ผ้าซิ่นตีนจกลายโบราณ",
    category: TEXTILE,
    producer: "กลุ่มทอผ้าซิ่นตีนจกบ้านท้องฟ้า",
    district: "อ.แม่แจ่ม",
    phone: "081-672-3419",
    revenue: 35000,
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "ผ้าทอกะเหรี่ยงปกาเกอะญอ",
    category: TEXTILE,
    producer: "กลุ่มทอผ้าปกาเกอะญอบ้านนาเกียน",
    district: "อมก๋อย",
    phone: "062-815-4093",
    revenue: 12000,
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "ผ้าไหมยกดอกลายล้านนา",
    category: TEXTILE,
    producer: "กลุ่มทอผ้าไหมบ้านแช่ช้าง",
    district: "สันกำแพง",
    phone: "053-392-118",
    revenue: "42,000 บาท",
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "เสื้อม่อฮ่อมย้อมคราม",
    category: TEXTILE,
    producer: "กลุ่มย้อมครามบ้านดอนเปา",
    district: "แม่วาง",
    phone: "087-190-6624",
    revenue: 22000,
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "กระเป๋าผ้าปักลายม้ง",
    category: TEXTILE,
    producer: "กลุ่มผ้าปักม้งบ้านแม่สาใหม่",
    district: "แม่ริม",
    phone: "095-437-2081",
    revenue: 15000,
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "ผ้าฝ้ายย้อมเปลือกไม้",
    category: TEXTILE,
    producer: "กลุ่มทอผ้าบ้านสันทรายหลวง",
    district: "สันทราย",
    phone: "053-491-736",
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "ผ้าพันคอฝ้ายทอมือ",
    category: TEXTILE,
    producer: "กลุ่มแม่บ้านทอผ้าบ้านสหกรณ์",
    district: "แม่ออน",
    phone: "082-664-0958",
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "ผ้าซิ่นไทลื้อ",
    category: TEXTILE,
    producer: "กลุ่มทอผ้าไทลื้อบ้านลวงเหนือ",
    district: "ดอยสะเก็ด",
    phone: "089-731-5402",
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "เสื้อผ้าเขียนเทียนลายชนเผ่า",
    category: TEXTILE,
    producer: "กลุ่มผ้าเขียนเทียนบ้านแม่งอน",
    district: "ฝาง",
    phone: "085-903-2267",
    status: ACCEPTED,
    notes: "ผลิตภัณฑ์ใหม่ ปี 2563",
  },
  {
    year: 2563,
    product: "ร่มผ้าฝ้ายเขียนลายดอกไม้",
    category: DECOR,
    producer: "กลุ่มทำร่มบ่อสร้าง",
    district: "สันกำแพง",
    phone: "053-338-195",
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "เครื่องประดับเงินลายดุน",
    category: DECOR,
    producer: "กลุ่มหัตถกรรมเครื่องเงินวัวลาย",
    district: "อ.เมืองเชียงใหม่",
    phone: "053-271-604",
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "ตุ๊กตาไม้แกะสลักล้านนา",
    category: DECOR,
    producer: "กลุ่มไม้แกะสลักบ้านถวาย",
    district: "หางดง",
    phone: "086-913-4470",
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "โคมล้านนากระดาษสา",
    category: DECOR,
    producer: "กลุ่มโคมล้านนาบ้านเมืองสาตร",
    district: "เมืองเชียงใหม่",
    phone: "091-258-7403",
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "ชุดเครื่องเขินลายทอง",
    category: DECOR,
    producer: "กลุ่มเครื่องเขินบ้านนันทาราม",
    district: "เมืองเชียงใหม่",
    phone: "053-275-318",
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "น้ำพริกหนุ่มสูตรโบราณ",
    category: FOOD,
    producer: "กลุ่มแม่บ้านแปรรูปอาหารบ้านทุ่งเสี้ยว",
    district: "สันป่าตอง",
    phone: "053-311-942",
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "ไส้อั่วสมุนไพรและแคบหมู",
    category: FOOD,
    producer: "กลุ่มแปรรูปอาหารพื้นเมืองบ้านยางเนิ้ง",
    district: "สารภี",
    phone: "081-960-4375",
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "กาแฟอาราบิก้าคั่วกลาง",
    category: BEVERAGE,
    producer: "วิสาหกิจชุมชนกาแฟบ้านเปียงหลวง",
    district: "เวียงแหง",
    phone: "094-582-1736",
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "ชาใบหม่อนอบแห้ง",
    category: BEVERAGE,
    producer: "กลุ่มเกษตรกรปลูกหม่อนบ้านศรีดงเย็น",
    district: "ไชยปราการ",
    phone: "083-427-6190",
    status: ACCEPTED,
  },
  {
    year: 2563,
    product: "ลูกประคบสมุนไพร",
    category: HERBAL,
    producer: "กลุ่มสมุนไพรบ้านโป่งแยง",
    district: "แม่ริม",
    phone: "086-375-0914",
    status: ACCEPTED,
  },
];

export const SAMPLE_MEETING: SampleMeeting = {
  number: "1/2563",
  title: "การประชุมคณะกรรมการเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) จังหวัดเชียงใหม่",
  date: new Date(Date.UTC(2020, 0, 13)),
  start: "09.30 น.",
  end: "12.00 น.",
  place: "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ ชั้น 5 อาคารอำนวยการ ศาลากลางจังหวัดเชียงใหม่",
  recorder: "นางสาวศิริพร ใจคำ",
  recorder_position: "นักวิชาการพัฒนาชุมชนชำนาญการ",
  checker: "นางวิไลวรรณ ปัญญาดี",
  checker_position: "หัวหน้ากลุ่มงานส่งเสริมการพัฒนาเศรษฐกิจชุมชน",
  recipients: "pattanakarn@example.go.th, kbo-secretariat@example.go.th, otop-network@example.org",
};

const M = SAMPLE_MEETING.number;

export const SAMPLE_ATTENDEES: readonly SampleAttendee[] = [
  {
    meeting: M,
    name: "นายวิรุฬ พรรณเทวี",
    position: "รองผู้ว่าราชการจังหวัดเชียงใหม่ ประธานกรรมการ",
    organisation: "จังหวัดเชียงใหม่",
    attendance: "มาประชุม",
  },
  {
    meeting: M,
    name: "นายอาทร พิมชะนก",
    position: "พัฒนาการจังหวัดเชียงใหม่ กรรมการและเลขานุการ",
    organisation: "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่",
    attendance: "มาประชุม",
  },
  {
    meeting: M,
    name: "นายธนพล สุวรรณคำ",
    position: "นักวิชาการพาณิชย์ชำนาญการ",
    organisation: "สำนักงานพาณิชย์จังหวัดเชียงใหม่",
    attendance: "มาประชุม",
    onBehalfOf: "พาณิชย์จังหวัดเชียงใหม่",
  },
  {
    meeting: M,
    name: "นางรัตนาภรณ์ อินทร์แก้ว",
    position: "อุตสาหกรรมจังหวัดเชียงใหม่ กรรมการ",
    organisation: "สำนักงานอุตสาหกรรมจังหวัดเชียงใหม่",
    attendance: "มาประชุม",
  },
  {
    meeting: M,
    name: "นายสมชาย ธรรมวงค์",
    position: "นายแพทย์สาธารณสุขจังหวัดเชียงใหม่ กรรมการ",
    organisation: "สำนักงานสาธารณสุขจังหวัดเชียงใหม่",
    attendance: "ไม่มาประชุม",
    reason: "ติดราชการ",
  },
  {
    meeting: M,
    name: "ผศ.ดร.กิตติพงษ์ วงศ์ไชย",
    position: "อาจารย์ประจำคณะวิจิตรศิลป์ กรรมการ",
    organisation: "มหาวิทยาลัยเชียงใหม่",
    attendance: "มาประชุม",
  },
  {
    meeting: M,
    name: "รศ.ดร.นภาพร แก้วประเสริฐ",
    position: "อาจารย์ประจำคณะบริหารธุรกิจ กรรมการ",
    organisation: "มหาวิทยาลัยแม่โจ้",
    attendance: "มาประชุม",
  },
  {
    meeting: M,
    name: "ดร.ปิยะนุช ศรีวงค์",
    position: "อาจารย์ประจำคณะวิทยาการจัดการ กรรมการ",
    organisation: "มหาวิทยาลัยราชภัฏเชียงใหม่",
    attendance: "ไม่มาประชุม",
    reason: "ติดราชการ",
  },
  {
    meeting: M,
    name: "นายประเสริฐ คำมูล",
    position: "ผู้จัดการฝ่ายสินเชื่อชุมชน กรรมการ",
    organisation: "ธนาคารออมสินภาค 8",
    attendance: "มาประชุม",
  },
  {
    meeting: M,
    name: "นางสาวจันทร์เพ็ญ ไชยวงศ์",
    position: "ผู้อำนวยการสำนักงาน ธ.ก.ส. จังหวัดเชียงใหม่ กรรมการ",
    organisation: "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร (ธ.ก.ส.)",
    attendance: "มาประชุม",
  },
  {
    meeting: M,
    name: "นางบุษบา ตาคำ",
    position: "ประธานเครือข่าย OTOP จังหวัดเชียงใหม่ กรรมการ",
    organisation: "เครือข่าย OTOP จังหวัดเชียงใหม่",
    attendance: "มาประชุม",
  },
  {
    meeting: M,
    name: "นายสุริยา ปัญญาวงค์",
    position: "ผู้แทนผู้ประกอบการ OTOP อำเภอสันกำแพง กรรมการ",
    organisation: "เครือข่าย OTOP จังหวัดเชียงใหม่",
    attendance: "มาประชุม",
  },
  {
    meeting: M,
    name: "นางวิไลวรรณ ปัญญาดี",
    position: "หัวหน้ากลุ่มงานส่งเสริมการพัฒนาเศรษฐกิจชุมชน กรรมการและผู้ช่วยเลขานุการ",
    organisation: "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่",
    attendance: "มาประชุม",
  },
  {
    meeting: M,
    name: "นางสาวศิริพร ใจคำ",
    position: "นักวิชาการพัฒนาชุมชนชำนาญการ",
    organisation: "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่",
    attendance: "ผู้เข้าร่วมประชุม",
  },
  {
    meeting: M,
    name: "นายณัฐวุฒิ ปันแก้ว",
    position: "นักวิชาการพัฒนาชุมชนปฏิบัติการ",
    organisation: "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่",
    attendance: "ผู้เข้าร่วมประชุม",
  },
];

/** The three 2563 activities, word for word as the seed lists them. */
export const ACTIVITIES_2563 = [
  "การพัฒนาศักยภาพเครือข่ายองค์ความรู้ KBO จังหวัด",
  "การพัฒนาผลิตภัณฑ์ OTOP โดยเครือข่ายองค์ความรู้ KBO จังหวัด",
  "การประกวดและเผยแพร่ผลการดำเนินงานเครือข่ายองค์ความรู้ โดยกรมการพัฒนาชุมชน",
] as const;

export const SAMPLE_AGENDA: readonly SampleAgendaItem[] = [
  {
    meeting: M,
    item: "1",
    subject: "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ",
    details:
      "ประธานแจ้งว่า การพัฒนาเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) จังหวัดเชียงใหม่ โดยการเชื่อมต่อ และบูรณาการการพัฒนากับหน่วยงานภาคีที่เกี่ยวข้อง ตลอดจนองค์กรที่มีความเชี่ยวชาญ เพื่อเป็นศูนย์รวมของแหล่งความรู้เกี่ยวกับกระบวนการส่งเสริมการเรียนรู้ด้านการผลิต การตลาด การพัฒนาผลิตภัณฑ์ที่เกิดจากภูมิปัญญาท้องถิ่น และการมีส่วนร่วมของประชาชน เพื่อสร้างงาน สร้างอาชีพ ทำให้ชุมชนมีรายได้ยั่งยืน",
    resolution: "ที่ประชุมรับทราบ",
  },
  {
    meeting: M,
    item: "2",
    subject: "รับรองรายงานการประชุม",
    details:
      "ฝ่ายเลขานุการได้จัดส่งรายงานการประชุมคณะกรรมการเครือข่ายองค์ความรู้ (KBO) จังหวัดเชียงใหม่ ครั้งที่ผ่านมา ให้คณะกรรมการพิจารณาล่วงหน้าแล้ว",
    resolution: "ที่ประชุมรับรองรายงานการประชุม โดยไม่มีการแก้ไข",
  },
  { meeting: M, item: "3", subject: "เรื่องเพื่อทราบ" },
  {
    meeting: M,
    item: "3.1",
    subject: "สรุปผลการดำเนินงานปี 2562",
    details:
      "การดำเนินงานในปี 2562 ที่ผ่านมา มีกลุ่มผู้ผลิตผู้ประกอบการ OTOP จังหวัดเชียงใหม่เข้าร่วมการพัฒนาผลิตภัณฑ์ตามโครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) จังหวัดเชียงใหม่ ทั้งสิ้น 11 ผลิตภัณฑ์ แบ่งเป็น ประเภทผ้าและเครื่องแต่งกาย จำนวน 3 ผลิตภัณฑ์ ของใช้ ของตกแต่ง ของที่ระลึก จำนวน 6 ผลิตภัณฑ์ และเครื่องดื่ม จำนวน 2 ผลิตภัณฑ์ มีรายได้ในการจำหน่ายในปี 2562 รวม 272,500 บาท",
    resolution: "ที่ประชุมรับทราบ",
  },
  {
    meeting: M,
    item: "3.2",
    subject: "ผลิตภัณฑ์ที่ผ่านการพิจารณาเข้าร่วมโครงการฯ ปี 2563",
    details:
      "ในปี 2563 มีผลิตภัณฑ์ที่ผ่านการพิจารณาเข้าร่วมโครงการฯ จำนวน 20 ผลิตภัณฑ์ จำแนกเป็น ประเภทผ้าและเครื่องแต่งกาย จำนวน 10 ผลิตภัณฑ์ ของใช้ ของตกแต่ง ของที่ระลึก จำนวน 5 ผลิตภัณฑ์ อาหาร จำนวน 2 ผลิตภัณฑ์ เครื่องดื่ม จำนวน 2 ผลิตภัณฑ์ และสมุนไพรที่ไม่ใช่อาหาร จำนวน 1 ผลิตภัณฑ์",
    resolution: "ที่ประชุมรับทราบ",
  },
  {
    meeting: M,
    item: "4",
    subject: "เรื่องเพื่อพิจารณา",
    details:
      "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ กำหนดดำเนินโครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) จังหวัด ปี 2563 จำนวน 3 กิจกรรม ได้แก่",
  },
  {
    meeting: M,
    item: "4.1",
    subject: ACTIVITIES_2563[0],
    details:
      "จัดเวทีแลกเปลี่ยนเรียนรู้ระหว่างคณะกรรมการเครือข่ายองค์ความรู้กับกลุ่มผู้ผลิตผู้ประกอบการ OTOP เพื่อเพิ่มศักยภาพการเป็นพี่เลี้ยงด้านการผลิต การตลาด และการพัฒนาผลิตภัณฑ์",
    resolution: "ที่ประชุมเห็นชอบ",
  },
  {
    meeting: M,
    item: "4.2",
    subject: ACTIVITIES_2563[1],
    details:
      "คณะกรรมการจากส่วนราชการ สถาบันการศึกษา และสถาบันการเงิน ให้คำแนะนำกลุ่มผู้ผลิตทั้ง 20 ผลิตภัณฑ์ที่ผ่านการพิจารณา ด้านรูปแบบ บรรจุภัณฑ์ มาตรฐาน และช่องทางการจำหน่าย",
    resolution: "ที่ประชุมเห็นชอบ",
  },
  {
    meeting: M,
    item: "4.3",
    subject: ACTIVITIES_2563[2],
    details:
      "คัดเลือกผลการดำเนินงานของเครือข่ายองค์ความรู้ KBO จังหวัดเชียงใหม่ เพื่อส่งเข้าประกวดและเผยแพร่ตามหลักเกณฑ์ของกรมการพัฒนาชุมชน",
    resolution: "ที่ประชุมเห็นชอบ",
  },
  {
    meeting: M,
    item: "5",
    subject: "เรื่องอื่น ๆ",
    details:
      "ประธานขอให้คณะกรรมการทุกภาคส่วนร่วมสนับสนุนกลุ่มผู้ผลิตผู้ประกอบการ OTOP จังหวัดเชียงใหม่ เพื่อสร้างงาน สร้างอาชีพ ทำให้ชุมชนมีรายได้ยั่งยืน",
    resolution: "ที่ประชุมรับทราบ",
  },
];
