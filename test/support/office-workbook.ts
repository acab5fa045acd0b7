// A workbook as Excel writes one, part by part, for the write-back tests: shared strings, styles,
// a chart and a picture in a drawing, a note (comment + VML), defined names, data validation,
// conditional formatting, a formula with its calculation chain, a second sheet, printer settings and,
// for .xlsm, a VBA project. exceljs cannot write (or keep) most of these, so the parts are written as
// text here, in Excel 2016's own layout, and zipped with yazl. Deterministic: fixed entry dates.
import { createRequire } from "node:module";
import yazl from "yazl";
import { TAB_SPECS } from "../../functions/src/domain/tabs.ts";

const require = createRequire(import.meta.url);
const THEME = require("exceljs/lib/xlsx/xml/theme1.js") as string;

const DATE = new Date(Date.UTC(2020, 0, 13, 2, 30));
const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PR = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

export type OfficeCell = string | number | { formula: string; value: number } | null;

export interface OfficeWorkbookOptions {
  /** The products tab's rows, header first (defaults: the contract's header without ผลการตรวจสอบ, three rows). */
  rows?: OfficeCell[][];
  /** Text typed by staff right of the table: [A1 ref, text]. */
  notes?: [string, string][];
  /** A note (comment) anchored to a cell: [A1 ref, text]. */
  comment?: [string, string];
  /** Merged ranges on the products tab. */
  merges?: string[];
  /** A VBA project (an .xlsm). */
  macros?: boolean;
  /** The products tab's name. */
  tabName?: string;
}

export const OFFICE_HEADER = TAB_SPECS.products.columns.filter((c) => !c.system).map((c) => c.th);

export const officeRow = (i: number, overrides: Partial<Record<string, OfficeCell>> = {}): OfficeCell[] => {
  const base: Record<string, OfficeCell> = {
    id: null,
    year: 2563,
    product: `ผ้าทอมือลายน้ำไหล ${i + 1}`,
    category: "ผ้าและเครื่องแต่งกาย",
    producer: `กลุ่มทอผ้าบ้านดอน ${i + 1}`,
    district: "สันกำแพง",
    phone: "053-331-234",
    revenue: 100_000 + i * 25_000,
    status: "ดำเนินการ",
    notes: null,
  };
  const merged = { ...base, ...overrides };
  return TAB_SPECS.products.columns.filter((c) => !c.system).map((c) => merged[c.field] ?? null);
};

const colLetter = (index: number) => {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
};
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
/** Stand-ins for binary parts: their bytes only have to survive. */
const pseudoBinary = (seed: number, length: number) =>
  Buffer.from(Array.from({ length }, (_, i) => (i * 131 + seed * 17 + ((i * i) >> 3)) & 0xff));

export interface OfficeWorkbook {
  bytes: Buffer;
  /** The products sheet's part name. */
  productsPart: string;
}

