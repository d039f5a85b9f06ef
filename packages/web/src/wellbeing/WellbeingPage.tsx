import { Alert, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { formatDate, type Instrument, type InstrumentCode } from '@sirem/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';
import { CrisisResources } from './CrisisResources.tsx';
import { Questionnaire } from './Questionnaire.tsx';

type Catalogue = { instruments: Instrument[]; crisisResources: { name: string; phone: string; hours: { es: string; en: string } }[] };
type Mine = {
  history: { id: number; instrument: InstrumentCode; score: number; band: string; completedAt: string }[];
  due: Record<InstrumentCode, { dueOn: string; dueNow: boolean }>;
  sharing: { tutorSees: string; version: number };
};
type Result = { score: number; band: string; crisis: boolean; resources: Catalogue['crisisResources'] };

/** A resident's confidential self-screening: due dates, questionnaires, results, and what their tutor may see. */
export function WellbeingPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const catalogue = useQuery({ queryKey: ['wellbeing-instruments'], queryFn: () => api.get<Catalogue>('/wellbeing/instruments') });
  const mine = useQuery({ queryKey: ['wellbeing-me'], queryFn: () => api.get<Mine>('/wellbeing/me') });
  const [open, setOpen] = useState<Instrument | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const band = (b: string) => t(`wellbeing.band.${b}` as MessageKey);

  const submit = async (answers: number[]) => {
    if (!open) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api.post<Result>('/wellbeing/screenings', { instrument: open.code, answers }));
      setOpen(null);
      await client.invalidateQueries({ queryKey: ['wellbeing-me'] });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  // A refusal (another tab changed the setting first) is shown, and the page reloads the current setting.
  const share = async (tutorSees: string) => {
    setError(null);
    try {
      await api.post('/wellbeing/sharing', { tutorSees, version: mine.data?.sharing.version ?? 0 });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      await client.invalidateQueries({ queryKey: ['wellbeing-me'] });
    }
  };

  return (
    <Stack maw={720}>
      <Title order={2}>{t('wellbeing.title')}</Title>
      <Text size="sm" c="dimmed">{t('wellbeing.intro')}</Text>
      {result?.crisis && <CrisisResources resources={result.resources} />}
      {result && <Alert color={result.crisis ? 'red' : 'teal'} data-testid="screening-result">{t('wellbeing.result', { score: result.score, band: band(result.band) })}</Alert>}
      {error && <Alert color="red">{error}</Alert>}
      {open ? (
        <Questionnaire key={open.code} instrument={open} busy={busy} onSubmit={submit} />
      ) : (
        <Group>
          {catalogue.data?.instruments.map((i) => (
            <Paper key={i.code} withBorder p="sm">
              <Text size="sm" c={mine.data?.due[i.code]?.dueNow ? 'orange' : 'dimmed'}>
                {mine.data?.due[i.code]?.dueNow ? t('wellbeing.dueNow') : t('wellbeing.due', { date: formatDate(mine.data?.due[i.code]?.dueOn) })}
              </Text>
              <Button mt="xs" onClick={() => { setResult(null); setOpen(i); }}>{t('wellbeing.start', { name: i.code === 'phq9' ? 'PHQ-9' : 'GAD-7' })}</Button>
            </Paper>
          ))}
        </Group>
      )}
      <Paper withBorder p="sm">
        <Text size="sm" fw={600} mb={6}>{t('wellbeing.sharing')}</Text>
        <SegmentedControl value={mine.data?.sharing.tutorSees ?? 'nada'} onChange={share}
          data={(['nada', 'realizado', 'nivel'] as const).map((v) => ({ value: v, label: t(`wellbeing.share.${v}`) }))} />
      </Paper>
      <Title order={3} size="h4">{t('wellbeing.history')}</Title>
      {!mine.data?.history.length && <Text c="dimmed">{t('wellbeing.none')}</Text>}
      {mine.data?.history.map((h) => (
        <Text key={h.id} size="sm">{formatDate(h.completedAt.slice(0, 10))} · {h.instrument === 'phq9' ? 'PHQ-9' : 'GAD-7'} · {h.score} ({band(h.band)})</Text>
      ))}
    </Stack>
  );
}
