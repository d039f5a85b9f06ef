import { defineConfig } from 'vitest/config';

// Browser stories against one real server (PGlite, or native PostgreSQL when TEST_DATABASE_URL is set).
export default defineConfig({
  test: {
    include: ['*.e2e.test.ts'],
    globalSetup: ['support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
