import { ACTIVITY_KIND_LABELS, type ActivityKind, formatDate, type Summary } from '@sirem/core';
import type { FastifyReply } from 'fastify';
import type { Ctx } from '../http/context.ts';
import { sendPdf } from '../lib/pdf.ts';
import { sendXlsx } from '../lib/xlsx.ts';
import { jornadaReport } from './report-service.ts';

type Line = Summary & { section: string; label: string };
const label = (key: string) => ACTIVITY_KIND_LABELS[key as ActivityKind] ?? key;
const n = (v: number) => v.toLocaleString('es-MX');

async function lines(ctx: Ctx, id: number) {
  const report = await jornadaReport(ctx, id);
  const out: Line[] = [
    ...report.byCategory.map((s) => ({ ...s, section: 'Categoría', label: label(s.key) })),
    { ...report.total, section: 'Total', label: 'Total' },
    ...report.byOoad.map((s) => ({ ...s, section: 'OOAD', label: s.key })),
    ...report.byUmae.map((s) => ({ ...s, section: 'UMAE', label: s.key })),
    ...report.ranking.map((s) => ({ ...s, section: `Ranking ${s.rank}`, label: s.key })),
    // Daily figures have no plan: the plan is set for the whole Jornada.
    ...report.byDay.map((d) => ({ key: d.day, planned: 0, achieved: d.achieved, fromRecords: d.fromRecords, fromUnits: d.fromUnits, percent: null, section: `Día ${formatDate(d.day)}`, label: label(d.category) })),
  ];
  return { report, out };
}

export async function jornadaXlsx(ctx: Ctx, reply: FastifyReply, id: number) {
  const { report, out } = await lines(ctx, id);
  return sendXlsx(reply, `Jornada-${report.jornada.number}`, `Jornada ${report.jornada.number}`, [
    { header: 'Sección', width: 14, value: (l: Line) => l.section },
    { header: 'Concepto', width: 48, value: (l) => l.label },
    { header: 'Planeado', width: 12, value: (l) => l.planned },
    { header: 'Realizado', width: 12, value: (l) => l.achieved },
    { header: 'Por residentes (bitácora)', width: 14, value: (l) => l.fromRecords },
    { header: 'Captura de la unidad', width: 14, value: (l) => l.fromUnits },
    { header: '% del plan', width: 10, value: (l) => l.percent },
  ], (async function* () { yield out; })());
}

const table = (title: string, rows: Line[]) => [
  { text: title, bold: true, fontSize: 11, margin: [0, 10, 0, 4] },
  {
    table: {
      headerRows: 1,
      widths: ['*', 60, 60, 70, 70, 40],
      body: [
        ['Concepto', 'Planeado', 'Realizado', 'Residentes', 'Unidades', '%'].map((text) => ({ text, bold: true })),
        ...rows.map((l) => [l.label, n(l.planned), n(l.achieved), n(l.fromRecords), n(l.fromUnits), l.percent == null ? '—' : `${l.percent}`]),
      ],
    },
    layout: 'lightHorizontalLines',
  },
];

export async function jornadaPdf(ctx: Ctx, reply: FastifyReply, id: number) {
  const { report, out } = await lines(ctx, id);
  const j = report.jornada;
  const section = (s: string) => out.filter((l) => l.section === s || (s === 'Ranking' && l.section.startsWith('Ranking')));
  return sendPdf(reply, `Jornada-${j.number}`, {
    pageSize: 'LETTER',
    content: [
      { text: j.name ?? `Jornada ${j.number}`, bold: true, fontSize: 14 },
      { text: `Del ${formatDate(j.startsOn)} al ${formatDate(j.endsOn)} · ${j.ooadIds.length} OOAD y ${j.umaeIds.length} UMAE · ${n(report.participants)} residentes participantes`, margin: [0, 2, 0, 0] },
      { text: '"Residentes" cuenta las entradas de la bitácora; "Unidades", la captura directa de cada unidad por trabajo no realizado por residentes.', italics: true, margin: [0, 4, 0, 0] },
      ...table('Planeado contra realizado por categoría', [...section('Categoría'), ...section('Total')]),
      ...table('Por OOAD', section('OOAD')),
      ...table('Por UMAE', section('UMAE')),
      ...table('Unidades más productivas', section('Ranking')),
    ],
  });
}
