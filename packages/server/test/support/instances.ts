import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { buildApp } from '../../src/http/app.ts';
import type { TestApp, TestContext } from './app.ts';

/**
 * A second server instance on the test file's database for the enclosing describe block. On
 * native PostgreSQL it has its own connection pool, as a second server would; PGlite serves one
 * process, so there it is the same app and two sweeps run at once on the same handle.
 */
export function useSecondInstance(context: () => TestContext): () => TestApp {
  let app: TestApp | undefined;
  let close = async () => {};
  beforeAll(async () => {
    const t = context();
    if (inject('engine') !== 'postgres') {
      app = t.app;
      return;
    }
    const other = await openDatabase({ url: t.database.url as string, maxConnections: 4 });
    const second = await buildApp({ database: other, webRoot: null });
    app = second;
    close = async () => {
      await second.close();
      await other.close();
    };
  });
  afterAll(() => close());
  return () => {
    if (!app) throw new Error('the second instance starts in beforeAll');
    return app;
  };
}
