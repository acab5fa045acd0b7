// The workbook file as `kbo sync` uses it: opened once (zip checked, sheets read, identity decided),
// written back cell by cell as results arrive, saved atomically (a temporary file beside it, then a
// rename, so a kill mid-write never leaves a corrupt workbook). See docs/architecture.md, "Workbook files".
import { randomUUID } from "node:crypto";
import { chmod, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { RawWorkbook } from "../../domain/raw-workbook.ts";
import { loadWorkbookFile } from "./read-workbook.ts";
import { bytesSha256 } from "./workbook-bytes.ts";
import {
  decideIdentity,
  type Here,
  hereOf,
  type Identity,
  lookAtPath,
  META_SHEET,
  metaFor,
  metaSheetXml,
  readMeta,
  sameMeta,
  type WorkbookMeta,
} from "./workbook-identity.ts";
import { type TabWriteBack, WriteBack } from "./write-back.ts";
import type { XlsxPackage } from "./xlsx-package.ts";

export type { Identity, TabWriteBack };
export { hereOf };

export interface WorkbookFile {
  /** The staff's sheets as rows. */
  readonly raw: RawWorkbook;
  /** Who the workbook is for this sync (new, known, moved, or a copy with a new id). */
  readonly identity: Identity;
  /** Puts ids and checks into their cells (in memory); returns how many cells changed. */
  writeBack(tabs: TabWriteBack[]): number;
  /** Whether saving would change the file: cells written, or the identity still to record. */
  readonly dirty: boolean;
  /** Saves the file atomically; returns the SHA-256 of the bytes written. */
  save(): Promise<string>;
}

export async function openWorkbookFile(path: string, bytes: Buffer, here?: Here): Promise<WorkbookFile> {
  const { pkg, raw } = await loadWorkbookFile(bytes, path);
  const at = here ?? (await hereOf(path));
  const before = readMeta(pkg);
  const identity = await decideIdentity(before, at, (p) => lookAtPath(p, at.path));
  return new OpenWorkbook(path, pkg, raw, identity, metaFor(identity, at, before), before);
}

class OpenWorkbook implements WorkbookFile {
  private readonly cells: WriteBack;
  private cellsChanged = false;
  // Fields assigned by hand: `kbo` runs this file with Node's type stripping, which compiles nothing.
  private readonly path: string;
  private readonly pkg: XlsxPackage;
  readonly raw: RawWorkbook;
  readonly identity: Identity;
  private readonly meta: WorkbookMeta;
  private recorded: WorkbookMeta;

  constructor(
    path: string,
    pkg: XlsxPackage,
    raw: RawWorkbook,
    identity: Identity,
    meta: WorkbookMeta,
    recorded: WorkbookMeta,
  ) {
    this.path = path;
    this.pkg = pkg;
    this.raw = raw;
    this.identity = identity;
    this.meta = meta;
    this.recorded = recorded;
    this.cells = new WriteBack(pkg, raw);
  }

  get dirty(): boolean {
    return this.cellsChanged || !sameMeta(this.meta, this.recorded);
  }

  writeBack(tabs: TabWriteBack[]): number {
    const n = this.cells.apply(tabs);
    if (n > 0) this.cellsChanged = true;
    return n;
  }

  async save(): Promise<string> {
    if (!sameMeta(this.meta, this.recorded)) {
      const sheet = this.pkg.sheets().find((s) => s.name === META_SHEET);
      if (sheet?.part) this.pkg.setText(sheet.part, metaSheetXml(this.meta));
      else this.pkg.addWorksheet(META_SHEET, metaSheetXml(this.meta), "veryHidden");
    }
    const bytes = await this.pkg.toBuffer();
    await replaceFile(this.path, bytes);
    this.recorded = this.meta;
    this.cellsChanged = false;
    return bytesSha256(bytes);
  }
}

/** Writes `bytes` over `path` through a temporary file and a rename, keeping the file's permissions. */
export async function replaceFile(path: string, bytes: Buffer): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    await writeFile(temp, bytes);
    try {
      await chmod(temp, (await stat(path)).mode & 0o7777);
    } catch {
      // A new file, or a file system without modes: the defaults stand.
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
