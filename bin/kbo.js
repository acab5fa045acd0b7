#!/usr/bin/env node
// The `kbo` command, run from its TypeScript sources: Node 22.18+ and 24 strip the types themselves;
// Node 20 registers tsx's loader first. No build step and nothing cached, so what runs is what you see.
// An error the command does not know is a bug: its stack is printed and the exit code is 3.
if (!process.features.typescript) (await import("tsx/esm/api")).register();
try {
  const { main } = await import("../functions/src/cli/main.ts");
  process.exitCode = await main(process.argv);
} catch (e) {
  console.error(e);
  process.exitCode = 3;
}
