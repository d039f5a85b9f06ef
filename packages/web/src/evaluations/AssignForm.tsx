import { Alert, Button, Group, Paper, Select, Title } from '@mantine/core';
import { EVALUATOR_KINDS } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';
import type { View } from './CommitteePage.tsx';

/** Assigns an evaluator (a teacher, a peer, registered nursing staff, or the resident for self-evaluation) for one quarter. */
export function AssignForm({ view, onAssigned }: { view: View; onAssigned: () => void }) {
  const { t } = useI18n();
  const templates = useQuery({ queryKey: ['evaluation-templates'], queryFn: () => api.get<{ id: number; name: string }[]>('/evaluations/templates') });
  const [residentId, setResidentId] = useState<string | null>(null);
  const [period, setPeriod] = useState<string | null>('1');
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [kind, setKind] = useState<string>('profesor');
  const [evaluator, setEvaluator] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const assign = async () => {
    try {
      await api.post('/evaluations', { residentId: Number(residentId), cycleId: view.cycle.id, period: Number(period), templateId: Number(templateId), evaluatorKind: kind, evaluatorUserId: kind === 'autoevaluacion' ? null : Number(evaluator) });
      setMessage({ ok: true, text: t('committee.assigned') });
      onAssigned();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? e.message : String(e) });
    }
  };
  return (
    <Paper withBorder p="sm" maw={900}>
      <Title order={3} size="h5" mb="xs">{t('committee.assign')}</Title>
      <Group align="end">
        <Select label={t('committee.resident')} data={view.residents.map((r) => ({ value: String(r.residentId), label: r.name }))} value={residentId} onChange={setResidentId} searchable />
        <Select label={t('eval.period', { n: '' })} data={['1', '2', '3', '4']} value={period} onChange={setPeriod} w={110} />
        <Select label={t('committee.template')} data={(templates.data ?? []).map((x) => ({ value: String(x.id), label: x.name }))} value={templateId} onChange={setTemplateId} />
        <Select label={t('committee.evaluatorKind')} data={EVALUATOR_KINDS.map((k) => ({ value: k, label: t(`eval.kind.${k}` as MessageKey) }))} value={kind} onChange={(v) => { setKind(v ?? 'profesor'); setEvaluator(null); }} />
        {kind !== 'autoevaluacion' && <Select label={t('committee.evaluator')} data={view.evaluators.filter((e) => e.kind === kind).map((e) => ({ value: String(e.userId), label: e.name }))} value={evaluator} onChange={setEvaluator} searchable />}
        <Button onClick={assign}>{t('committee.assign')}</Button>
      </Group>
      {message && <Alert mt="xs" color={message.ok ? 'teal' : 'red'}>{message.text}</Alert>}
    </Paper>
  );
}
