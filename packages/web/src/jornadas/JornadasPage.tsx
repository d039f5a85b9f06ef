import { Anchor, Badge, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../access/session.tsx';
import { api, type Page } from '../api/client.ts';
import { formatNumber, useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';
import { Bars } from '../ui/Bars.tsx';
import { CumulativeChart } from './CumulativeChart.tsx';
import { JornadaCapture } from './JornadaCapture.tsx';
import { JornadaForm } from './JornadaForm.tsx';
import { Participants } from './Participants.tsx';

type Jornada = { id: number; number: number; name: string | null; startsOn: string; endsOn: string; categories: string[]; version: number };
type Summary = { key: string; planned: number; achieved: number; fromRecords: number; fromUnits: number; percent: number | null };
type Day = { day: string; category: string; achieved: number; fromRecords: number; fromUnits: number };
export type Report = { jornada: Jornada; total: Summary; byCategory: Summary[]; byOoad: Summary[]; byUmae: Summary[]; ranking: (Summary & { rank: number })[]; byDay: Day[]; participants: number };

const RECORDS = 'var(--mantine-color-teal-6)';
const UNITS = 'var(--mantine-color-blue-4)';

/** Planned against achieved for a Jornada, with the two sources of "achieved" told apart, and every Jornada side by side. */
export function JornadasPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const n = (v: number) => formatNumber(v, locale);
  const list = useQuery({ queryKey: ['jornadas'], queryFn: () => api.get<Page<Jornada>>('/jornadas') });
  const [picked, setPicked] = useState<string>('');
  const id = picked || String(list.data?.items[0]?.id ?? '');
  const report = useQuery({ queryKey: ['jornada-report', id], enabled: Boolean(id), queryFn: () => api.get<Report>(`/jornadas/${id}/report`) });
  const r = report.data;
  const kind = (k: string) => t(`kind.${k}` as MessageKey);
  const table = (rows: Summary[], label: (s: Summary) => string) => (
    <Table.ScrollContainer minWidth={480}>
      <Table striped>
        <Table.Thead><Table.Tr><Table.Th /><Table.Th>{t('jornadas.planned')}</Table.Th><Table.Th>{t('jornadas.achieved')}</Table.Th><Table.Th>{t('jornadas.fromRecords')}</Table.Th><Table.Th>{t('jornadas.fromUnits')}</Table.Th><Table.Th>{t('jornadas.percent')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows.map((s) => (
            <Table.Tr key={s.key} data-testid={`row-${s.key}`}>
              <Table.Td>{label(s)}</Table.Td><Table.Td>{n(s.planned)}</Table.Td><Table.Td fw={600}>{n(s.achieved)}</Table.Td><Table.Td>{n(s.fromRecords)}</Table.Td><Table.Td>{n(s.fromUnits)}</Table.Td><Table.Td>{s.percent ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
  return (
    <Stack>
      <Title order={2}>{t('jornadas.title')}</Title>
      <Group align="end">
        <NativeSelect label={t('jornadas.pick')} value={id} onChange={(e) => setPicked(e.currentTarget.value)} data={(list.data?.items ?? []).map((j) => ({ value: String(j.id), label: `${j.number} · ${formatDate(j.startsOn)}` }))} w={260} />
        {r && <Anchor href={`/api/v1/jornadas/${id}/report.xlsx`}>{t('jornadas.exportXlsx')}</Anchor>}
        {r && <Anchor href={`/api/v1/jornadas/${id}/report.pdf`}>{t('jornadas.exportPdf')}</Anchor>}
      </Group>
      {r && (
        <>
          <Paper withBorder p="md">
            <Text fw={600}>{r.jornada.name}</Text>
            <Text size="sm" c="dimmed">{t('jornadas.dates', { from: formatDate(r.jornada.startsOn), to: formatDate(r.jornada.endsOn) })}</Text>
            <Group mt="xs">
              <Badge size="lg" data-testid="total">{t('jornadas.total')}: {n(r.total.achieved)}</Badge>
              <Badge size="lg" variant="light">{t('jornadas.planned')}: {n(r.total.planned)}</Badge>
              <Badge size="lg" variant="light" color="teal">{t('jornadas.participants')}: {n(r.participants)}</Badge>
            </Group>
          </Paper>
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="xs">{t('jornadas.byCategory')}</Title>
            <Group gap="md" mb="xs"><Badge color="teal" variant="dot">{t('jornadas.fromRecords')}</Badge><Badge color="blue" variant="dot">{t('jornadas.fromUnits')}</Badge></Group>
            <Bars label={t('jornadas.byCategory')} format={n} bars={r.byCategory.map((s) => ({ label: kind(s.key), value: s.achieved, target: s.planned, parts: [{ value: s.fromRecords, color: RECORDS }, { value: s.fromUnits, color: UNITS }] }))} />
            <Text size="xs" c="dimmed" mt="xs">{t('jornadas.sourcesNote')}</Text>
            {table(r.byCategory, (s) => kind(s.key))}
          </Paper>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="md"><Title order={3} size="h4" mb="xs">{t('jornadas.ranking')}</Title><Bars label={t('jornadas.ranking')} format={n} bars={r.ranking.map((s) => ({ label: `${s.rank}. ${s.key}`, value: s.achieved }))} /></Paper>
            <Paper withBorder p="md"><Title order={3} size="h4" mb="xs">{t('jornadas.byUmae')}</Title>{table(r.byUmae, (s) => s.key)}</Paper>
          </SimpleGrid>
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="xs">{t('jornadas.byDay')}</Title>
            <Bars label={t('jornadas.byDay')} format={n} bars={r.byDay.map((d) => ({ label: `${formatDate(d.day)} · ${kind(d.category)}`, value: d.achieved, parts: [{ value: d.fromRecords, color: RECORDS }, { value: d.fromUnits, color: UNITS }] }))} />
          </Paper>
          <Paper withBorder p="md"><Title order={3} size="h4" mb="xs">{t('jornadas.byOoad')}</Title>{table(r.byOoad, (s) => s.key)}</Paper>
          <Participants jornadaId={id} />
          {can('jornadas.manage') && <JornadaCapture jornada={r.jornada} />}
        </>
      )}
      <CumulativeChart />
      {can('catalog.manage') && <JornadaForm />}
    </Stack>
  );
}
