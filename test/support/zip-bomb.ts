// Hostile .xlsx files for the zip-bomb tests and bench: a well-formed workbook whose sheet part
// inflates to hundreds of megabytes from half a megabyte, and one whose headers lie about the size.
import yazl from "yazl";

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

async function zip(entries: [string, Buffer][]): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of entries)
    z.addBuffer(data, name, { compressionLevel: 9, mtime: new Date(Date.UTC(2020, 0, 13)) });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => z.outputStream.on("end", resolve));
  z.outputStream.on("data", (c: Buffer) => chunks.push(c));
  z.end();
  await done;
  return Buffer.concat(chunks);
}

/** A products tab whose sheet part is `megabytes` MiB of blanks inside <sheetData>. */
export async function zipBomb(megabytes = 480): Promise<Buffer> {
  const head = Buffer.from(`${XML}<worksheet xmlns="${NS}"><sheetData>`);
  const tail = Buffer.from("</sheetData></worksheet>");
  const sheet = Buffer.alloc(megabytes * 1024 * 1024, 0x20);
  head.copy(sheet, 0);
  tail.copy(sheet, sheet.length - tail.length);
  return zip([
    [
      "[Content_Types].xml",
      Buffer.from(
        `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
    ],
    [
      "_rels/.rels",
      Buffer.from(
        `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    ],
    [
      "xl/workbook.xml",
      Buffer.from(
        `${XML}<workbook xmlns="${NS}" xmlns:r="${R}"><sheets><sheet name="ผลิตภัณฑ์" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    ],
    [
      "xl/_rels/workbook.xml.rels",
      Buffer.from(
        `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    ],
    ["xl/worksheets/sheet1.xml", sheet],
  ]);
}

/**
 * `bytes` with every entry's declared uncompressed size set to `declared` (in the local headers and
 * the central directory): a bomb that lies about its size, or a file whose checksums no longer hold.
 */
export function withDeclaredSizes(bytes: Buffer, declared: number): Buffer {
  const out = Buffer.from(bytes);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    out.writeUInt32LE(declared, at + 24);
    const local = out.readUInt32LE(at + 42);
    out.writeUInt32LE(declared, local + 22);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

/** One entry whose deflated data is replaced by other data of the same declared sizes (a bad checksum). */
export function corruptEntry(bytes: Buffer, name: string): Buffer {
  const out = Buffer.from(bytes);
  const at = out.indexOf(Buffer.from(name));
  const local = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), at);
  const size = out.readUInt32LE(local + 18);
  const start = local + 30 + out.readUInt16LE(local + 26) + out.readUInt16LE(local + 28);
  const original = out.subarray(start, start + size);
  // Same length, other content: the inflated bytes (if they still inflate) fail the entry's CRC-32.
  original[Math.floor(size / 2)]! ^= 0x01;
  return out;
}
