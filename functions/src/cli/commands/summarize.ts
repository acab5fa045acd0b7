// `kbo summarize FILE.xlsx [--json]`: rebuilds the summary tabs in FILE from Firestore (the records
// `kbo sync` mirrored under the workbook's stable id); `--json` prints the tables, revenue in baht.
// `kbo summarize --spreadsheet ID`: the same tabs written into a Google spreadsheet through the
// Sheets API, as the rebuildSummaries function does.
import type { Command } from "commander";
import { readSummaries } from "../../adapters/firestore/read-summaries.ts";
import { withFileLock } from "../../adapters/workbook/file-lock.ts";
import { readWorkbookBytes } from "../../adapters/workbook/workbook-bytes.ts";
import { replaceFile } from "../../adapters/workbook/workbook-file.ts";
import { decideIdentity, hereOf, lookAtPath, readMeta } from "../../adapters/workbook/workbook-identity.ts";
import { writeSummarySheets } from "../../adapters/workbook/write-summaries.ts";
import { XlsxPackage } from "../../adapters/workbook/xlsx-package.ts";
import { AppError } from "../../app-error.ts";
import { CATEGORIES } from "../../domain/closed-sets.ts";
import { type Summaries, summariesJson } from "../../domain/summaries.ts";
import { buildSummaryTables } from "../../domain/summaries-tables.ts";
import type { RebuildSummariesResponse } from "../../handlers/rebuild-summaries.ts";
import type { CliIo } from "../io.ts";
import { openFirestore } from "../open-firestore.ts";
import { resolvePath } from "../paths.ts";

const baht = (satang: number) =>
  (satang / 100).toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 2 });

export function formatSummaries(s: Summaries, file: string): string {
  const lines = [`kbo summarize ${file}: สรุปตามประเภท, สรุปตามอำเภอ, สรุปการประชุม rewritten`];
  for (const r of s.byCategory.rows) {
    const parts = CATEGORIES.filter((c) => r.byCategory[c.code].products > 0).map(
      (c) => `${c.th} ${r.byCategory[c.code].products}`,
    );
    lines.push(
      `  ${r.year}: ${r.total.products} ผลิตภัณฑ์/products, ${baht(r.total.revenueSatang)} บาท/baht${parts.length ? ` (${parts.join(", ")})` : ""}`,
    );
  }
  lines.push(
    `  รวม/total: ${s.byCategory.total.products} ผลิตภัณฑ์/products, ${baht(s.byCategory.total.revenueSatang)} บาท/baht; ${s.meetings.length} การประชุม/meetings`,
  );
  return lines.join("\n");
}

export function formatRebuild(r: RebuildSummariesResponse): string {
  const tabs = [
    ...r.tabs.created.map((t) => `${t} (สร้างใหม่/created)`),
    ...r.tabs.updated.map((t) => `${t} (เขียนใหม่/rewritten)`),
  ];
  return [
    `kbo summarize --spreadsheet ${r.spreadsheetId}: ${tabs.join(", ")}`,
    `  รวม/total: ${r.products} ผลิตภัณฑ์/products, ${r.revenue.toLocaleString("en-US", { maximumFractionDigits: 2 })} บาท/baht; ${r.meetings} การประชุม/meetings; ปี/years ${r.years.join(", ") || "—"}`,
  ].join("\n");
}

interface SummarizeOptions {
  json?: boolean;
  fiscal?: boolean;
  allSources?: boolean;
  spreadsheet?: string;
}

async function summarizeSpreadsheet(io: CliIo, spreadsheetId: string, options: SummarizeOptions) {
  // The Sheets client loads only here: `kbo summarize FILE` never needs it.
  const [{ rebuildSummaries }, { openSheets }, { rebuildSummariesPorts }, { silentLogger }] =
    await Promise.all([
      import("../../handlers/rebuild-summaries.ts"),
      import("../open-sheets.ts"),
      import("../../adapters/ports.ts"),
      import("../../adapters/log/logger.ts"),
    ]);
  const { sheets, pacer, serviceAccount } = await openSheets(io);
  const { db, close } = await openFirestore(io);
  try {
    const result = await rebuildSummaries(
      rebuildSummariesPorts({ db, sheets, pacer, serviceAccount, log: silentLogger }),
      { spreadsheetId, basis: options.fiscal ? "fiscal" : "programme", allSources: options.allSources },
    );
    io.stdout(options.json ? JSON.stringify(result) : formatRebuild(result));
  } finally {
    await close();
  }
}

export function registerSummarizeCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("summarize")
    .description(
      "สร้างแท็บสรุปในไฟล์หรือใน Google Sheets จาก Firestore / rebuild the summary tabs in FILE, or in a Google spreadsheet, from Firestore",
    )
    .argument("[file]", "the .xlsx workbook (synced with `kbo sync` first)")
    .option("--spreadsheet <id>", "a Google spreadsheet instead of a file, written through the Sheets API")
    .option("--json", "print the tables as JSON (revenue in baht)")
    .option("--fiscal", "date meetings by the Thai fiscal year (October–September)")
    .option("--all-sources", "summarise every source together (the province view)")
    .action(async (file: string | undefined, options: SummarizeOptions) => {
      if ((file === undefined) === (options.spreadsheet === undefined)) {
        throw new AppError(
          "USAGE",
          "ระบุไฟล์ หรือ --spreadsheet อย่างใดอย่างหนึ่ง / give either FILE.xlsx or --spreadsheet ID",
        );
      }
      if (options.spreadsheet) {
        await summarizeSpreadsheet(io, options.spreadsheet, options);
        setExit(0);
        return;
      }
      const path = resolvePath(io, file!);
      // One command at a time writes a workbook file; the summary tabs are written whole, the rest of
      // the file (charts, macros) kept byte for byte.
      await withFileLock(path, async () => {
        const pkg = await XlsxPackage.read(await readWorkbookBytes(path), path);
        const meta = readMeta(pkg);
        const here = await hereOf(path);
        const identity = meta.spreadsheetId
          ? await decideIdentity(meta, here, (p) => lookAtPath(p, here.path))
          : undefined;
        if (!identity || identity.kind === "new" || identity.kind === "copy") {
          const copy = identity?.kind === "copy" ? identity.original.path : undefined;
          throw new AppError(
            "WORKBOOK_NOT_SYNCED",
            copy
              ? `ไฟล์นี้เป็นสำเนาของ ${copy} ที่ยังไม่เคยซิงค์: ใช้ kbo sync ${file} ก่อน / ${file} is a copy of ${copy} and was never synced itself: run kbo sync ${file} first`
              : `ไฟล์นี้ยังไม่เคยบันทึกลง Firestore: ใช้ kbo sync ${file} ก่อน / ${file} was never synced: run kbo sync ${file} first`,
          );
        }
        const { db, close } = await openFirestore(io);
        try {
          const { summaries } = await readSummaries(db, {
            spreadsheetId: options.allSources ? undefined : identity.spreadsheetId,
            basis: options.fiscal ? "fiscal" : "programme",
          });
          writeSummarySheets(pkg, buildSummaryTables(summaries));
          await replaceFile(path, await pkg.toBuffer());
          io.stdout(
            options.json ? JSON.stringify(summariesJson(summaries)) : formatSummaries(summaries, file!),
          );
          setExit(0);
        } finally {
          await close();
        }
      });
    });
}
