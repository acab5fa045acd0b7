// Paths given on the command line are relative to the caller's working directory.
import { isAbsolute, resolve } from "node:path";
import type { CliIo } from "./io.ts";

export const resolvePath = (io: CliIo, path: string): string =>
  isAbsolute(path) ? path : resolve(io.cwd, path);
