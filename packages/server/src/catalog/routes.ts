import { courseInput, cycleInput, ooadInput, sedeInput, specialtyInput, unitInput } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import { courseQuery, courseResource } from './courses.ts';
import { resourceRoutes } from './crud-routes.ts';
import { cycleQuery, cycleResource } from './cycles.ts';
import { ooadQuery, ooadResource } from './ooads.ts';
import { sedeQuery, sedeResource } from './sedes.ts';
import { specialtyQuery, specialtyResource } from './specialties.ts';
import { listUnitTypes } from './unit-types.ts';
import { unitQuery, unitResource } from './units.ts';
import { ctxOf } from '../http/context.ts';

export async function catalogRoutes(app: FastifyInstance) {
  const tag = 'catalog';
  resourceRoutes(app, '/catalog/ooads', ooadResource, { input: ooadInput, query: ooadQuery, tag, noun: 'OOAD' });
  resourceRoutes(app, '/catalog/units', unitResource, { input: unitInput, query: unitQuery, tag, noun: 'unidades' });
  resourceRoutes(app, '/catalog/specialties', specialtyResource, { input: specialtyInput, query: specialtyQuery, tag, noun: 'especialidades' });
  resourceRoutes(app, '/catalog/courses', courseResource, { input: courseInput, query: courseQuery, tag, noun: 'cursos' });
  resourceRoutes(app, '/catalog/sedes', sedeResource, { input: sedeInput, query: sedeQuery, tag, noun: 'sedes académicas' });
  resourceRoutes(app, '/catalog/cycles', cycleResource, { input: cycleInput, query: cycleQuery, tag, noun: 'ciclos académicos' });
  app.get('/catalog/unit-types', { schema: { tags: [tag], summary: 'Tipos de unidad' } }, async (req) => listUnitTypes(ctxOf(req)));
}
