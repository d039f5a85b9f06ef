import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client.ts';

export async function healthRoutes(app: FastifyInstance, options: { database: Database }) {
  app.get('/health', { schema: { tags: ['system'], summary: 'Estado del servicio y de la base de datos' }, config: { public: true } }, async (_req, reply) => {
    try {
      await options.database.db.execute(sql`select 1`);
      return { status: 'ok', database: 'ok', engine: options.database.engine };
    } catch {
      return reply.status(503).send({ status: 'degraded', database: 'unreachable', engine: options.database.engine });
    }
  });
}
