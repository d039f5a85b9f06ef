import { appointmentInput, enrolResidentInput, formatDate, idParam, isoDate, personUpdateInput, transitionInput } from '@sirem/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../http/context.ts';
import { type XlsxColumn, sendXlsx } from '../lib/xlsx.ts';
import { appoint, assignTutor, exportFaculty, facultyQuery, listFaculty, tutorResidents } from './faculty-service.ts';
import { facultyRoutes } from './faculty-routes.ts';
import { applyTransition } from './lifecycle-service.ts';
import { updatePerson } from './person-edit-service.ts';
import { confirmPromotion, previewPromotion, promotionInput } from './promotion-service.ts';
import { residentQuery } from './resident-query.ts';
import { enrolResident, exportResidents, getResident, listResidents } from './residents-service.ts';

type Row = Record<string, unknown>;
const text = (k: string) => (r: Row) => (r[k] == null ? null : String(r[k]));
const STATUS: Record<string, string> = { alta: 'Alta', activo: 'Activo', licencia: 'Licencia', baja: 'Baja', egresado: 'Egresado' };
const residentExport: XlsxColumn<Row>[] = [
  { header: 'CURP / clave', width: 22, value: (r) => (r.curp ?? r.tempKey ?? null) as string | null },
  { header: 'Nombre', width: 36, value: text('fullName') },
  { header: 'Sexo', width: 6, value: text('sex') },
  { header: 'Nacionalidad', width: 12, value: text('nationality') },
  { header: 'Matrícula', width: 14, value: text('matricula') },
  { header: 'Especialidad', width: 30, value: text('specialtyName') },
  { header: 'Grado', width: 7, value: (r) => `R${r.grade}` },
  { header: 'Estado', width: 12, value: (r) => STATUS[String(r.status)] ?? String(r.status) },
  { header: 'Unidad', width: 40, value: text('unitName') },
  { header: 'OOAD', width: 22, value: text('ooadName') },
  { header: 'Ciclo', width: 12, value: text('cycleCode') },
  { header: 'Egreso', width: 12, value: (r) => (r.graduatedOn ? formatDate(String(r.graduatedOn)) : null) },
];

const ROLE: Record<string, string> = { titular: 'Profesor titular', adjunto: 'Profesor adjunto', tutor: 'Tutor' };
const facultyExport: XlsxColumn<Row>[] = [
  { header: 'CURP', width: 22, value: text('curp') },
  { header: 'Nombre', width: 36, value: text('fullName') },
  { header: 'Nombramiento', width: 18, value: (r) => ROLE[String(r.role)] ?? String(r.role) },
  { header: 'Especialidad', width: 30, value: text('specialtyName') },
  { header: 'Unidad', width: 40, value: text('unitName') },
  { header: 'OOAD', width: 22, value: text('ooadName') },
  { header: 'Desde', width: 12, value: (r) => (r.startsOn ? formatDate(String(r.startsOn)) : null) },
  { header: 'Hasta', width: 12, value: (r) => (r.endsOn ? formatDate(String(r.endsOn)) : null) },
  { header: 'Cédula de especialidad', width: 16, value: text('cedulaEspecialidad') },
  { header: 'Cédula verificada', width: 10, value: (r) => (r.cedulaEspecialidadVerified ? 'Sí' : 'No') },
];

/** Residents, their lifecycle, the annual promotion, and faculty appointments. */
export async function peopleRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['people'];
  r.get('/people/residents', { schema: { tags, summary: 'Listar residentes', querystring: residentQuery } }, async (req) => listResidents(ctxOf(req), req.query));
  r.get('/people/residents/export.xlsx', { schema: { tags, summary: 'Exportar residentes a Excel', querystring: residentQuery } }, async (req, reply) =>
    sendXlsx(reply, 'Residentes', 'Residentes', residentExport, exportResidents(ctxOf(req), req.query)),
  );
  r.get('/people/residents/:id', { schema: { tags, summary: 'Expediente y trayectoria del residente', params: idParam } }, async (req) => getResident(ctxOf(req), req.params.id));
  r.post('/people/residents', { schema: { tags, summary: 'Inscribir residente en una sede y ciclo', body: enrolResidentInput } }, async (req, reply) =>
    reply.status(201).send(await enrolResident(ctxOf(req), req.body)),
  );
  r.post('/people/residents/:id/transitions', { schema: { tags, summary: 'Registrar movimiento (promoción, licencia, baja, egreso…)', params: idParam, body: transitionInput } }, async (req) =>
    applyTransition(ctxOf(req), req.params.id, req.body),
  );
  r.patch('/people/persons/:id', { schema: { tags, summary: 'Actualizar contacto, nacionalidad, matrícula y cédulas de una persona', params: idParam, body: personUpdateInput } }, async (req) =>
    updatePerson(ctxOf(req), req.params.id, req.body),
  );
  r.post('/people/residents/:id/tutor', { schema: { tags, summary: 'Asignar tutor', params: idParam, body: z.object({ tutorPersonId: z.number().int().positive(), startsOn: isoDate }) } }, async (req) =>
    assignTutor(ctxOf(req), req.params.id, req.body),
  );
  r.post('/people/promotions/preview', { schema: { tags, summary: 'Vista previa de la promoción anual', body: promotionInput } }, async (req) => previewPromotion(ctxOf(req), req.body));
  r.post('/people/promotions', { schema: { tags, summary: 'Aplicar la promoción anual', body: promotionInput } }, async (req) => confirmPromotion(ctxOf(req), req.body));
  r.get('/people/faculty', { schema: { tags, summary: 'Listar profesores y tutores', querystring: facultyQuery } }, async (req) => listFaculty(ctxOf(req), req.query));
  r.get('/people/faculty/export.xlsx', { schema: { tags, summary: 'Exportar profesores a Excel', querystring: facultyQuery } }, async (req, reply) =>
    sendXlsx(reply, 'Profesores', 'Profesores', facultyExport, exportFaculty(ctxOf(req), req.query)),
  );
  r.post('/people/faculty', { schema: { tags, summary: 'Nombrar profesor titular, adjunto o tutor', body: appointmentInput } }, async (req, reply) =>
    reply.status(201).send(await appoint(ctxOf(req), req.body)),
  );
  await app.register(facultyRoutes);
  r.get('/people/faculty/:id/residents', { schema: { tags, summary: 'Residentes que sigue un tutor (id de persona)', params: idParam } }, async (req) => tutorResidents(ctxOf(req), req.params.id));
}
