import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/golden/**/*.test.ts',
      'tests/upstream/**/*.test.ts',
      'src/**/*.test.ts',
    ],
    environment: 'node',
    // Some tests spawn the CLI (tsx): on a busy 2-core machine that can take seconds.
    testTimeout: 30_000,
  },
});
