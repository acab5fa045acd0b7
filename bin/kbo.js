#!/usr/bin/env node
// The `kbo` command: loads the TypeScript CLI through tsx so `npx kbo` works without a build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../functions/src/cli/main.ts");
process.exitCode = await main(process.argv);
