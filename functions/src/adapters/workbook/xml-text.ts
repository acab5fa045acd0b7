// The few XML text operations the workbook patcher needs, on the text as it is (never re-serialised):
// finding a start tag by name with any namespace prefix, reading its attributes, escaping text.
// OOXML strings also escape what XML 1.0 cannot hold as `_xHHHH_` (ECMA-376 Part 1, §22.9.2.19 ST_Xstring).

/** A start (or empty) tag: its text, where it starts and ends, its prefix and whether it is `/>`. */
export interface Tag {
  text: string;
  start: number;
  end: number;
  /** The namespace prefix with its colon (`x:`), or "". */
  prefix: string;
  selfClosing: boolean;
}

const tagPatterns = new Map<string, RegExp>();

/** A global, quote-aware pattern of start tags named `name` (any prefix). */
export function tagPattern(name: string): RegExp {
  let re = tagPatterns.get(name);
  if (!re) {
    re = new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?)${name}(?=[\\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>`, "g");
    tagPatterns.set(name, re);
  }
  return re;
}

/** The first start tag named `name` at or after `from`, before `to`. */
export function findTag(xml: string, name: string, from = 0, to = xml.length): Tag | undefined {
  const re = tagPattern(name);
  re.lastIndex = from;
  const m = re.exec(xml);
  if (!m || m.index >= to) return undefined;
  return toTag(m);
}

export function toTag(m: RegExpExecArray): Tag {
  const text = m[0];
  return {
    text,
    start: m.index,
    end: m.index + text.length,
    prefix: m[1] ?? "",
    selfClosing: text.endsWith("/>"),
  };
}

/** Where the element opened by `tag` ends (after its end tag), or the tag's end when it is empty. */
export function elementEnd(xml: string, tag: Tag, name: string): number {
  if (tag.selfClosing) return tag.end;
  const close = `</${tag.prefix}${name}>`;
  const at = xml.indexOf(close, tag.end);
  return at < 0 ? -1 : at + close.length;
}

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a start tag, values unescaped. */
export function attributes(tagText: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(tagText); m; m = ATTRIBUTE.exec(tagText)) {
    out[m[1]!] = unescapeXml(m[2] ?? m[3] ?? "");
  }
  return out;
}

const attributePatterns = new Map<string, RegExp>();

function findAttribute(tagText: string, name: string): RegExpExecArray | null {
  let re = attributePatterns.get(name);
  if (!re) {
    re = new RegExp(`\\s${name.replace(".", "\\.")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, re);
  }
  return re.exec(tagText);
}

/** One attribute's raw (still escaped) value, without parsing the others (hot path: row and cell tags). */
export function attribute(tagText: string, name: string): string | undefined {
  const m = findAttribute(tagText, name);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The tag with one attribute set (added before the tag's end, or its value replaced). */
export function withAttribute(tagText: string, name: string, value: string): string {
  const pair = `${name}="${escapeXml(value, true)}"`;
  const m = findAttribute(tagText, name);
  if (m) return `${tagText.slice(0, m.index)} ${pair}${tagText.slice(m.index + m[0].length)}`;
  const end = tagText.endsWith("/>") ? tagText.length - 2 : tagText.length - 1;
  return `${tagText.slice(0, end)} ${pair}${tagText.slice(end)}`;
}

/** The tag without one attribute. */
export function withoutAttribute(tagText: string, name: string): string {
  const m = findAttribute(tagText, name);
  return m ? tagText.slice(0, m.index) + tagText.slice(m.index + m[0].length) : tagText;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
    e.startsWith("#x")
      ? String.fromCodePoint(Number.parseInt(e.slice(2), 16))
      : e.startsWith("#")
        ? String.fromCodePoint(Number(e.slice(1)))
        : ENTITIES[e]!,
  );
}

export function escapeXml(text: string, attribute = false): string {
  const s = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return attribute ? s.replace(/"/g, "&quot;") : s;
}

// Characters XML 1.0 cannot carry (C0 controls but tab and line breaks, lone surrogates, U+FFFE/F).
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LOOKS_ESCAPED = /_(x[0-9A-Fa-f]{4}_)/g;

/** A cell string as OOXML text: `_xHHHH_` for what XML cannot carry, and literal `_xHHHH_` kept literal. */
export function escapeCellText(text: string): string {
  const s = text
    .replace(LOOKS_ESCAPED, "_x005F_$1")
    .replace(NOT_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeXml(s);
}

/** The text of an OOXML string element's content (entities and `_xHHHH_` escapes undone). */
export function unescapeCellText(xmlText: string): string {
  return unescapeXml(xmlText).replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}
