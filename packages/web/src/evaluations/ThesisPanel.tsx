import { Alert, Button, Checkbox, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { mexicoToday, THESIS_STATUSES, thesisInput } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, fieldErrors, issueErrors } from '../api/client.ts';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';

type Milestone = { name: string; dueOn: string; doneOn?: string | null };
type Thesis = { title: string; advisorName: string; status: string; milestones: Milestone[]; version: number };
type Values = { title: string; advisorName: string; status: string; milestones: { name: string; dueOn: string; doneOn: string }[] };

const valuesOf = (th: Thesis | null): Values => ({
  title: th?.title ?? '', advisorName: th?.advisorName ?? '', status: th?.status ?? 'propuesta',
  milestones: (th?.milestones ?? []).map((m) => ({ name: m.name, dueOn: m.dueOn, doneOn: m.doneOn ?? '' })),
});

/**
 * The thesis or research project of one resident: title, advisor, milestones with their dates and
 * done marks, and status. The resident keeps it up to date; only the sede's direction or
 * coordination (`canApprove`) marks it approved, as the server enforces.
 */
export function ThesisPanel({ residentId, canApprove }: { residentId: number; canApprove: boolean }) {
  const { t } = useI18n();
  const thesis = useQuery({ queryKey: ['thesis', residentId], queryFn: () => api.get<Thesis | null>(`/evaluations/theses/${residentId}`) });
  if (thesis.isLoading) return <Text c="dimmed">{t('common.loading')}</Text>;
  if (thesis.error) return <Alert color="red">{(thesis.error as Error).message}</Alert>;
  return <ThesisForm residentId={residentId} canApprove={canApprove} initial={thesis.data ?? null} onSaved={() => thesis.refetch()} />;
}

function ThesisForm({ residentId, canApprove, initial, onSaved }: { residentId: number; canApprove: boolean; initial: Thesis | null; onSaved: () => void }) {
  const { t } = useI18n();
  const form = useForm<Values>({ initialValues: valuesOf(initial) });
  const [version, setVersion] = useState<number | undefined>(initial?.version);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const approved = initial?.status === 'aprobada';
  const submit = form.onSubmit(async (v) => {
    setMessage(null);
    const body = { ...v, milestones: v.milestones.map((m) => ({ name: m.name, dueOn: m.dueOn, doneOn: m.doneOn || null })), version };
    const parsed = thesisInput.safeParse(body);
    if (!parsed.success) return form.setErrors(issueErrors(parsed.error.issues));
    try {
      const saved = await api.post<Thesis>(`/evaluations/theses/${residentId}`, body);
      setVersion(saved.version);
      setMessage({ ok: true, text: t('thesis.saved') });
      onSaved();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      form.setErrors(fieldErrors(err));
      if (err.code === 'version_conflict' && err.current) {
        const current = err.current as Thesis;
        form.setValues(valuesOf(current));
        setVersion(current.version);
        setMessage({ ok: false, text: `${err.message} ${t('thesis.reloaded')}` });
      } else setMessage({ ok: false, text: err.message });
    }
  });
  const statuses = THESIS_STATUSES.map((s) => ({ value: s, label: t(`thesis.status.${s}` as MessageKey), disabled: s === 'aprobada' && !canApprove && !approved }));
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} data-testid="thesis-form" noValidate>
      <Stack gap="xs">
        <Title order={3} size="h5">{t('thesis.title')}</Title>
        {!initial && <Text size="sm" c="dimmed">{t('thesis.none')}</Text>}
        <TextInput label={t('thesis.field.title')} {...form.getInputProps('title')} />
        <TextInput label={t('thesis.field.advisor')} {...form.getInputProps('advisorName')} />
        <Select label={t('thesis.field.status')} data={statuses} allowDeselect={false} {...form.getInputProps('status')} />
        {!canApprove && <Text size="xs" c="dimmed">{t('thesis.approveHint')}</Text>}
        <Text fw={600} size="sm">{t('thesis.milestones')}</Text>
        {!form.values.milestones.length && <Text size="sm" c="dimmed">{t('thesis.noMilestones')}</Text>}
        {form.values.milestones.map((m, i) => (
          <Group key={i} align="end" wrap="wrap" data-testid="thesis-milestone">
            <TextInput label={t('thesis.milestone.name')} {...form.getInputProps(`milestones.${i}.name`)} style={{ flex: '1 1 12rem' }} />
            <TextInput label={t('thesis.milestone.dueOn')} {...form.getInputProps(`milestones.${i}.dueOn`)} w={150} />
            <Checkbox label={t('thesis.milestone.done')} checked={Boolean(m.doneOn)} onChange={(e) => form.setFieldValue(`milestones.${i}.doneOn`, e.currentTarget.checked ? mexicoToday() : '')} mb={8} />
            {m.doneOn && <TextInput label={t('thesis.milestone.doneOn')} {...form.getInputProps(`milestones.${i}.doneOn`)} w={150} />}
            <Button variant="subtle" color="red" size="xs" mb={4} onClick={() => form.removeListItem('milestones', i)}>{t('thesis.milestone.remove')}</Button>
          </Group>
        ))}
        <Group>
          <Button variant="light" size="xs" onClick={() => form.insertListItem('milestones', { name: '', dueOn: '', doneOn: '' })}>{t('thesis.milestone.add')}</Button>
          <Button type="submit" size="xs">{t('thesis.save')}</Button>
        </Group>
        {message && <Alert color={message.ok ? 'teal' : 'red'} role={message.ok ? 'status' : 'alert'}>{message.text}</Alert>}
      </Stack>
    </Paper>
  );
}
