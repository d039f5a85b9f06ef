import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../http/context.ts';
import { sendXlsx } from '../lib/xlsx.ts';
import { auditColumns, auditPages, auditQuery, listAudit } from './service.ts';

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  r.get('/audit', { schema: { tags, summary: 'Bitácora de auditoría', querystring: auditQuery } }, async (req) => listAudit(ctxOf(req), req.query));
  r.get('/audit/export.xlsx', { schema: { tags, summary: 'Exportar la bitácora a Excel', querystring: auditQuery } }, async (req, reply) =>
    sendXlsx(reply, 'Auditoria', 'Auditoría', auditColumns, auditPages(ctxOf(req), req.query)),
  );
}
