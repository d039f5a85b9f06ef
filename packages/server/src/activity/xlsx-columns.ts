import { formatDate } from '@sirem/core';
import type { XlsxColumn } from '../lib/xlsx.ts';

type Row = Record<string, unknown>;
const text = (key: string) => (row: Row) => (row[key] == null ? null : String(row[key]));

export const ACTIVITY_XLSX: XlsxColumn<Row>[] = [
  { header: 'Fecha', width: 12, value: (r) => formatDate(r.performedOn as string) },
  { header: 'Residente', width: 32, value: text('residentName') },
  { header: 'Unidad', width: 36, value: text('unitName') },
  { header: 'Servicio', width: 20, value: text('service') },
  { header: 'Tipo', width: 24, value: text('kind') },
  { header: 'Supervisión', width: 18, value: text('supervision') },
  { header: 'Supervisor', width: 28, value: text('supervisorName') },
  { header: 'CIE-10', width: 10, value: text('diagnosisCode') },
  { header: 'CIE-9-MC', width: 10, value: text('procedureCode') },
  { header: 'Edad', width: 8, value: text('ageBand') },
  { header: 'Sexo', width: 6, value: text('sex') },
  { header: 'Jornada', width: 8, value: (r) => (r.jornadaId == null ? null : Number(r.jornadaId)) },
  { header: 'Estado', width: 12, value: text('status') },
];
