import { defineConfig } from 'vitest/config';

// Unit tests (core) and integration tests (server through app.inject). The server suite runs on
// PGlite, and again on native PostgreSQL when TEST_DATABASE_URL is set. Browser tests live in e2e/.
const server = (name: string) => ({
  test: {
    name,
    root: 'packages/server',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', root: 'packages/core', include: ['src/**/*.test.ts'] } },
      server('server'),
      ...(process.env.TEST_DATABASE_URL ? [server('server-pg')] : []),
    ],
  },
});
