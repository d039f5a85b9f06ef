import { Alert, Button, Group, MultiSelect, NumberInput, Paper, Stack, TextInput, Title } from '@mantine/core';
import { ACTIVITY_KINDS } from '@sirem/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, type Page } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';

type Option = { id: number; name: string };
const BULLETIN_CATEGORIES = ACTIVITY_KINDS.slice(0, 8);

/** Nivel central creates a Jornada: number, dates, participating OOAD and UMAE, target categories. */
export function JornadaForm() {
  const { t } = useI18n();
  const client = useQueryClient();
  const ooads = useQuery({ queryKey: ['ooads-all'], queryFn: () => api.get<Page<Option>>('/catalog/ooads?limit=200') });
  const umaes = useQuery({ queryKey: ['umae-all'], queryFn: () => api.get<Page<Option>>('/catalog/units?unitTypeCode=UMAE&limit=200') });
  const [form, setForm] = useState({ number: 0, name: '', startsOn: '', endsOn: '', ooadIds: [] as string[], umaeIds: [] as string[], categories: [...BULLETIN_CATEGORIES] as string[] });
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);
  const save = async () => {
    try {
      await api.post('/jornadas', { ...form, name: form.name || null, ooadIds: form.ooadIds.map(Number), umaeIds: form.umaeIds.map(Number) });
      setMessage({ color: 'green', text: t('jornadas.created') });
      await client.invalidateQueries({ queryKey: ['jornadas'] });
    } catch (err) {
      setMessage({ color: 'red', text: err instanceof ApiError ? [err.message, ...err.errors.map((e) => e.message)].join(' ') : String(err) });
    }
  };
  const all = (rows: Option[] | undefined) => (rows ?? []).map((o) => ({ value: String(o.id), label: o.name }));
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={3} size="h4">{t('jornadas.new')}</Title>
        {message && <Alert color={message.color} role="status">{message.text}</Alert>}
        <Group align="end" wrap="wrap">
          <NumberInput label={t('jornadas.number')} value={form.number || ''} min={1} onChange={(v) => setForm({ ...form, number: Number(v) || 0 })} w={100} />
          <TextInput label={t('jornadas.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} style={{ flex: 1, minWidth: 220 }} />
          <TextInput type="date" label={t('jornadas.startsOn')} value={form.startsOn} onChange={(e) => setForm({ ...form, startsOn: e.currentTarget.value })} />
          <TextInput type="date" label={t('jornadas.endsOn')} value={form.endsOn} onChange={(e) => setForm({ ...form, endsOn: e.currentTarget.value })} />
        </Group>
        <Group align="end">
          <MultiSelect label="OOAD" data={all(ooads.data?.items)} value={form.ooadIds} onChange={(v) => setForm({ ...form, ooadIds: v })} searchable style={{ flex: 1 }} />
          <Button variant="default" onClick={() => setForm({ ...form, ooadIds: all(ooads.data?.items).map((o) => o.value) })}>{t('jornadas.all')}</Button>
        </Group>
        <Group align="end">
          <MultiSelect label="UMAE" data={all(umaes.data?.items)} value={form.umaeIds} onChange={(v) => setForm({ ...form, umaeIds: v })} searchable style={{ flex: 1 }} />
          <Button variant="default" onClick={() => setForm({ ...form, umaeIds: all(umaes.data?.items).map((o) => o.value) })}>{t('jornadas.all')}</Button>
        </Group>
        <MultiSelect label={t('jornadas.categories')} data={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as MessageKey) }))} value={form.categories} onChange={(v) => setForm({ ...form, categories: v })} />
        <Group justify="end"><Button onClick={save}>{t('jornadas.create')}</Button></Group>
      </Stack>
    </Paper>
  );
}
