import { Alert, Button, Checkbox, Group, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { AUDIENCES, QUESTION_KINDS, SURVEY_PURPOSES } from '@sirem/core';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';

type Draft = { kind: string; text: string; options: string; required: boolean; measures: string };
const blank = (): Draft => ({ kind: 'likert', text: '', options: '', required: true, measures: '' });

/** The survey builder and, once created, a campaign per cycle and audience. Surveys are not edited after creation. */
export function BuilderPage() {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [purpose, setPurpose] = useState<string>('general');
  const [questions, setQuestions] = useState<Draft[]>([blank()]);
  const [surveyId, setSurveyId] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (i: number, patch: Partial<Draft>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const fail = (e: unknown) => setMessage({ ok: false, text: e instanceof ApiError ? [e.message, ...e.errors.map((x) => `${x.field}: ${x.message}`)].join(' ') : String(e) });
  const create = async () => {
    try {
      const body = { title, purpose, questions: questions.map((q) => ({ kind: q.kind, text: q.text, required: q.required, measures: q.measures || null, options: ['single', 'multiple'].includes(q.kind) ? q.options.split('\n').map((o) => o.trim()).filter(Boolean) : null })) };
      setSurveyId((await api.post<{ id: number }>('/surveys', body)).id);
      setMessage({ ok: true, text: t('builder.created') });
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Stack maw={760}>
      <Title order={2}>{t('builder.title')}</Title>
      {message && <Alert color={message.ok ? 'teal' : 'red'}>{message.text}</Alert>}
      <TextInput label={t('builder.surveyTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required disabled={Boolean(surveyId)} />
      <Select label={t('builder.purpose')} data={SURVEY_PURPOSES.map((p) => ({ value: p, label: t(`builder.purpose.${p}` as MessageKey) }))} value={purpose} onChange={(v) => setPurpose(v ?? 'general')} disabled={Boolean(surveyId)} />
      {questions.map((q, i) => (
        <Paper key={i} withBorder p="sm">
          <Stack gap="xs">
            <Group grow>
              <Select label={t('builder.kind')} data={QUESTION_KINDS.map((k) => ({ value: k, label: t(`builder.kind.${k}` as MessageKey) }))} value={q.kind} onChange={(v) => set(i, { kind: v ?? 'likert' })} />
              <Select label={t('builder.measures')} data={['', 'satisfaction', 'recommend'].map((m) => ({ value: m, label: t(`builder.measures.${m || 'none'}` as MessageKey) }))} value={q.measures} onChange={(v) => set(i, { measures: v ?? '' })} />
            </Group>
            <TextInput label={t('builder.question', { n: i + 1 })} value={q.text} onChange={(e) => set(i, { text: e.currentTarget.value })} />
            {['single', 'multiple'].includes(q.kind) && <Textarea label={t('builder.options')} value={q.options} onChange={(e) => set(i, { options: e.currentTarget.value })} autosize minRows={2} />}
            <Checkbox label={t('builder.required')} checked={q.required} onChange={(e) => set(i, { required: e.currentTarget.checked })} />
          </Stack>
        </Paper>
      ))}
      {!surveyId && (
        <Group>
          <Button variant="default" onClick={() => setQuestions((qs) => [...qs, blank()])}>{t('builder.add')}</Button>
          <Button onClick={create}>{t('builder.create')}</Button>
        </Group>
      )}
      {surveyId && <CampaignForm surveyId={surveyId} onDone={(text) => setMessage({ ok: true, text })} onError={fail} />}
    </Stack>
  );
}

function CampaignForm({ surveyId, onDone, onError }: { surveyId: number; onDone: (m: string) => void; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const [cycleId, setCycleId] = useState<string | null>(null);
  const [audience, setAudience] = useState<string>('residentes');
  const [sedeId, setSedeId] = useState<string | null>(null);
  const [opensOn, setOpensOn] = useState('');
  const [closesOn, setClosesOn] = useState('');
  const open = async () => {
    try {
      await api.post('/surveys/campaigns', { surveyId, cycleId: Number(cycleId), audience, sedeId: sedeId ? Number(sedeId) : null, opensOn, closesOn });
      onDone(t('builder.opened'));
    } catch (e) {
      onError(e);
    }
  };
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Title order={3} size="h4">{t('builder.campaign')}</Title>
        <RefSelect name="cycleId" label={t('builder.cycle')} path="/catalog/cycles" display="code" value={cycleId} onChange={setCycleId} required />
        <Select label={t('builder.audience')} data={AUDIENCES.map((a) => ({ value: a, label: t(`builder.audience.${a}` as MessageKey) }))} value={audience} onChange={(v) => setAudience(v ?? 'residentes')} />
        {audience === 'residentes_sede' && <RefSelect name="sedeId" label={t('builder.sede')} path="/catalog/sedes" display={(r) => `${r.specialtyName} · ${r.unitName}`} value={sedeId} onChange={setSedeId} required />}
        <Group grow>
          <TextInput label={t('builder.opens')} value={opensOn} onChange={(e) => setOpensOn(e.currentTarget.value)} />
          <TextInput label={t('builder.closes')} value={closesOn} onChange={(e) => setClosesOn(e.currentTarget.value)} />
        </Group>
        <Button w="fit-content" onClick={open}>{t('builder.campaign')}</Button>
      </Stack>
    </Paper>
  );
}
