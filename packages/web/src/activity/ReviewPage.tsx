import { Alert, Anchor, Button, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, qs, type Page } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { EntryList, type Entry } from './EntryList.tsx';

/** Professors verify entries (which locks them) or return them with what to correct. */
export function ReviewPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['activity-review'], queryFn: () => api.get<Page<Entry>>(`/activity/records${qs({ status: 'registrada', limit: 100 })}`) });
  const [comments, setComments] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const review = async (e: Entry, decision: 'verificada' | 'devuelta') => {
    setError(null);
    try {
      await api.post(`/activity/records/${e.id}/review`, { decision, comment: comments[e.id] || null, version: e.version });
      await client.invalidateQueries({ queryKey: ['activity-review'] });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Stack maw={720}>
      <Group justify="space-between">
        <Title order={2}>{t('activity.reviewTitle')}</Title>
        <Anchor href={`/api/v1/activity/records/export.xlsx`}>{t('activity.export')}</Anchor>
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Paper withBorder p="xs">
        {list.data?.items.length === 0 && <Alert color="gray">{t('activity.nothingToReview')}</Alert>}
        <EntryList
          entries={list.data?.items ?? []}
          showResident
          actions={(e) => (
            <Group gap="xs" wrap="wrap">
              <TextInput size="xs" placeholder={t('activity.comment')} aria-label={`${t('activity.comment')} ${e.id}`} value={comments[e.id] ?? ''} onChange={(ev) => setComments({ ...comments, [e.id]: ev.currentTarget.value })} style={{ flex: 1, minWidth: 160 }} />
              <Button size="compact-sm" color="green" onClick={() => review(e, 'verificada')}>{t('activity.verify')}</Button>
              <Button size="compact-sm" variant="default" onClick={() => review(e, 'devuelta')}>{t('activity.return')}</Button>
            </Group>
          )}
        />
      </Paper>
    </Stack>
  );
}
