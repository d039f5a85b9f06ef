import { resolve } from 'node:path';
import type { DatabaseOptions } from './db/client.ts';

// npm runs workspace scripts inside the package folder; INIT_CWD is where the user typed the command.
const userCwd = process.env.INIT_CWD ?? process.cwd();

export function databaseOptionsFromEnv(env = process.env): DatabaseOptions {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, ...(env.DATABASE_POOL_SIZE ? { maxConnections: Number(env.DATABASE_POOL_SIZE) } : {}) };
  return { dataDir: resolve(userCwd, env.SIREM_DATA_DIR ?? 'data') };
}

export const serverConfig = (env = process.env) => ({
  port: Number(env.PORT ?? 3000),
  host: env.HOST ?? 'localhost',
  trustProxy: env.TRUST_PROXY === 'true',
  logLevel: env.LOG_LEVEL ?? 'info',
});
