// `npm run deploy [-- --dry-run]`: bundles the functions and deploys each with gcloud (gen2, nodejs24),
// with the secret, the scheduler job and the Firestore rules. --dry-run prints every command instead.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { isAppError } from "../src/app-error.ts";
import { bundleFunctions } from "./bundle.ts";
import { loadDeployConfig } from "./deploy-config.ts";
import { deployPlan, shellLine } from "./deploy-plan.ts";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { "dry-run": { type: "boolean", default: false } } });
  const dryRun = values["dry-run"] === true;
  const root = resolve(".");
  const config = loadDeployConfig(process.env);
  const outDir = resolve("dist/functions");
  const { bytes } = await bundleFunctions(root, outDir);
  console.log(
    `# bundle: dist/functions/index.js and its chunks (${Math.round(bytes / 1024)} KiB, SDKs external)`,
  );
  for (const step of deployPlan(config, "dist/functions")) {
    console.log(`# ${step.why}`);
    console.log(shellLine(step.argv));
    if (dryRun) continue;
    const run = spawnSync(step.argv[0]!, step.argv.slice(1), { stdio: "inherit" });
    if (run.status !== 0 && !step.mayFail) {
      console.error(`deploy stopped: "${step.why}" failed (exit ${run.status ?? run.signal})`);
      return 1;
    }
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (e) {
  if (!isAppError(e)) throw e;
  console.error(`deploy: ${e.message} [${e.code}]`);
  process.exitCode = 2;
}
