import { Alert, Button, Group, NumberInput, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { DEFAULT_RUBRIC, templateInput } from '@sirem/core';
import { useState } from 'react';
import { api, ApiError, fieldErrors, issueErrors } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';
import type { Competency } from './design-types.ts';

type Values = { name: string; specialtyId: string | null; items: { competencyId: string | null; text: string }[]; levels: { level: number | string; label: string; descriptor: string }[] };
const initial = (): Values => ({ name: '', specialtyId: null, items: [{ competencyId: null, text: '' }], levels: DEFAULT_RUBRIC.map((l) => ({ ...l })) });

/** Builds a template: items each tied to a competency, and the rubric's levels with their descriptors (templates are never edited afterwards). */
export function TemplateForm({ competencies, onSaved }: { competencies: Competency[]; onSaved: () => void }) {
  const { t } = useI18n();
  const form = useForm<Values>({ initialValues: initial() });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const options = competencies.map((c) => ({ value: String(c.id), label: `${c.code} · ${c.name}` }));
  const submit = form.onSubmit(async (v) => {
    setMessage(null);
    const body = {
      name: v.name, specialtyId: v.specialtyId ? Number(v.specialtyId) : null,
      items: v.items.map((i) => ({ competencyId: i.competencyId ? Number(i.competencyId) : undefined, text: i.text })),
      levels: v.levels.map((l) => ({ level: typeof l.level === 'number' ? l.level : Number.NaN, label: l.label, descriptor: l.descriptor })),
    };
    const parsed = templateInput.safeParse(body);
    if (!parsed.success) return form.setErrors(issueErrors(parsed.error.issues));
    try {
      await api.post('/evaluations/templates', parsed.data);
      form.setValues(initial());
      setMessage({ ok: true, text: t('design.templateCreated') });
      onSaved();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      form.setErrors(fieldErrors(err));
      setMessage({ ok: false, text: err.message });
    }
  });
  const listError = (key: 'items' | 'levels') => form.errors[key] as string | undefined;
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} noValidate data-testid="template-form">
      <Stack gap="xs">
        <Title order={3} size="h5">{t('design.newTemplate')}</Title>
        <TextInput label={t('design.templateName')} {...form.getInputProps('name')} />
        <RefSelect name="specialtyId" label={t('design.specialty')} path="/catalog/specialties" display="name" value={form.values.specialtyId} onChange={(v) => form.setFieldValue('specialtyId', v)} />
        <Text size="xs" c="dimmed">{t('design.anySpecialty')}</Text>
        <Text fw={600} size="sm">{t('design.items')}</Text>
        {form.values.items.map((_, i) => (
          <Group key={i} align="start" wrap="wrap" data-testid="template-item">
            <Select label={t('design.item.competency')} data={options} searchable {...form.getInputProps(`items.${i}.competencyId`)} style={{ flex: '1 1 14rem' }} />
            <TextInput label={t('design.item.text')} {...form.getInputProps(`items.${i}.text`)} style={{ flex: '2 1 18rem' }} />
            <Button variant="subtle" color="red" size="xs" mt={26} onClick={() => form.removeListItem('items', i)}>{t('design.remove')}</Button>
          </Group>
        ))}
        {listError('items') && <Text size="sm" c="red">{listError('items')}</Text>}
        <Group><Button variant="light" size="xs" onClick={() => form.insertListItem('items', { competencyId: null, text: '' })}>{t('design.item.add')}</Button></Group>
        <Text fw={600} size="sm">{t('design.levels')}</Text>
        {form.values.levels.map((_, i) => (
          <Group key={i} align="start" wrap="wrap" data-testid="template-level">
            <NumberInput label={t('design.level.level')} min={0} max={10} w={90} {...form.getInputProps(`levels.${i}.level`)} />
            <TextInput label={t('design.level.label')} {...form.getInputProps(`levels.${i}.label`)} w={180} />
            <Textarea label={t('design.level.descriptor')} autosize minRows={1} {...form.getInputProps(`levels.${i}.descriptor`)} style={{ flex: '1 1 16rem' }} />
            <Button variant="subtle" color="red" size="xs" mt={26} onClick={() => form.removeListItem('levels', i)}>{t('design.remove')}</Button>
          </Group>
        ))}
        {listError('levels') && <Text size="sm" c="red">{listError('levels')}</Text>}
        <Group>
          <Button variant="light" size="xs" onClick={() => form.insertListItem('levels', { level: form.values.levels.length + 1, label: '', descriptor: '' })}>{t('design.level.add')}</Button>
          <Button type="submit" size="xs">{t('design.saveTemplate')}</Button>
        </Group>
        {message && <Alert color={message.ok ? 'teal' : 'red'}>{message.text}</Alert>}
      </Stack>
    </Paper>
  );
}
