#!/usr/bin/env node
// The `kbo` command: runs the CLI from its cached bundle (built on first use), or from the TypeScript
// source through tsx where esbuild is missing, so `npx kbo` works without a build step.
import { loadCli } from "./cli-bundle.js";

const { main } = await loadCli();
process.exitCode = await main(process.argv);
