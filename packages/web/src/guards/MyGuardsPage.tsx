import { Alert, Anchor, Button, Card, Paper, Stack, Text, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { DayOffForm } from './DayOffForm.tsx';
import { type Colleague, SwapForm } from './SwapForm.tsx';
import { useI18n } from '../i18n/index.tsx';

type Mine = { colleagues: Colleague[]; guards: { rosterId: number; date: string; type: string; holiday: string | null; unitName: string; start: string; end: string }[]; rotations: { id: number; serviceName: string; unitName: string; startsOn: string; endsOn: string; kind: string }[] };
const time = (iso: string) => `${formatDate(iso.slice(0, 10))} ${iso.slice(11, 16)}`;

/** A resident's guardias and rotations, readable on a phone, with a private calendar link. */
export function MyGuardsPage() {
  const { t } = useI18n();
  const mine = useQuery({ queryKey: ['my-guards'], queryFn: () => api.get<Mine>('/guards/my') });
  const [link, setLink] = useState<string | null>(null);
  const [swapFor, setSwapFor] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const notices = useQuery({ queryKey: ['notices'], queryFn: () => api.get<{ id: number; message: string }[]>('/me/notifications') });
  const getLink = async () => setLink(`${window.location.origin}${(await api.post<{ path: string }>('/guards/my/calendar-link')).path}`);
  return (
    <Stack maw={640}>
      <Title order={2}>{t('my.title')}</Title>
      {notices.data?.slice(0, 3).map((n) => <Alert key={n.id} color="blue" title={t('my.notices')}>{n.message}</Alert>)}
      {sent && <Alert color="green">{sent}</Alert>}
      {!mine.data?.guards.length && <Text c="dimmed">{mine.isLoading ? t('common.loading') : t('my.none')}</Text>}
      {mine.data?.guards.map((g) => (
        <Card key={g.date} withBorder padding="sm" data-testid="my-guard">
          <Text fw={700}>{formatDate(g.date)}{g.holiday ? ` · ${g.holiday}` : ''}</Text>
          <Text size="sm">{time(g.start)} → {time(g.end)} · {g.unitName}</Text>
          {swapFor === g.date ? (
            <SwapForm rosterId={g.rosterId} myDate={g.date} colleagues={mine.data?.colleagues ?? []} onSent={(m) => { setSent(m); setSwapFor(null); }} />
          ) : <Button size="compact-xs" variant="subtle" w="fit-content" onClick={() => setSwapFor(g.date)}>{t('swap.request')}</Button>}
        </Card>
      ))}
      <Title order={3} size="h4">{t('my.rotations')}</Title>
      {mine.data?.rotations.map((r) => <Text key={r.id} size="sm">{formatDate(r.startsOn)} – {formatDate(r.endsOn)}: {r.serviceName} · {r.unitName}{r.kind === 'campo' ? ' (campo)' : ''}</Text>)}
      <DayOffForm />
      <Paper withBorder p="sm">
        <Button variant="light" onClick={getLink}>{t('my.calendar')}</Button>
        {link && <><Text size="xs" c="dimmed" mt="xs">{t('my.calendarHint')}</Text><Anchor href={link} size="sm" data-testid="calendar-link" style={{ wordBreak: 'break-all' }}>{link}</Anchor></>}
      </Paper>
    </Stack>
  );
}
