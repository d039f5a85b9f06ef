import { Alert, Button, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { competencyInput } from '@sirem/core';
import { useState } from 'react';
import { api, ApiError, fieldErrors, issueErrors } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';

const EMPTY = { code: '', name: '', specialtyId: null as string | null, description: '' };

/** Adds a specialty competency to the catalogue (the centre only); messages come from the shared schema and the server. */
export function CompetencyForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const form = useForm({ initialValues: EMPTY });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = form.onSubmit(async (v) => {
    setMessage(null);
    const body = { code: v.code, name: v.name, specialtyId: v.specialtyId ? Number(v.specialtyId) : null, description: v.description };
    const parsed = competencyInput.safeParse(body);
    if (!parsed.success) return form.setErrors(issueErrors(parsed.error.issues));
    try {
      await api.post('/evaluations/competencies', body);
      form.setValues(EMPTY);
      setMessage({ ok: true, text: t('design.competencyAdded') });
      onSaved();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      form.setErrors(fieldErrors(err));
      setMessage({ ok: false, text: err.message });
    }
  });
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} noValidate data-testid="competency-form">
      <Stack gap="xs">
        <Title order={3} size="h5">{t('design.addCompetency')}</Title>
        <Group grow align="start">
          <TextInput label={t('design.code')} {...form.getInputProps('code')} />
          <TextInput label={t('design.name')} {...form.getInputProps('name')} />
        </Group>
        <RefSelect name="specialtyId" label={t('design.specialty')} path="/catalog/specialties" display="name" value={form.values.specialtyId} onChange={(v) => form.setFieldValue('specialtyId', v)} error={form.errors.specialtyId as string | undefined} />
        <TextInput label={t('design.description')} {...form.getInputProps('description')} />
        <Group><Button type="submit" size="xs">{t('design.saveCompetency')}</Button></Group>
        {message && <Alert color={message.ok ? 'teal' : 'red'}>{message.text}</Alert>}
      </Stack>
    </Paper>
  );
}
