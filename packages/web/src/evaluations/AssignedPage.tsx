import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';
import { EvaluationForm } from './EvaluationForm.tsx';

type Row = { id: number; residentName: string; period: number; evaluatorKind: string; status: string; grade: string | null };

/** What the signed-in evaluator (teacher, nurse, peer, or the resident for self-evaluation) has to fill in. */
export function AssignedPage() {
  const { t } = useI18n();
  const list = useQuery({ queryKey: ['evaluations-assigned'], queryFn: () => api.get<{ items: Row[] }>('/evaluations/assigned') });
  const [open, setOpen] = useState<number | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  return (
    <Stack maw={640}>
      <Title order={2}>{t('eval.assigned')}</Title>
      {sent && <Alert color="teal" data-testid="evaluation-sent">{sent}</Alert>}
      {!list.data?.items.length && <Text c="dimmed">{list.isLoading ? t('common.loading') : t('eval.none')}</Text>}
      {list.data?.items.map((e) => (
        <Paper key={e.id} withBorder p="sm">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={600}>{e.residentName}</Text>
              <Text size="xs" c="dimmed">{t('eval.period', { n: e.period })} · {t(`eval.kind.${e.evaluatorKind}` as MessageKey)}</Text>
            </div>
            <Group gap="xs" wrap="nowrap">
              <Badge color={e.status === 'asignada' ? 'orange' : 'teal'}>{t(`eval.status.${e.status}` as MessageKey)}</Badge>
              {open !== e.id && <Button size="xs" onClick={() => { setSent(null); setOpen(e.id); }}>{t('eval.open')}</Button>}
            </Group>
          </Group>
          {open === e.id && <EvaluationForm id={e.id} onDone={(grade) => { setOpen(null); setSent(t('eval.sent', { grade })); list.refetch(); }} />}
        </Paper>
      ))}
    </Stack>
  );
}
