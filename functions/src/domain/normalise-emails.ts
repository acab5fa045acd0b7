// Lists of e-mail addresses (report recipients), separated by commas, semicolons, spaces or lines;
// "Name <a@b>" and "mailto:" forms accepted. Addresses are lower-cased and deduplicated.
import { cellText, cleanText } from "./clean-text.ts";
import { ok, type Parsed, type Problem, warning } from "./issues.ts";
import type { RawCell } from "./raw-workbook.ts";

// The practical subset of RFC 5322 that mail providers accept: local@domain.tld.
const EMAIL =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,}$/;

export const isEmail = (s: string): boolean => EMAIL.test(s) && !s.includes("..") && s.length <= 254;

export function parseEmails(cell: RawCell): Parsed<string[]> {
  const text = cleanText(cellText(cell), true);
  if (text === "") return ok([]);
  // "Name <a@b>" entries keep only the address; other entries may hold several space-separated ones.
  const parts = text
    .split(/[,;\n]+/)
    .flatMap((entry) => {
      const angle = /<([^>]+)>/.exec(entry);
      return angle ? [angle[1]!] : entry.split(/\s+/);
    })
    .map((p) =>
      p
        .trim()
        .replace(/^mailto:/i, "")
        .toLowerCase(),
    )
    .filter(Boolean);
  // A bad address is a warning naming it: the meeting (and its PDF) stays valid, the good addresses
  // still get the report, and staff see which one to fix.
  const bad = [...new Set(parts.filter((p) => !isEmail(p)))];
  const good = parts.filter((p) => isEmail(p));
  const unique = [...new Set(good)];
  const warnings: Problem[] = [];
  if (bad.length > 0) {
    const shown = bad.map((b) => (b.length > 80 ? `${b.slice(0, 77)}…` : b)).join(", ");
    warnings.push(
      warning(
        "EMAIL_INVALID",
        `อีเมลไม่ถูกต้อง ระบบจะไม่ส่งถึง: ${shown}; ใส่เป็น ชื่อ@โดเมน คั่นด้วยจุลภาค เช่น somchai@example.go.th, suda@example.org`,
        `Invalid e-mail address, not sent to: ${shown}; write name@domain, separated by commas, e.g. somchai@example.go.th, suda@example.org`,
      ),
    );
  }
  if (unique.length < good.length) {
    warnings.push(
      warning(
        "EMAIL_DUPLICATE",
        "มีอีเมลซ้ำ ระบบใช้เพียงครั้งเดียว",
        "A duplicate address was listed; it is used once",
      ),
    );
  }
  return ok(unique, warnings);
}

export const formatEmails = (emails: readonly string[]): string => emails.join(", ");
