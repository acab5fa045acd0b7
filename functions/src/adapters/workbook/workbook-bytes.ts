// A workbook file as bytes: read (with the command's not-found and unreadable errors) and hashed.
// Without exceljs, so a re-sync of an unchanged file never loads it.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { AppError } from "../../app-error.ts";

/** The file's bytes (for hashing, then loading without a second read). */
export async function readWorkbookBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") {
      throw new AppError("WORKBOOK_NOT_FOUND", `ไม่พบไฟล์ / file not found: ${path}`);
    }
    throw new AppError(
      "WORKBOOK_UNREADABLE",
      `อ่านไฟล์ไม่ได้ ไม่ใช่ไฟล์ .xlsx / not a readable .xlsx workbook: ${path}`,
      { cause },
    );
  }
}

export const bytesSha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");
