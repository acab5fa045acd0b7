// Test tiers: unit (pure, fast), integration (real emulator, SMTP, Chromium, Sheets stand-in),
// apps-script (the bundle and its pure modules). `npm test` runs them all.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/integration/support/global-setup.ts"],
          setupFiles: ["test/integration/support/clear-firestore.setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "apps-script",
          include: ["test/apps-script/**/*.test.ts"],
        },
      },
    ],
  },
});
