import { Paper, Stack, Text, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

type Row = { campaignId: number; title: string } & ({ published: false; closesOn: string } | { published: true; suppressed: boolean; responses: number | null; satisfiedPct: number | null });

function summary(r: Row, t: ReturnType<typeof useI18n>['t']) {
  if (!r.published) return t('results.pending', { date: formatDate(r.closesOn) });
  return r.suppressed ? t('results.suppressed') : `${t('results.responses')}: ${r.responses} · ${t('results.satisfied')}: ${r.satisfiedPct ?? '—'}`;
}

/** A teacher's own evaluation by residents, only in aggregate and only once each campaign closes. */
export function TeachingPage() {
  const { t } = useI18n();
  const rows = useQuery({ queryKey: ['teaching-mine'], queryFn: () => api.get<Row[]>('/surveys/teaching/mine') });
  return (
    <Stack maw={640}>
      <Title order={2}>{t('teaching.title')}</Title>
      <Text size="sm" c="dimmed">{t('teaching.intro')}</Text>
      {rows.isError && <Text c="dimmed">{(rows.error as Error).message}</Text>}
      {rows.data?.length === 0 && <Text c="dimmed">{t('teaching.none')}</Text>}
      {rows.data?.map((r) => (
        <Paper key={r.campaignId} withBorder p="sm">
          <Text fw={600}>{r.title}</Text>
          <Text size="sm">{summary(r, t)}</Text>
        </Paper>
      ))}
    </Stack>
  );
}
