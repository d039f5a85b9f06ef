import type { FastifyInstance } from 'fastify';
import { ctxOf } from '../http/context.ts';
import { sendXlsx, type XlsxColumn } from '../lib/xlsx.ts';
import { figuresByOoad, type OoadFigures } from './breakdown-service.ts';
import { nationalFigures } from './figures-service.ts';

const tags = ['reports'];
const BY_OOAD_COLUMNS: XlsxColumn<OoadFigures>[] = [
  { header: 'OOAD', width: 34, value: (r) => r.ooad },
  { header: 'Residentes activos', value: (r) => r.residents },
  { header: 'Especialidades', value: (r) => r.specialties },
  { header: 'Residentes extranjeros', value: (r) => r.foreign },
  { header: 'Países', value: (r) => r.countries },
  { header: 'Sedes académicas', value: (r) => r.sedes },
  { header: 'Unidades con residentes', value: (r) => r.units },
  { header: 'Profesoras y profesores', value: (r) => r.teachers },
];

export async function reportRoutes(app: FastifyInstance) {
  app.get('/reports/figures', { schema: { tags, summary: 'Cifras del programa (con la redacción de los boletines)' } }, async (req) => nationalFigures(ctxOf(req)));
  app.get('/reports/figures/by-ooad', { schema: { tags, summary: 'Cifras por OOAD, dentro del ámbito' } }, async (req) => ({ items: await figuresByOoad(ctxOf(req)) }));
  app.get('/reports/figures/by-ooad/export.xlsx', { schema: { tags, summary: 'Exportar las cifras por OOAD a Excel' } }, async (req, reply) => {
    const rows = await figuresByOoad(ctxOf(req));
    return sendXlsx(reply, 'cifras-por-ooad', 'Cifras por OOAD', BY_OOAD_COLUMNS, (async function* () {
      yield rows;
    })());
  });
}
