import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { formatNumber, useI18n } from '../i18n/index.tsx';
import { FigureCards, type Figures } from './FigureCards.tsx';

type OoadRow = { ooadId: number; ooad: string; residents: number; specialties: number; foreign: number; countries: number; sedes: number; units: number; teachers: number };

const COLUMNS = ['residents', 'specialties', 'foreign', 'countries', 'sedes', 'units', 'teachers'] as const;

/** "Cifras": the program's figures computed from the records for the viewer's scope, and the same split by OOAD. */
export function FiguresPage() {
  const { t, locale } = useI18n();
  const figures = useQuery({ queryKey: ['figures'], queryFn: () => api.get<Figures>('/reports/figures') });
  const byOoad = useQuery({ queryKey: ['figures', 'by-ooad'], queryFn: () => api.get<{ items: OoadRow[] }>('/reports/figures/by-ooad') });
  const rows = byOoad.data?.items ?? [];
  return (
    <Stack>
      <div>
        <Title order={2}>{t('figures.title')}</Title>
        <Text size="sm" c="dimmed">{t('home.figuresScope')}</Text>
      </div>
      <FigureCards figures={figures.data} />
      <Group justify="space-between">
        <Title order={3} size="h4">{t('figures.byOoad')}</Title>
        <Button component="a" variant="default" size="xs" href="/api/v1/reports/figures/by-ooad/export.xlsx" download>{t('common.export')}</Button>
      </Group>
      <Table.ScrollContainer minWidth={720}>
        <Table striped aria-label={t('figures.byOoad')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>OOAD</Table.Th>
              {COLUMNS.map((c) => <Table.Th key={c} ta="right">{t(`figures.col.${c}`)}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.ooadId}>
                <Table.Th scope="row" fw={500}>{r.ooad}</Table.Th>
                {COLUMNS.map((c) => <Table.Td key={c} ta="right">{formatNumber(r[c], locale)}</Table.Td>)}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
