import { idParam } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../http/errors.ts';
import { ctxOf } from '../http/context.ts';
import { assertMayManage } from '../people/scope.ts';
import { sendXlsx } from '../lib/xlsx.ts';
import { MAX_UPLOAD_BYTES } from './parse.ts';
import { committingActor } from './commit-progress.ts';
import { commitImport, errorRows, getImport, IMPORT_KINDS, importProgress, validateImport } from './service.ts';

const FILE_TYPES = ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel'];

/** Bulk imports: upload (validate), inspect, download the rows with errors, commit. */
export async function importRoutes(app: FastifyInstance) {
  // Files arrive as the raw request body; the limit is checked here, before any parsing.
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['imports'];
  const kindParam = z.object({ kind: z.enum(IMPORT_KINDS, { error: 'Tipo de importación desconocido: residents o faculty.' }) });
  r.post(
    '/imports/:kind',
    { bodyLimit: MAX_UPLOAD_BYTES, schema: { tags, summary: 'Paso 1: cargar y validar un archivo xlsx o CSV', params: kindParam, headers: z.object({ 'x-file-name': z.string().max(300).optional() }).passthrough() } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      assertMayManage(ctx);
      const body = req.body;
      if (!Buffer.isBuffer(body)) throw new AppError(415, 'unsupported_media_type', 'Envíe el archivo como application/octet-stream (xlsx o CSV).');
      const fileName = decodeURIComponent(req.headers['x-file-name'] as string | undefined ?? 'archivo');
      return reply.status(201).send(await validateImport(ctx, req.params.kind, body, fileName));
    },
  );
  r.get('/imports/batches/:id', { schema: { tags, summary: 'Estado, resumen y errores de una importación', params: idParam } }, async (req) => getImport(ctxOf(req), req.params.id));
  r.get(
    '/imports/batches/:id/progress',
    { config: { actorFromMemory: committingActor }, schema: { tags, summary: 'Avance de la aplicación de una importación (filas escritas de total)', params: idParam } },
    async (req) => importProgress(ctxOf(req), req.params.id),
  );
  r.post('/imports/batches/:id/commit', { schema: { tags, summary: 'Paso 2: aplicar la importación (todo o nada)', params: idParam } }, async (req) => commitImport(ctxOf(req), req.params.id));
  r.get('/imports/batches/:id/errors.xlsx', { schema: { tags, summary: 'Descargar las filas con errores', params: idParam } }, async (req, reply) => {
    const { headers, rows } = await errorRows(ctxOf(req), req.params.id);
    const columns = [
      { header: 'Fila', width: 8, value: (row: (typeof rows)[number]) => row.line },
      { header: 'Errores', width: 60, value: (row: (typeof rows)[number]) => row.issues.map((i) => `${i.column}: ${i.message}`).join(' | ') },
      ...headers.map((h, k) => ({ header: h || `Columna ${k + 1}`, width: 18, value: (row: (typeof rows)[number]) => row.cells[k] ?? '' })),
    ];
    return sendXlsx(reply, 'Errores-importacion', 'Errores', columns, (async function* () { yield rows; })());
  });
}