/** The workbook as .xlsx (or .xlsm) bytes. */
export async function officeWorkbook(options: OfficeWorkbookOptions = {}): Promise<OfficeWorkbook> {
  const rows = options.rows ?? [OFFICE_HEADER, officeRow(0), officeRow(1), officeRow(2)];
  const notes = options.notes ?? [["L2", "โทรตามอีกครั้ง"]];
  const comment = options.comment ?? ["M3", "ตรวจสอบยอดขายอีกครั้ง"];
  const tabName = options.tabName ?? "ผลิตภัณฑ์";
  const strings: string[] = [];
  const sst = (s: string) => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  const calc: string[] = [];
  const cellsOfRow = (cells: OfficeCell[], r: number, header: boolean): string[] =>
    cells.flatMap((v, c) => {
      const ref = `${colLetter(c)}${r}`;
      if (v === null) return header ? [] : c === 0 ? [`<c r="${ref}" s="2"/>`] : [];
      const s = header ? ' s="1"' : c === 7 ? ' s="3"' : "";
      if (typeof v === "number") return [`<c r="${ref}"${s}><v>${v}</v></c>`];
      if (typeof v === "string") return [`<c r="${ref}"${s} t="s"><v>${sst(v)}</v></c>`];
      calc.push(`<c r="${ref}" i="1"/>`);
      return [`<c r="${ref}"${s}><f>${esc(v.formula)}</f><v>${v.value}</v></c>`];
    });
  const extra = new Map<number, [number, string][]>();
  for (const [ref, text] of notes) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const row = Number(m[2]);
    extra.set(row, [...(extra.get(row) ?? []), [col, text]]);
  }
  let maxCol = 0;
  const rowXml = rows.map((cells, i) => {
    const r = i + 1;
    const own = cellsOfRow(cells, r, i === 0);
    const more = (extra.get(r) ?? []).map(
      ([c, t]) => `<c r="${colLetter(c)}${r}" t="s"><v>${sst(t)}</v></c>`,
    );
    const width = Math.max(cells.length, ...(extra.get(r) ?? []).map(([c]) => c + 1));
    maxCol = Math.max(maxCol, width);
    return `<row r="${r}" spans="1:${width}" x14ac:dyDescent="0.25">${[...own, ...more].join("")}</row>`;
  });
  const last = rows.length;
  const merges = options.merges ?? [];
  const sheet1 =
    `${XML}<worksheet xmlns="${NS}" xmlns:r="${R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" xr:uid="{6C1F2B7A-8E1D-4C3B-9A9E-1B7C2E3D4F50}">` +
    `<sheetPr codeName="Sheet1"/><dimension ref="A1:${colLetter(maxCol - 1)}${last}"/>` +
    `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="C2" sqref="C2"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="21" x14ac:dyDescent="0.35"/>` +
    `<cols><col min="1" max="1" width="14.7109375" customWidth="1"/><col min="3" max="3" width="30.7109375" customWidth="1"/><col min="5" max="5" width="24.7109375" customWidth="1"/></cols>` +
    `<sheetData>${rowXml.join("")}</sheetData>` +
    (merges.length
      ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`
      : "") +
    `<conditionalFormatting sqref="H2:H${last}"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>100000</formula></cfRule></conditionalFormatting>` +
    `<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="D2:D500"><formula1>"อาหาร,เครื่องดื่ม,ผ้าและเครื่องแต่งกาย,ของใช้ ของตกแต่ง ของที่ระลึก,สมุนไพรที่ไม่ใช่อาหาร"</formula1></dataValidation></dataValidations>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" r:id="rId1"/><drawing r:id="rId2"/><legacyDrawing r:id="rId3"/></worksheet>`;
  const sheet2 =
    `${XML}<worksheet xmlns="${NS}" xmlns:r="${R}"><dimension ref="A1:B2"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="21"/>` +
    `<sheetData><row r="1"><c r="A1" t="s"><v>${sst("รายได้รวม (บาท)")}</v></c><c r="B1" s="3"><f>SUM('${tabName}'!H2:H${last})</f><v>${rows
      .slice(1)
      .reduce(
        (n, r) => n + (typeof r[7] === "number" ? r[7] : 0),
        0,
      )}</v></c></row><row r="2"><c r="A2" t="s"><v>${sst("ผู้ประสานงาน: นางสาวสมใจ ใจดี")}</v></c></row></sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  calc.push('<c r="B1" i="2"/>');
  const sharedStrings = `${XML}<sst xmlns="${NS}" count="${strings.length}" uniqueCount="${strings.length}">${strings
    .map((s) => `<si><t${/^\s|\s$/.test(s) ? ' xml:space="preserve"' : ""}>${esc(s)}</t></si>`)
    .join("")}</sst>`;
  const styles =
    `${XML}<styleSheet xmlns="${NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2 xr" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision">` +
    `<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts>` +
    `<fonts count="2" x14ac:knownFonts="1"><font><sz val="16"/><color theme="1"/><name val="TH SarabunPSK"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="16"/><color theme="1"/><name val="TH SarabunPSK"/><family val="2"/><scheme val="minor"/></font></fonts>` +
    `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9EAD3"/><bgColor indexed="64"/></patternFill></fill></fills>` +
    `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color indexed="64"/></left><right style="thin"><color indexed="64"/></right><top style="thin"><color indexed="64"/></top><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
    `<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>` +
    `<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;
  const macros = options.macros === true;
  const wbType = macros
    ? "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
  const contentTypes =
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/><Default Extension="png" ContentType="image/png"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="${wbType}"/>` +
    `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
    `<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
    `<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/><Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/><Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>` +
    (macros
      ? `<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>`
      : "") +
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
  const workbook =
    `${XML}<workbook xmlns="${NS}" xmlns:r="${R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr xr6 xr10 xr2" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2">` +
    `<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr codeName="ThisWorkbook" defaultThemeVersion="166925"/>` +
    `<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840" xr2:uid="{8F0A4D2C-3B1E-4E5F-A6B7-C8D9E0F1A2B3}"/></bookViews>` +
    `<sheets><sheet name="${esc(tabName)}" sheetId="1" r:id="rId1"/><sheet name="ข้อมูลอื่น" sheetId="2" r:id="rId2"/></sheets>` +
    `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'${esc(tabName)}'!$A$1:$J$${last}</definedName><definedName name="รายได้รวม">'ข้อมูลอื่น'!$B$1</definedName></definedNames>` +
    `<calcPr calcId="191029"/></workbook>`;
  const workbookRels =
    `${XML}<Relationships xmlns="${PR}"><Relationship Id="rId3" Type="${R}/theme" Target="theme/theme1.xml"/><Relationship Id="rId2" Type="${R}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId6" Type="${R}/calcChain" Target="calcChain.xml"/><Relationship Id="rId5" Type="${R}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="${R}/styles" Target="styles.xml"/>` +
    (macros
      ? `<Relationship Id="rId7" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>`
      : "") +
    `</Relationships>`;
  const sheet1Rels = `${XML}<Relationships xmlns="${PR}"><Relationship Id="rId3" Type="${R}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/><Relationship Id="rId2" Type="${R}/drawing" Target="../drawings/drawing1.xml"/><Relationship Id="rId1" Type="${R}/printerSettings" Target="../printerSettings/printerSettings1.bin"/><Relationship Id="rId4" Type="${R}/comments" Target="../comments1.xml"/></Relationships>`;
  const drawing =
    `${XML}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${last + 2}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${last + 18}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="แผนภูมิ 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>` +
    `<xdr:oneCellAnchor><xdr:from><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${last + 2}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="3" name="รูปภาพ 2" descr="ตราสำนักงาน"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip xmlns:r="${R}" r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>`;
  const drawingRels = `${XML}<Relationships xmlns="${PR}"><Relationship Id="rId2" Type="${R}/image" Target="../media/image1.png"/><Relationship Id="rId1" Type="${R}/chart" Target="../charts/chart1.xml"/></Relationships>`;
  const values = rows.slice(1).map((r) => (typeof r[7] === "number" ? r[7] : 0));
  const names = rows.slice(1).map((r) => (typeof r[2] === "string" ? r[2] : ""));
  const chart =
    `${XML}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${R}"><c:date1904 val="0"/><c:lang val="th-TH"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>รายได้ตามผลิตภัณฑ์</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>'${esc(tabName)}'!$H$1</c:f></c:strRef></c:tx>` +
    `<c:cat><c:strRef><c:f>'${esc(tabName)}'!$C$2:$C$${last}</c:f><c:strCache><c:ptCount val="${names.length}"/>${names.map((n, i) => `<c:pt idx="${i}"><c:v>${esc(n)}</c:v></c:pt>`).join("")}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>'${esc(tabName)}'!$H$2:$H$${last}</c:f><c:numCache><c:formatCode>#,##0.00</c:formatCode><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join("")}</c:numCache></c:numRef></c:val></c:ser>` +
    `<c:gapWidth val="219"/><c:axId val="100"/><c:axId val="101"/></c:barChart><c:catAx><c:axId val="100"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="101"/></c:catAx><c:valAx><c:axId val="101"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="100"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`;
  const [commentRef, commentText] = comment;
  const cm = /^([A-Z]+)(\d+)$/.exec(commentRef)!;
  const commentCol = [...cm[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const comments = `${XML}<comments xmlns="${NS}"><authors><author>สมใจ ใจดี</author></authors><commentList><comment ref="${commentRef}" authorId="0" shapeId="0"><text><r><rPr><b/><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr><t>สมใจ ใจดี:</t></r><r><rPr><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr><t xml:space="preserve">\n${esc(commentText)}</t></r></text></comment></commentList></comments>`;
  const vml = `<xml xmlns:v="urn:schemas-microsoft-com:vml"\r\n xmlns:o="urn:schemas-microsoft-com:office:office"\r\n xmlns:x="urn:schemas-microsoft-com:office:excel">\r\n <o:shapelayout v:ext="edit">\r\n  <o:idmap v:ext="edit" data="1"/>\r\n </o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"\r\n  path="m,l,21600r21600,l21600,xe">\r\n  <v:stroke joinstyle="miter"/>\r\n  <v:path gradientshapeok="t" o:connecttype="rect"/>\r\n </v:shapetype><v:shape id="_x0000_s1025" type="#_x0000_t202" style='position:absolute;\r\n  margin-left:600pt;margin-top:20pt;width:108pt;height:59.25pt;z-index:1;\r\n  visibility:hidden' fillcolor="infoBackground [80]" o:insetmode="auto">\r\n  <v:fill color2="infoBackground [80]"/>\r\n  <v:shadow color="none [81]" obscured="t"/>\r\n  <v:path o:connecttype="none"/>\r\n  <v:textbox style='mso-direction-alt:auto'>\r\n   <div style='text-align:left'></div>\r\n  </v:textbox>\r\n  <x:ClientData ObjectType="Note">\r\n   <x:MoveWithCells/>\r\n   <x:SizeWithCells/>\r\n   <x:AutoFill>False</x:AutoFill>\r\n   <x:Row>${Number(cm[2]) - 1}</x:Row>\r\n   <x:Column>${commentCol}</x:Column>\r\n  </x:ClientData>\r\n </v:shape></xml>`;
  const calcChain = `${XML}<calcChain xmlns="${NS}">${calc.join("")}</calcChain>`;
  const core = `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่</dc:creator><cp:lastModifiedBy>สมใจ ใจดี</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">2020-01-13T02:30:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2020-01-13T02:30:00Z</dcterms:modified></cp:coreProperties>`;
  const app = `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant><vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="4" baseType="lpstr"><vt:lpstr>${esc(tabName)}</vt:lpstr><vt:lpstr>ข้อมูลอื่น</vt:lpstr><vt:lpstr>'${esc(tabName)}'!Print_Area</vt:lpstr><vt:lpstr>รายได้รวม</vt:lpstr></vt:vector></TitlesOfParts><AppVersion>16.0300</AppVersion></Properties>`;
  const rootRels = `${XML}<Relationships xmlns="${PR}"><Relationship Id="rId3" Type="${R}/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="${PR}/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

  const parts: [string, string | Buffer][] = [
    ["[Content_Types].xml", contentTypes],
    ["_rels/.rels", rootRels],
    ["xl/workbook.xml", workbook],
    ["xl/_rels/workbook.xml.rels", workbookRels],
    ["xl/worksheets/sheet1.xml", sheet1],
    ["xl/worksheets/sheet2.xml", sheet2],
    ["xl/worksheets/_rels/sheet1.xml.rels", sheet1Rels],
    ["xl/theme/theme1.xml", THEME],
    ["xl/styles.xml", styles],
    ["xl/sharedStrings.xml", sharedStrings],
    ["xl/drawings/drawing1.xml", drawing],
    ["xl/drawings/_rels/drawing1.xml.rels", drawingRels],
    ["xl/charts/chart1.xml", chart],
    ["xl/media/image1.png", PNG],
    ["xl/comments1.xml", comments],
    ["xl/drawings/vmlDrawing1.vml", vml],
    ["xl/printerSettings/printerSettings1.bin", pseudoBinary(1, 1200)],
    ["xl/calcChain.xml", calcChain],
    ...(macros ? ([["xl/vbaProject.bin", pseudoBinary(2, 15_360)]] as [string, Buffer][]) : []),
    ["docProps/core.xml", core],
    ["docProps/app.xml", app],
  ];
  const zip = new yazl.ZipFile();
  for (const [name, data] of parts) {
    zip.addBuffer(typeof data === "string" ? Buffer.from(data, "utf8") : data, name, {
      mtime: DATE,
      forceDosTimestamp: true,
      compress: !name.endsWith(".png"),
    });
  }
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", resolve);
    zip.outputStream.on("error", reject);
  });
  zip.end();
  await done;
  return { bytes: Buffer.concat(chunks), productsPart: "xl/worksheets/sheet1.xml" };
}
