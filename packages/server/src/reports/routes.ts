import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../http/context.ts';
import { nationalFigures } from './figures-service.ts';

export async function reportRoutes(app: FastifyInstance) {
  app.get('/reports/figures', { schema: { tags: ['reports'], summary: 'Cifras del programa (con la redacción de los boletines)' } }, async (req) => nationalFigures(ctxOf(req)));
}
