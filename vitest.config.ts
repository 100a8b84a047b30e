import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Runner, notebook and browser tests start real processes; two cores do not gain from more workers.
    maxWorkers: 2,
    pool: "forks",
  },
});
