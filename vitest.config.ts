import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Kernel, notebook and browser suites start real processes; two cores run them best in series.
    fileParallelism: false,
    // Tests marked concurrent (the replication notebooks, tests/notebooks/replications.test.ts) run
    // two at a time inside their file: each is a child process, so CI's two cores both work.
    maxConcurrency: 2,
  },
});
