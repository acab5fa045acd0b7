// Shared helpers of the normaliser tables: run a parse and reduce it to what a case asserts.
import type { Parsed } from "../../../functions/src/domain/issues.ts";

export type Expect<T> = { value: T; warn?: string } | { error: string };

/** `{value}` or `{value, warn}` for a success (first warning's code), `{error}` for a failure. */
export function outcome<T>(p: Parsed<T>): Expect<T> {
  if (!p.ok) return { error: p.problem.code };
  return p.warnings.length > 0 ? { value: p.value, warn: p.warnings[0]!.code } : { value: p.value };
}

export const RANGE = { currentYearBE: 2569 };
