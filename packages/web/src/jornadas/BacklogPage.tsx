import { Badge, Group, Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { formatNumber, useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';
import { Bars } from '../ui/Bars.tsx';

type Backlog = { totals: { takenOn: string; category: string; waiting: number }[]; byJornada: { number: number; category: string; before: number; after: number; reduction: number; units: number }[] };
type Beds = { series: { takenOn: string; ordinary: number; reconverted: number }[]; peakReconverted: number; returned: number };

/** Waiting lists over time and what each Jornada took off them; reconverted beds and their return to ordinary use. */
export function BacklogPage() {
  const { t, locale } = useI18n();
  const n = (v: number) => formatNumber(v, locale);
  const backlog = useQuery({ queryKey: ['backlog'], queryFn: () => api.get<Backlog>('/jornadas/backlog') });
  const beds = useQuery({ queryKey: ['beds'], queryFn: () => api.get<Beds>('/jornadas/beds') });
  const category = (c: string) => t(`backlog.${c}` as MessageKey);
  return (
    <Stack>
      <Title order={2}>{t('backlog.title')}</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="xs">{t('backlog.waiting')}</Title>
          <Bars label={t('backlog.waiting')} format={n} bars={(backlog.data?.totals ?? []).map((p) => ({ label: `${formatDate(p.takenOn)} · ${category(p.category)}`, value: p.waiting }))} />
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="xs">{t('backlog.byJornada')}</Title>
          <Bars label={t('backlog.byJornada')} format={n} bars={(backlog.data?.byJornada ?? []).map((r) => ({ label: `${t('jornadas.pick')} ${r.number} · ${category(r.category)}`, value: Math.max(0, r.reduction), target: r.before }))} />
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md">
        <Group justify="space-between">
          <Title order={3} size="h4">{t('backlog.beds')}</Title>
          {beds.data && <Badge size="lg" data-testid="beds-returned">{t('backlog.returned')}: {n(beds.data.returned)}</Badge>}
        </Group>
        <Bars label={t('backlog.beds')} format={n}
          bars={(beds.data?.series ?? []).map((s) => ({ label: formatDate(s.takenOn), value: s.ordinary + s.reconverted, parts: [{ value: s.ordinary, color: 'var(--mantine-color-blue-5)' }, { value: s.reconverted, color: 'var(--mantine-color-orange-5)' }] }))} />
        <Group gap="md" mt="xs"><Badge color="blue" variant="dot">{t('backlog.ordinary')}</Badge><Badge color="orange" variant="dot">{t('backlog.reconverted')}</Badge></Group>
      </Paper>
    </Stack>
  );
}
