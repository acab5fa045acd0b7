// The zip container of an .xlsx: its parts read into memory (refusing zip bombs before anything is
// inflated) and written back in the same order. yauzl reads (it checks the archive's structure and
// stops any entry that inflates past its declared size); yazl writes. See docs/architecture.md, "Workbook files".
import { crc32 } from "node:zlib";
import yauzl from "yauzl";
import yazl from "yazl";
import { AppError } from "../../app-error.ts";

export interface ZipPart {
  /** The entry's name in the archive, e.g. `xl/worksheets/sheet1.xml` (directories end with `/`). */
  name: string;
  data: Buffer;
  /** Deflated in the archive (else stored). */
  compressed: boolean;
  mtime: Date;
}

const MiB = 1024 * 1024;

/**
 * What an office workbook can need, with a wide margin: a 10,000-row products tab is a 3 MiB sheet part,
 * so one part of 128 MiB holds about 400,000 rows, more than the reader can hold in memory anyway.
 */
export const ZIP_LIMITS = { partBytes: 128 * MiB, totalBytes: 256 * MiB, entries: 10_000 } as const;

const mb = (n: number) => (n / MiB).toFixed(n < 10 * MiB ? 1 : 0);

function unreadable(path: string, why: string, cause?: unknown): AppError {
  return new AppError(
    "WORKBOOK_UNREADABLE",
    `อ่านไฟล์ไม่ได้ ไม่ใช่ไฟล์ .xlsx ที่สมบูรณ์ / not a readable .xlsx workbook: ${path} (${why})`,
    { cause },
  );
}

function tooLarge(path: string, what: string, bytes: number, limit: number): AppError {
  return new AppError(
    "WORKBOOK_TOO_LARGE",
    `ไฟล์ ${path} จะขยายออกเป็น ${mb(bytes)} MB (${what}) เกินขีดจำกัด ${mb(limit)} MB จึงไม่เปิดอ่าน: ไฟล์อาจเสียหายหรือถูกสร้างมาเพื่อโจมตี (zip bomb) / ${path} would unpack to ${mb(bytes)} MB (${what}), over the ${mb(limit)} MB limit: refused unread, the file may be damaged or a zip bomb`,
  );
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** An opened archive whose directory passed the checks: parts are inflated when asked for. */
export interface ZipReader {
  has(name: string): boolean;
  /** The parts whose names match, in archive order (directories included when they match). */
  read(wanted: (name: string) => boolean): Promise<ZipPart[]>;
  close(): void;
}

/**
 * Opens an archive: every entry's declared size is checked against ZIP_LIMITS before any is
 * inflated, and yauzl ends an entry's stream the moment it passes its declared size, so a lying header
 * cannot inflate further. Each part read is checked against its CRC-32.
 */
export async function openZip(bytes: Buffer, path: string): Promise<ZipReader> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, strictFileNames: false });
  } catch (cause) {
    throw unreadable(path, "no zip directory", cause);
  }
  const entries: yauzl.Entry[] = [];
  try {
    if (zip.entryCount > ZIP_LIMITS.entries) {
      throw unreadable(path, `${zip.entryCount} entries, more than ${ZIP_LIMITS.entries}`);
    }
    const names = new Set<string>();
    let total = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        if (names.has(entry.fileName)) throw unreadable(path, `two entries named ${entry.fileName}`);
        names.add(entry.fileName);
        if (entry.uncompressedSize > ZIP_LIMITS.partBytes) {
          throw tooLarge(path, entry.fileName, entry.uncompressedSize, ZIP_LIMITS.partBytes);
        }
        total += entry.uncompressedSize;
        if (total > ZIP_LIMITS.totalBytes) throw tooLarge(path, "all parts", total, ZIP_LIMITS.totalBytes);
        entries.push(entry);
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw unreadable(path, "damaged zip directory", e);
    }
  } catch (e) {
    zip.close();
    throw e;
  }
  const byName = new Set(entries.map((e) => e.fileName));
  return {
    has: (name) => byName.has(name),
    close: () => zip.close(),
    async read(wanted) {
      const parts: ZipPart[] = [];
      for (const entry of entries) {
        if (!wanted(entry.fileName)) continue;
        const isDirectory = entry.fileName.endsWith("/");
        if (entry.isEncrypted()) throw unreadable(path, `${entry.fileName} is encrypted`);
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
          throw unreadable(path, `${entry.fileName} uses compression method ${entry.compressionMethod}`);
        }
        let data: Buffer;
        try {
          data = isDirectory ? Buffer.alloc(0) : await collect(await zip.openReadStreamPromise(entry));
        } catch (cause) {
          throw unreadable(path, `${entry.fileName} is damaged`, cause);
        }
        // yauzl leaves the checksum to its caller.
        if (!isDirectory && crc32(data) >>> 0 !== entry.crc32 >>> 0) {
          throw unreadable(path, `${entry.fileName} fails its checksum`);
        }
        parts.push({
          name: entry.fileName,
          data,
          compressed: entry.compressionMethod === 8,
          mtime: entry.getLastModDate(),
        });
      }
      return parts;
    },
  };
}

/** The archive's parts in archive order (only those `wanted` names, and directories, when given). */
export async function readZipParts(
  bytes: Buffer,
  path: string,
  wanted: (name: string) => boolean = () => true,
): Promise<ZipPart[]> {
  const zip = await openZip(bytes, path);
  try {
    return await zip.read((name) => name.endsWith("/") || wanted(name));
  } finally {
    zip.close();
  }
}

/** The parts as a zip archive, in the order given, each compressed as it was. */
export async function writeZipParts(parts: readonly ZipPart[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const p of parts) {
    if (p.name.endsWith("/")) zip.addEmptyDirectory(p.name, { mtime: p.mtime, forceDosTimestamp: true });
    else zip.addBuffer(p.data, p.name, { mtime: p.mtime, compress: p.compressed, forceDosTimestamp: true });
  }
  const out = collect(zip.outputStream);
  zip.end();
  return out;
}
