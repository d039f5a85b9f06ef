import { Alert, Button, Checkbox, Code, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { CONDUCT_CATEGORIES } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';
import { FollowReport } from './FollowReport.tsx';

type Mine = { folio: string; category: string; status: string; receivedOn: string; messages: { author: string; body: string }[] }[];

/** The safe channel: report (optionally anonymous), follow an anonymous report with its key, and see one's identified reports. */
export function ReportPage() {
  const { t } = useI18n();
  const [category, setCategory] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [occurredOn, setOccurredOn] = useState('');
  const [accused, setAccused] = useState('');
  const [description, setDescription] = useState('');
  const [anonymous, setAnonymous] = useState(true);
  const [sent, setSent] = useState<{ folio: string; token: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mine = useQuery({ queryKey: ['conduct-mine'], queryFn: () => api.get<Mine>('/wellbeing/conduct/reports/mine') });
  const send = async () => {
    setError(null);
    try {
      setSent(await api.post('/wellbeing/conduct/reports', { category, unitId: Number(unitId) || undefined, occurredOn: occurredOn || null, accusedDescription: accused || null, description, anonymous }));
      setDescription('');
      await mine.refetch();
    } catch (e) {
      setError(e instanceof ApiError ? [e.message, ...e.errors.map((x) => x.message)].join(' ') : String(e));
    }
  };
  return (
    <Stack maw={720}>
      <Title order={2}>{t('conduct.title')}</Title>
      <Text size="sm" c="dimmed">{t('conduct.intro')}</Text>
      {sent && (
        <Alert color="teal" data-testid="report-sent">
          {t('conduct.sent', { folio: sent.folio })}
          {sent.token && <><Text size="sm" mt="xs">{t('conduct.token')}</Text><Code block data-testid="report-token">{sent.token}</Code></>}
        </Alert>
      )}
      <Paper withBorder p="md">
        <Stack>
          <Select label={t('conduct.category')} data={CONDUCT_CATEGORIES.map((c) => ({ value: c, label: t(`conduct.cat.${c}` as MessageKey) }))} value={category} onChange={setCategory} required />
          <RefSelect label={t('conduct.unit')} name="unitId" path="/catalog/units" display="name" value={unitId} onChange={setUnitId} required />
          <TextInput label={t('conduct.occurredOn')} value={occurredOn} onChange={(e) => setOccurredOn(e.currentTarget.value)} />
          <TextInput label={t('conduct.accused')} value={accused} onChange={(e) => setAccused(e.currentTarget.value)} />
          <Textarea label={t('conduct.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={4} required />
          <Checkbox label={t('conduct.anonymous')} checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} />
          {error && <Alert color="red">{error}</Alert>}
          <Button w="fit-content" onClick={send}>{t('conduct.send')}</Button>
        </Stack>
      </Paper>
      <FollowReport />
      {Boolean(mine.data?.length) && <Title order={3} size="h4">{t('conduct.mine')}</Title>}
      {mine.data?.map((m) => (
        <Paper key={m.folio} withBorder p="sm">
          <Text fw={600}>{m.folio} · {t(`conduct.cat.${m.category}` as MessageKey)} · {t(`conduct.status.${m.status}` as MessageKey)}</Text>
          {m.messages.map((n, i) => <Text key={i} size="sm">{t(`conduct.author.${n.author}` as MessageKey)}: {n.body}</Text>)}
        </Paper>
      ))}
    </Stack>
  );
}
