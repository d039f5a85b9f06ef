import { Alert, Button, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

type Detail = {
  id: number; version: number; residentName: string; period: number; scores: { itemId: number; level: number }[] | null; comment: string | null;
  template: { name: string; levels: { level: number; label: string; descriptor: string }[]; items: { id: number; text: string; competency: string }[] };
};

/** The rubric on a phone: one card per item, levels as full-width radio rows with their descriptor. */
export function EvaluationForm({ id, onDone }: { id: number; onDone: (grade: string) => void }) {
  const { t } = useI18n();
  const detail = useQuery({ queryKey: ['evaluation', id], queryFn: () => api.get<Detail>(`/evaluations/${id}`) });
  const [levels, setLevels] = useState<Record<number, number>>({});
  const [comment, setComment] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const d = detail.data;
  if (!d) return <Text size="sm">{t('common.loading')}</Text>;
  const current = (itemId: number) => levels[itemId] ?? d.scores?.find((s) => s.itemId === itemId)?.level;
  const send = async () => {
    setError(null);
    const scores = d.template.items.map((i) => ({ itemId: i.id, level: current(i.id) }));
    if (scores.some((s) => s.level === undefined)) return setError(t('eval.missing'));
    try {
      const saved = await api.patch<{ grade: string }>(`/evaluations/${id}`, { scores, comment: comment ?? d.comment, version: d.version });
      onDone(saved.grade);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Stack gap="sm" data-testid="evaluation-form">
      <Title order={3} size="h5">{d.residentName} · {t('eval.period', { n: d.period })}</Title>
      <Text size="xs" c="dimmed">{d.template.name}</Text>
      {d.template.items.map((item, n) => (
        <Paper key={item.id} withBorder p="sm">
          <Radio.Group label={`${n + 1}. ${item.competency}`} description={item.text} value={current(item.id) === undefined ? null : String(current(item.id))} onChange={(v) => setLevels((p) => ({ ...p, [item.id]: Number(v) }))}>
            <Stack gap={8} mt={8}>
              {d.template.levels.map((l) => <Radio key={l.level} value={String(l.level)} label={`${l.level}. ${l.label}`} description={l.descriptor} />)}
            </Stack>
          </Radio.Group>
        </Paper>
      ))}
      <Textarea label={t('eval.comment')} value={comment ?? d.comment ?? ''} onChange={(e) => setComment(e.currentTarget.value)} autosize minRows={2} />
      {error && <Alert color="red">{error}</Alert>}
      <Button onClick={send} fullWidth>{t('eval.submit')}</Button>
    </Stack>
  );
}
