import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useSession } from '../access/session.tsx';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';
import { FollowUpForms } from './FollowUpForms.tsx';

export type FollowUp = {
  residentId: number; name: string; relation: { self: boolean; tutor: boolean; teacher: boolean; manager: boolean };
  sessions: { id: number; heldOn: string; topics: string; agreements: string | null; followUp: string | null }[];
  feedback: { id: number; kind: string; body: string; author: string; createdAt: string }[];
  plans: { id: number; title: string; dueOn: string; status: string; version: number }[];
};

/** A resident sees their own follow-up; a tutor, teacher or director picks a resident of their sede. */
export function FollowUpPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const resident = can('absences.request');
  const [residentId, setResidentId] = useState<string | null>(null);
  const path = resident ? '/evaluations/follow-up/mine' : residentId ? `/evaluations/residents/${residentId}/follow-up` : null;
  const data = useQuery({ queryKey: ['follow-up', path], enabled: Boolean(path), queryFn: () => api.get<FollowUp>(path as string), retry: false });
  const done = async (p: FollowUp['plans'][number]) => {
    await api.post(`/evaluations/plans/${p.id}`, { status: 'cumplido', version: p.version });
    await data.refetch();
  };
  const d = data.data;
  return (
    <Stack maw={760}>
      <Title order={2}>{t('follow.title')}</Title>
      {!resident && <RefSelect name="residentId" label={t('follow.resident')} path="/people/residents" display="fullName" value={residentId} onChange={setResidentId} />}
      {data.error && <Text c="dimmed">{(data.error as Error).message}</Text>}
      {d && (
        <>
          <Title order={3} size="h4">{t('follow.feedback')}</Title>
          {!d.feedback.length && <Text size="sm" c="dimmed">{t('follow.none')}</Text>}
          {d.feedback.map((f) => <Paper key={f.id} withBorder p="xs"><Text size="xs" c="dimmed">{formatDate(f.createdAt.slice(0, 10))} · {f.author} · {t(`follow.kind.${f.kind}` as MessageKey)}</Text><Text size="sm">{f.body}</Text></Paper>)}
          <Title order={3} size="h4">{t('follow.sessions')}</Title>
          {!d.sessions.length && <Text size="sm" c="dimmed">{t('follow.none')}</Text>}
          {d.sessions.map((s) => <Paper key={s.id} withBorder p="xs"><Text size="sm" fw={600}>{formatDate(s.heldOn)}: {s.topics}</Text>{s.agreements && <Text size="sm">{t('follow.agreements')}: {s.agreements}</Text>}{s.followUp && <Text size="sm">{t('follow.followUp')}: {s.followUp}</Text>}</Paper>)}
          <Title order={3} size="h4">{t('follow.plans')}</Title>
          {!d.plans.length && <Text size="sm" c="dimmed">{t('follow.none')}</Text>}
          {d.plans.map((p) => (
            <Group key={p.id} justify="space-between">
              <Text size="sm">{p.title} · {t('follow.due', { date: formatDate(p.dueOn) })}</Text>
              <Group gap="xs"><Badge>{t(`follow.status.${p.status}` as MessageKey)}</Badge>{p.status === 'abierto' && (d.relation.tutor || d.relation.manager) && <Button size="compact-xs" variant="light" onClick={() => done(p)}>{t('follow.done')}</Button>}</Group>
            </Group>
          ))}
          <FollowUpForms data={d} onSaved={() => data.refetch()} />
        </>
      )}
    </Stack>
  );
}
