import { codeVersionUpload } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../http/context.ts';
import { MAX_UPLOAD_BYTES } from '../imports/parse.ts';
import { listVersions, uploadVersion } from './codes-service.ts';

const FILE_TYPES = ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/** Versions of the official code catalogues; a new upload becomes the version in force. */
export async function codeVersionsRoutes(app: FastifyInstance) {
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['activity'];
  r.get('/activity/code-versions', { schema: { tags, summary: 'Versiones cargadas de los catálogos CIE-10 y CIE-9-MC' } }, async (req) => listVersions(ctxOf(req)));
  r.post('/activity/code-versions', { bodyLimit: MAX_UPLOAD_BYTES, schema: { tags, summary: 'Cargar una versión oficial (CSV o xlsx: codigo y descripcion, o CATALOG_KEY y NOMBRE/PRO_NOMBRE de la DGIS)', querystring: codeVersionUpload } }, async (req, reply) => {
    const fileName = decodeURIComponent((req.headers['x-file-name'] as string | undefined) ?? 'catalogo.csv');
    return reply.status(201).send(await uploadVersion(ctxOf(req), req.query, req.body, fileName));
  });
}
