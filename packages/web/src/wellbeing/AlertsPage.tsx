import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';

type AlertRow = { id: number; personId: number; fullName: string; phone: string | null; email: string | null; unit: string | null; status: string; note: string | null; version: number; createdAt: string; score: number; band: string };

/** The mental-health liaison's confidential queue, newest first; every load is audited server-side. */
export function AlertsPage() {
  const { t } = useI18n();
  const list = useInfiniteQuery({
    queryKey: ['wellbeing-alerts'],
    initialPageParam: '',
    queryFn: ({ pageParam }) => api.get<{ items: AlertRow[]; nextCursor: string | null }>(`/wellbeing/alerts${pageParam ? `?cursor=${pageParam}` : ''}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack maw={760}>
      <Title order={2}>{t('alerts.title')}</Title>
      <Text size="sm" c="dimmed">{t('alerts.intro')}</Text>
      {!items.length && <Text c="dimmed">{list.isLoading ? t('common.loading') : t('alerts.none')}</Text>}
      {items.map((a) => <AlertCard key={`${a.id}-${a.version}`} alert={a} onSaved={() => list.refetch()} />)}
      {list.hasNextPage && <Button variant="subtle" onClick={() => list.fetchNextPage()}>{t('common.more')}</Button>}
    </Stack>
  );
}

function AlertCard({ alert, onSaved }: { alert: AlertRow; onSaved: () => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState(alert.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async (status: string) => {
    try {
      await api.post(`/wellbeing/alerts/${alert.id}`, { status, note: note || undefined, version: alert.version });
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card withBorder data-testid="wellbeing-alert">
      <Group justify="space-between">
        <Text fw={700}>{alert.fullName}</Text>
        <Badge color={alert.status === 'abierta' ? 'red' : alert.status === 'cerrada' ? 'gray' : 'yellow'}>{t(`alerts.status.${alert.status}` as MessageKey)}</Badge>
      </Group>
      <Text size="sm">{t('alerts.raised', { date: formatDate(alert.createdAt.slice(0, 10)) })} · {alert.unit ?? ''}</Text>
      <Text size="sm">PHQ-9: {alert.score} ({t(`wellbeing.band.${alert.band}` as MessageKey)}){alert.phone ? ` · ${alert.phone}` : ''}{alert.email ? ` · ${alert.email}` : ''}</Text>
      {alert.status !== 'cerrada' && (
        <>
          <Textarea label={t('alerts.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} mt="xs" autosize minRows={2} />
          <Group mt="xs">
            <Button size="xs" variant="light" onClick={() => save('en_seguimiento')}>{t('alerts.follow')}</Button>
            <Button size="xs" variant="default" onClick={() => save('cerrada')}>{t('alerts.close')}</Button>
          </Group>
        </>
      )}
      {error && <Alert color="red" mt="xs">{error}</Alert>}
    </Card>
  );
}
