// Human output of a validation: grouped by tab and row, Thai first with English beneath,
// numbers Thai-formatted.
import type { Issue } from "../domain/issues.ts";
import { TAB_SPECS } from "../domain/tabs.ts";
import type { WorkbookValidation } from "../domain/validate-workbook.ts";

const n = (x: number) => x.toLocaleString("th-TH");

export function formatValidation(v: WorkbookValidation, file: string): string {
  const lines: string[] = [`ตรวจสอบ / validating ${file}`, ""];
  const byTab = new Map<string, Issue[]>();
  for (const issue of v.issues) {
    const list = byTab.get(issue.tab) ?? [];
    list.push(issue);
    byTab.set(issue.tab, list);
  }
  for (const [tab, stats] of Object.entries(v.tabs)) {
    const en = Object.values(TAB_SPECS).find((s) => s.th === tab)?.en ?? "";
    lines.push(
      `${tab} (${en}): ${n(stats.rows)} แถว/rows · ถูกต้อง/valid ${n(stats.valid)} · ไม่ถูกต้อง/invalid ${n(stats.invalid)}`,
    );
    const issues = (byTab.get(tab) ?? []).slice().sort((a, b) => a.row - b.row);
    let lastRow = -1;
    for (const issue of issues) {
      if (issue.row !== lastRow) {
        lines.push(`  แถว/row ${issue.row}`);
        lastRow = issue.row;
      }
      const mark = issue.severity === "error" ? "✗ ข้อผิดพลาด/error" : "⚠ คำเตือน/warning";
      const cell = issue.column ? `${issue.column}${issue.row} ` : "";
      lines.push(`    ${mark} ${cell}[${issue.field || "-"}] ${issue.message_th}`);
      lines.push(`      ${issue.message_en} (${issue.code})`);
    }
    lines.push("");
  }
  const invalid = Object.values(v.tabs).reduce((s, t) => s + t.invalid, 0);
  const warnings = v.issues.filter((i) => i.severity === "warning").length;
  const errors = v.issues.length - warnings;
  lines.push(
    v.ok
      ? `ผ่าน: ทุกแถวถูกต้อง (คำเตือน ${n(warnings)} รายการ) / OK: every row is valid (${n(warnings)} warnings)`
      : `ไม่ผ่าน: ${n(invalid)} แถวมีข้อผิดพลาด ${n(errors)} รายการ / FAILED: ${n(invalid)} invalid rows, ${n(errors)} errors`,
  );
  return lines.join("\n");
}

/** The `validate --json` shape (README.md, "The `kbo` command"). */
export function validationJson(v: WorkbookValidation) {
  return { ok: v.ok, tabs: v.tabs, issues: v.issues };
}
