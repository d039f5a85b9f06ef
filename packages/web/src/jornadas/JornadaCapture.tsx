import { Alert, Button, FileInput, Group, NativeSelect, NumberInput, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';

type Jornada = { id: number; startsOn: string; categories: string[]; version: number };
type StoredCount = { count: number; version: number };
type StoredPlan = { version: number; rows: { unitId: number; category: string; planned: number }[] };

/**
 * Units and OOAD upload their plan and enter their own daily counts (work not done by residents).
 * The plan is saved against the Jornada's version and a count against the entry's: when someone
 * else saved first, the server's message is shown and what is stored now is loaded into the form.
 */
export function JornadaCapture({ jornada }: { jornada: Jornada }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [message, setMessage] = useState<{ color: string; text: string; errors?: string[] } | null>(null);
  const [count, setCount] = useState({ unitId: '', day: jornada.startsOn, category: jornada.categories[0] ?? '', count: 0 });
  const [countVersion, setCountVersion] = useState<number | undefined>(undefined);
  const [plan, setPlan] = useState({ unitId: '', category: jornada.categories[0] ?? '', planned: 0 });
  // Another key is another entry: its version is not the one read for the previous key.
  const editCount = (next: typeof count) => {
    if (next.unitId !== count.unitId || next.day !== count.day || next.category !== count.category) setCountVersion(undefined);
    setCount(next);
  };
  const categories = jornada.categories.map((c) => ({ value: c, label: t(`kind.${c}` as MessageKey) }));
  const run = async (fn: () => Promise<string>, reload?: (current: unknown) => void) => {
    try {
      setMessage({ color: 'green', text: await fn() });
      await client.invalidateQueries({ queryKey: ['jornada-report'] });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'version_conflict') {
        if (err.current) reload?.(err.current);
        setMessage({ color: 'orange', text: `${err.message} ${t('jornadas.reloaded')}` });
        await client.invalidateQueries({ queryKey: ['jornada-report'] });
      } else if (err instanceof ApiError) setMessage({ color: 'red', text: err.message, errors: err.errors.map((e) => `${e.field}: ${e.message}`) });
      else setMessage({ color: 'red', text: String(err) });
    }
  };
  const savePlan = () =>
    run(
      async () => t('jornadas.planSaved', { n: (await api.put<{ saved: number }>(`/jornadas/${jornada.id}/plan`, { version: jornada.version, rows: [{ ...plan, unitId: Number(plan.unitId) }] })).saved }),
      (current) => {
        const stored = (current as StoredPlan).rows.find((r) => r.unitId === Number(plan.unitId) && r.category === plan.category);
        if (stored) setPlan({ ...plan, planned: stored.planned });
      },
    );
  const saveCount = () =>
    run(
      async () => {
        const saved = await api.post<StoredCount>(`/jornadas/${jornada.id}/unit-counts`, { ...count, unitId: Number(count.unitId), version: countVersion });
        setCountVersion(saved.version);
        return t('activity.saved');
      },
      (current) => {
        const stored = current as StoredCount;
        setCount({ ...count, count: stored.count });
        setCountVersion(stored.version);
      },
    );
  return (
    <Paper withBorder p="md">
      <Stack>
        {message && (
          <Alert color={message.color} role="status">
            {message.text}
            {message.errors?.map((e) => <div key={e}>{e}</div>)}
          </Alert>
        )}
        <FileInput label={t('jornadas.uploadPlan')} accept=".xlsx,.csv" onChange={(file) => file && run(async () => t('jornadas.planSaved', { n: (await api.upload<{ saved: number }>(`/jornadas/${jornada.id}/plan/upload?version=${jornada.version}`, file)).saved }))} />
        <Title order={4} size="h5">{t('jornadas.planRow')}</Title>
        <Group align="end" wrap="wrap">
          <TextInput label={t('jornadas.unitId')} value={plan.unitId} onChange={(e) => setPlan({ ...plan, unitId: e.currentTarget.value })} w={110} />
          <NativeSelect label={t('activity.kind')} value={plan.category} onChange={(e) => setPlan({ ...plan, category: e.currentTarget.value })} data={categories} />
          <NumberInput label={t('jornadas.planned')} value={plan.planned} min={0} onChange={(v) => setPlan({ ...plan, planned: Number(v) || 0 })} w={120} />
          <Button onClick={savePlan}>{t('jornadas.savePlan')}</Button>
        </Group>
        <Title order={4} size="h5">{t('jornadas.unitCount')}</Title>
        <Group align="end" wrap="wrap">
          <TextInput label={t('jornadas.unitId')} value={count.unitId} onChange={(e) => editCount({ ...count, unitId: e.currentTarget.value })} w={110} />
          <TextInput type="date" label={t('jornadas.day')} value={count.day} onChange={(e) => editCount({ ...count, day: e.currentTarget.value })} w={160} />
          <NativeSelect label={t('activity.kind')} value={count.category} onChange={(e) => editCount({ ...count, category: e.currentTarget.value })} data={categories} />
          <NumberInput label={t('jornadas.count')} value={count.count} min={0} onChange={(v) => setCount({ ...count, count: Number(v) || 0 })} w={110} />
          <Button onClick={saveCount}>{t('jornadas.saveCount')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
