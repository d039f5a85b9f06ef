import { Paper, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { formatNumber, useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';
import { Bars } from '../ui/Bars.tsx';

type Row = { jornadaId: number; number: number; category: string; planned: number; achieved: number };

/** Achieved per Jornada and category, one bar each, to follow the recovery across Jornadas. */
export function CumulativeChart() {
  const { t, locale } = useI18n();
  const data = useQuery({ queryKey: ['jornadas-cumulative'], queryFn: () => api.get<{ rows: Row[] }>('/jornadas/cumulative') });
  const rows = data.data?.rows ?? [];
  if (!rows.length) return null;
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="xs">{t('jornadas.cumulative')}</Title>
      <Bars label={t('jornadas.cumulative')} format={(v) => formatNumber(v, locale)}
        bars={rows.map((r) => ({ label: `${r.number} · ${t(`kind.${r.category}` as MessageKey)}`, value: r.achieved, target: r.planned }))} />
    </Paper>
  );
}
