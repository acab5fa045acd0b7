// `kbo validate FILE.xlsx [--json]`: checks every tab; exit 0 all valid (warnings allowed),
// 1 any invalid row, 2 unusable input.
import type { Command } from "commander";
import { readWorkbook } from "../../adapters/workbook/read-workbook.ts";
import { AppError } from "../../app-error.ts";
import { knownTabs, validateWorkbook } from "../../domain/validate-workbook.ts";
import { formatValidation, validationJson } from "../format-validation.ts";
import { bangkokToday, type CliIo, EXIT } from "../io.ts";
import { resolvePath } from "../paths.ts";

export async function validateFile(file: string, io: CliIo) {
  const wb = await readWorkbook(resolvePath(io, file));
  if (knownTabs(wb).length === 0) {
    throw new AppError(
      "NO_KNOWN_TAB",
      `ไม่พบแท็บที่รู้จัก (ผลิตภัณฑ์, การประชุม, ผู้เข้าประชุม, วาระการประชุม) / no known tab (products, meetings, attendees, agenda) in ${file}`,
    );
  }
  return { wb, validation: validateWorkbook(wb, { today: bangkokToday(io.now()) }) };
}

export function registerValidateCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("validate")
    .description("ตรวจสอบทุกแท็บของไฟล์ / check every tab of a workbook")
    .argument("<file>", "the .xlsx workbook")
    .option("--json", "print one JSON object")
    .action(async (file: string, options: { json?: boolean }) => {
      const { validation } = await validateFile(file, io);
      io.stdout(
        options.json ? JSON.stringify(validationJson(validation)) : formatValidation(validation, file),
      );
      setExit(validation.ok ? EXIT.ok : EXIT.invalidRows);
    });
}
