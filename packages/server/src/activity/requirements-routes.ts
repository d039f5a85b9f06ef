import { requirementInput, requirementsListQuery, requirementsUploadQuery } from '@sirem/core/activity/requirements';
import { ACTIVITY_KIND_LABELS, type ActivityKind, formatDate } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../http/context.ts';
import { MAX_UPLOAD_BYTES } from '../imports/parse.ts';
import { sendXlsx, type XlsxColumn } from '../lib/xlsx.ts';
import { listRequirements, setRequirement } from './requirements-service.ts';
import { uploadRequirements } from './requirements-upload.ts';

const FILE_TYPES = ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
type Item = Awaited<ReturnType<typeof listRequirements>>['items'][number];

// The first five headers are the upload's own, so an exported sheet can be edited and loaded back.
const COLUMNS: XlsxColumn<Item>[] = [
  { header: 'especialidad', width: 12, value: (r) => r.specialtyCode },
  { header: 'grado', width: 8, value: (r) => r.grade },
  { header: 'grupo', width: 28, value: (r) => r.group },
  { header: 'minimo', width: 10, value: (r) => r.minimum },
  { header: 'vigente_desde', width: 14, value: (r) => formatDate(r.validFrom) },
  { header: 'Especialidad', width: 36, value: (r) => r.specialtyName },
  { header: 'Grupo de actividad', width: 36, value: (r) => ACTIVITY_KIND_LABELS[r.group as ActivityKind] ?? r.group },
  { header: 'Sustituido desde', width: 16, value: (r) => (r.until ? formatDate(r.until) : null) },
];

/** Minimum counts per specialty, grade and activity group: data national level maintains from a cycle on. */
export async function requirementsRoutes(app: FastifyInstance) {
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['activity'];
  r.get('/activity/requirements', { schema: { tags, summary: 'Mínimos de actividad por especialidad y grado (historia, o los vigentes en una fecha)', querystring: requirementsListQuery } }, async (req) => listRequirements(ctxOf(req), req.query));
  r.get('/activity/requirements/export.xlsx', { schema: { tags, summary: 'Mínimos de actividad en Excel', querystring: requirementsListQuery } }, async (req, reply) => {
    const { items } = await listRequirements(ctxOf(req), req.query);
    return sendXlsx(reply, 'Minimos-actividad', 'Mínimos', COLUMNS, (async function* () { yield items; })());
  });
  r.post('/activity/requirements', { schema: { tags, summary: 'Fijar un mínimo nuevo a partir de un ciclo (nivel central)', body: requirementInput } }, async (req, reply) => reply.status(201).send(await setRequirement(ctxOf(req), req.body)));
  r.post('/activity/requirements/upload', { bodyLimit: MAX_UPLOAD_BYTES, schema: { tags, summary: 'Cargar mínimos (CSV o xlsx: specialty, grade, group, minimum[, valid_from]); commit=true guarda todo o nada', querystring: requirementsUploadQuery } }, async (req) => {
    const fileName = decodeURIComponent((req.headers['x-file-name'] as string | undefined) ?? 'minimos.csv');
    return uploadRequirements(ctxOf(req), req.query, req.body, fileName);
  });
}
