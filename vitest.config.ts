import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds dist/ once, for the tests that run the real CLI.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Runner, notebook and browser tests start real processes; two cores do not gain from more workers.
    maxWorkers: 2,
    pool: "forks",
  },
});
