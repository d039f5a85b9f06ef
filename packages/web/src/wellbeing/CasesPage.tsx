import { Alert, Badge, Button, Checkbox, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';

type Row = { id: number; folio: string; category: string; status: string; receivedOn: string; unitName: string; version: number };
type Detail = Row & { description: string; accusedDescription: string | null; anonymous: boolean; reporter: { displayName: string } | null; reporterWithheld: boolean; notes: { id: number; author: string; body: string; sharedWithReporter: boolean; writtenOn: string }[] };

/** The ethics committee's queue and one case at a time; opening a case is audited. */
export function CasesPage() {
  const { t } = useI18n();
  const [open, setOpen] = useState<number | null>(null);
  const list = useInfiniteQuery({
    queryKey: ['conduct-cases'],
    initialPageParam: '',
    queryFn: ({ pageParam }) => api.get<{ items: Row[]; nextCursor: string | null }>(`/wellbeing/conduct/cases${pageParam ? `?cursor=${pageParam}` : ''}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack maw={860}>
      <Title order={2}>{t('cases.title')}</Title>
      {!items.length && <Text c="dimmed">{list.isLoading ? t('common.loading') : t('cases.none')}</Text>}
      {items.map((c) => (
        <Paper key={c.id} withBorder p="sm">
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => setOpen(open === c.id ? null : c.id)}>{c.folio} · {t(`conduct.cat.${c.category}` as MessageKey)}</Button>
            <Badge>{t(`conduct.status.${c.status}` as MessageKey)}</Badge>
          </Group>
          <Text size="xs" c="dimmed">{formatDate(c.receivedOn)} · {c.unitName}</Text>
          {open === c.id && <CaseDetail id={c.id} onSaved={() => list.refetch()} />}
        </Paper>
      ))}
      {list.hasNextPage && <Button variant="subtle" onClick={() => list.fetchNextPage()}>{t('common.more')}</Button>}
    </Stack>
  );
}

function CaseDetail({ id, onSaved }: { id: number; onSaved: () => void }) {
  const { t } = useI18n();
  const detail = useQuery({ queryKey: ['conduct-case', id], queryFn: () => api.get<Detail>(`/wellbeing/conduct/cases/${id}`) });
  const [note, setNote] = useState('');
  const [share, setShare] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const d = detail.data;
  if (!d) return <Text size="sm">{t('common.loading')}</Text>;
  const save = async (status?: string) => {
    setError(null);
    try {
      await api.post(`/wellbeing/conduct/cases/${id}`, { status, note: note || undefined, shareWithReporter: share, version: d.version });
      setNote('');
      await detail.refetch();
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Stack gap="xs" mt="xs">
      <Text size="sm">{d.anonymous ? t('cases.anonymous') : d.reporter ? t('cases.reporter', { name: d.reporter.displayName }) : t('cases.withheld')}</Text>
      {d.accusedDescription && <Text size="sm">{d.accusedDescription}</Text>}
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{d.description}</Text>
      {d.notes.map((n) => <Text key={n.id} size="sm" c={n.author === 'comite' ? undefined : 'blue'}>{formatDate(n.writtenOn)} · {t(`conduct.author.${n.author}` as MessageKey)}: {n.body}</Text>)}
      <Textarea label={t('cases.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
      <Checkbox label={t('cases.share')} checked={share} onChange={(e) => setShare(e.currentTarget.checked)} />
      {error && <Alert color="red">{error}</Alert>}
      <Group>
        {note && <Button size="xs" variant="default" onClick={() => save()}>{t('cases.addNote')}</Button>}
        {d.status === 'recibido' && <Button size="xs" onClick={() => save('en_revision')}>{t('cases.review')}</Button>}
        {d.status === 'en_revision' && <Button size="xs" onClick={() => save('resuelto')}>{t('cases.resolve')}</Button>}
      </Group>
    </Stack>
  );
}
