import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';
import { ThesisPanel } from './ThesisPanel.tsx';

type Row = { id: number; residentId: number; cycleId: number; period: number; evaluatorKind: string; status: string; grade: string | null; version: number };

/** A resident's submitted evaluations (acknowledge each one, download the cycle's boleta) and their thesis follow-up. */
export function MyEvaluationsPage() {
  const { t } = useI18n();
  const list = useQuery({ queryKey: ['evaluations-mine'], queryFn: () => api.get<Row[]>('/evaluations/mine') });
  // The resident's own file id, which the thesis endpoints take.
  const me = useQuery({ queryKey: ['follow-up', '/evaluations/follow-up/mine'], queryFn: () => api.get<{ residentId: number }>('/evaluations/follow-up/mine'), retry: false });
  const ack = async (e: Row) => {
    await api.post(`/evaluations/${e.id}/acknowledge`, { version: e.version });
    await list.refetch();
  };
  const cycles = [...new Map((list.data ?? []).map((e) => [e.cycleId, e])).values()];
  return (
    <Stack maw={760}>
      <Title order={2}>{t('eval.mine')}</Title>
      {!list.data?.length && <Text c="dimmed">{list.isLoading ? t('common.loading') : t('eval.mineNone')}</Text>}
      {list.data?.map((e) => (
        <Paper key={e.id} withBorder p="sm">
          <Group justify="space-between">
            <div>
              <Text fw={600}>{t('eval.period', { n: e.period })} · {t(`eval.kind.${e.evaluatorKind}` as MessageKey)}</Text>
              <Text size="sm">{t('eval.grade', { grade: e.grade ?? '—' })}</Text>
            </div>
            {e.status === 'enviada' ? <Button size="xs" onClick={() => ack(e)}>{t('eval.acknowledge')}</Button> : <Badge color="gray">{t('eval.status.reconocida')}</Badge>}
          </Group>
        </Paper>
      ))}
      {cycles.map((c) => <Anchor key={c.cycleId} href={`/api/v1/evaluations/boleta.pdf?residentId=${c.residentId}&cycleId=${c.cycleId}`}>{t('eval.boleta')}</Anchor>)}
      {me.data && <ThesisPanel residentId={me.data.residentId} canApprove={false} />}
    </Stack>
  );
}
