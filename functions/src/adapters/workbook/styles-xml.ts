// The cell styles the system's own cells need (check cells that wrap, the summary tabs' bold and
// filled headers and number formats), found in or appended to the workbook's styles.xml: existing
// entries are never changed or reordered, so every staff cell keeps its look. ECMA-376 Part 1, §18.8.
import { REL_TYPES, type XlsxPackage } from "./xlsx-package.ts";
import { attribute, elementEnd, escapeXml, findTag, tagPattern, toTag } from "./xml-text.ts";

export interface CellLook {
  bold?: boolean;
  /** Solid fill colour, ARGB ("FFD9EAD3"). */
  fill?: string;
  /** Number format code ("#,##0"). */
  numFmt?: string;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "center" | "bottom";
  wrap?: boolean;
}

/** Formats Excel knows by number (ECMA-376 Part 1, §18.8.30): no entry needed for these. */
const BUILT_IN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4 };

/** The elements of a list (`<fonts>`, `<fills>`, `<cellXfs>`…) as their exact text, and where the list ends. */
function listItems(
  xml: string,
  list: string,
  item: string,
): { items: string[]; close: number; open: ReturnType<typeof findTag> } {
  const open = findTag(xml, list);
  if (!open || open.selfClosing) return { items: [], close: -1, open };
  const end = elementEnd(xml, open, list);
  const close = end - `</${open.prefix}${list}>`.length;
  const items: string[] = [];
  const re = tagPattern(item);
  re.lastIndex = open.end;
  for (let m = re.exec(xml); m && m.index < close; m = re.exec(xml)) {
    const itemEnd = elementEnd(xml, toTag(m), item);
    items.push(xml.slice(m.index, itemEnd));
    re.lastIndex = itemEnd;
  }
  return { items, close, open };
}

export class StyleSheet {
  private readonly part?: string;
  private readonly cache = new Map<string, number | undefined>();
  // Assigned by hand: `kbo` runs this file with Node's type stripping (no parameter properties).
  private readonly pkg: XlsxPackage;

  constructor(pkg: XlsxPackage) {
    this.pkg = pkg;
    this.part = pkg.workbookRelated(REL_TYPES.styles);
  }

  /** The cellXfs index of a look (undefined when the workbook has no styles part to hold one). */
  xf(look: CellLook): number | undefined {
    const key = JSON.stringify(look);
    if (this.cache.has(key)) return this.cache.get(key);
    const index = this.part ? this.findOrAdd(look) : undefined;
    this.cache.set(key, index);
    return index;
  }

  private findOrAdd(look: CellLook): number | undefined {
    const numFmtId = look.numFmt === undefined ? 0 : this.numFmt(look.numFmt);
    const fontId = look.bold ? this.entry("fonts", "font", this.boldFont()) : 0;
    const fillId =
      look.fill === undefined
        ? 0
        : this.entry(
            "fills",
            "fill",
            `<fill><patternFill patternType="solid"><fgColor rgb="${look.fill}"/><bgColor indexed="64"/></patternFill></fill>`,
          );
    if (fontId === undefined || fillId === undefined) return undefined;
    const align = [
      look.horizontal ? ` horizontal="${look.horizontal}"` : "",
      look.vertical ? ` vertical="${look.vertical}"` : "",
      look.wrap ? ' wrapText="1"' : "",
    ].join("");
    const applies = [
      numFmtId ? ' applyNumberFormat="1"' : "",
      fontId ? ' applyFont="1"' : "",
      fillId ? ' applyFill="1"' : "",
      align ? ' applyAlignment="1"' : "",
    ].join("");
    const head = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${applies}`;
    return this.entry("cellXfs", "xf", align ? `${head}><alignment${align}/></xf>` : `${head}/>`);
  }

  /** The index of an element in a list, appended (and the list's count raised) when not there yet. */
  private entry(list: string, item: string, text: string): number | undefined {
    const xml = this.pkg.text(this.part!);
    const { items, close, open } = listItems(xml, list, item);
    if (!open) return undefined;
    if (open.selfClosing) {
      const p = open.prefix;
      this.pkg.setText(
        this.part!,
        `${xml.slice(0, open.start)}<${p}${list} count="1">${text}</${p}${list}>${xml.slice(open.end)}`,
      );
      return 0;
    }
    const found = items.indexOf(text);
    if (found >= 0) return found;
    const count = attribute(open.text, "count");
    const opened =
      count === undefined ? open.text : open.text.replace(/count="\d+"/, `count="${items.length + 1}"`);
    this.pkg.setText(
      this.part!,
      xml.slice(0, open.start) + opened + xml.slice(open.end, close) + text + xml.slice(close),
    );
    return items.length;
  }

  /** The workbook's default font, bold. */
  private boldFont(): string {
    const base =
      listItems(this.pkg.text(this.part!), "fonts", "font").items[0] ??
      '<font><sz val="11"/><name val="Calibri"/></font>';
    if (base.includes("<b/>")) return base;
    return base.replace(/^<font\s*>|^<font\s*\/>/, (m) =>
      m.endsWith("/>") ? "<font><b/></font>" : "<font><b/>",
    );
  }

  private numFmt(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let xml = this.pkg.text(this.part!);
    const { items, open } = listItems(xml, "numFmts", "numFmt");
    const escaped = escapeXml(code, true);
    for (const item of items) {
      if (attribute(item, "formatCode") === escaped) return Number(attribute(item, "numFmtId"));
    }
    const id = Math.max(163, ...items.map((i) => Number(attribute(i, "numFmtId")))) + 1;
    const entry = `<numFmt numFmtId="${id}" formatCode="${escaped}"/>`;
    if (!open) {
      // numFmts is the style sheet's first child.
      const sheet = findTag(xml, "styleSheet")!;
      xml = `${xml.slice(0, sheet.end)}<numFmts count="1">${entry}</numFmts>${xml.slice(sheet.end)}`;
      this.pkg.setText(this.part!, xml);
      return id;
    }
    this.entry("numFmts", "numFmt", entry);
    return id;
  }
}
