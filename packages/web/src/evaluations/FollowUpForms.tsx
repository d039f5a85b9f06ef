import { Alert, Button, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { FEEDBACK_KINDS } from '@sirem/core';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';
import type { FollowUp } from './FollowUpPage.tsx';

/** The forms each relation may use: tutor records sessions and plans; any teacher of the sede gives feedback. */
export function FollowUpForms({ data, onSaved }: { data: FollowUp; onSaved: () => void }) {
  const { t } = useI18n();
  const [f, setF] = useState({ heldOn: '', topics: '', agreements: '', followUp: '', kind: 'general', body: '', title: '', dueOn: '' });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) => setF({ ...f, [k]: e.currentTarget.value });
  const send = async (path: string, body: unknown) => {
    setError(null);
    try {
      await api.post(`/evaluations/residents/${data.residentId}/${path}`, body);
      setF({ heldOn: '', topics: '', agreements: '', followUp: '', kind: 'general', body: '', title: '', dueOn: '' });
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const { tutor, teacher, manager } = data.relation;
  return (
    <Stack>
      {error && <Alert color="red">{error}</Alert>}
      {(tutor || teacher || manager) && (
        <Paper withBorder p="sm"><Stack gap="xs">
          <Title order={4} size="h5">{t('follow.addFeedback')}</Title>
          <Select label={t('follow.kind')} data={FEEDBACK_KINDS.map((k) => ({ value: k, label: t(`follow.kind.${k}` as MessageKey) }))} value={f.kind} onChange={(v) => setF({ ...f, kind: v ?? 'general' })} />
          <Textarea label={t('follow.note')} value={f.body} onChange={set('body')} autosize minRows={2} />
          <Button w="fit-content" onClick={() => send('feedback', { kind: f.kind, body: f.body })}>{t('follow.addFeedback')}</Button>
        </Stack></Paper>
      )}
      {tutor && (
        <Paper withBorder p="sm"><Stack gap="xs">
          <Title order={4} size="h5">{t('follow.addSession')}</Title>
          <TextInput label={t('follow.heldOn')} value={f.heldOn} onChange={set('heldOn')} />
          <Textarea label={t('follow.topics')} value={f.topics} onChange={set('topics')} autosize />
          <Textarea label={t('follow.agreements')} value={f.agreements} onChange={set('agreements')} autosize />
          <Textarea label={t('follow.followUp')} value={f.followUp} onChange={set('followUp')} autosize />
          <Button w="fit-content" onClick={() => send('sessions', { heldOn: f.heldOn, topics: f.topics, agreements: f.agreements, followUp: f.followUp })}>{t('follow.addSession')}</Button>
        </Stack></Paper>
      )}
      {(tutor || manager) && (
        <Paper withBorder p="sm"><Stack gap="xs">
          <Title order={4} size="h5">{t('follow.addPlan')}</Title>
          <TextInput label={t('follow.planTitle')} value={f.title} onChange={set('title')} />
          <TextInput label={t('follow.dueOn')} value={f.dueOn} onChange={set('dueOn')} />
          <Button w="fit-content" onClick={() => send('plans', { title: f.title, dueOn: f.dueOn })}>{t('follow.addPlan')}</Button>
        </Stack></Paper>
      )}
    </Stack>
  );
}
