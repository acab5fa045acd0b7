// The kbo version, from package.json: what a workbook's remembered sync was validated under.
import { readFileSync } from "node:fs";

export const KBO_VERSION: string = JSON.parse(
  readFileSync(new URL("../../../package.json", import.meta.url), "utf8"),
).version;
