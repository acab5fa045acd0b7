#!/usr/bin/env node
// Runs a TypeScript script of the repository (benchmarks, example builders) through tsx.
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

register();
const [script, ...rest] = process.argv.slice(2);
if (!script) {
  console.error("usage: run-ts.js SCRIPT.ts [args…]");
  process.exit(2);
}
process.argv = [process.argv[0], script, ...rest];
await import(pathToFileURL(script).href);
