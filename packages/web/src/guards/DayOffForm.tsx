import { Alert, Button, Group, Paper, Text, TextInput, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

const nextMonth = () => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 7);
};
/** "5, 12 24" → the dates of those days in the month. */
const toDates = (month: string, days: string) =>
  days.split(/[\s,;]+/).filter(Boolean).map((d) => `${month}-${d.padStart(2, '0')}`);

/** A resident asks for days of a month without guardia; sending again replaces that month's request. */
export function DayOffForm() {
  const { t } = useI18n();
  const [month, setMonth] = useState(nextMonth());
  const [days, setDays] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    setError(null);
    setSaved(null);
    try {
      const res = await api.put<{ month: string; dates: string[] }>('/guards/day-off-requests', { month, dates: toDates(month, days) });
      setSaved(t('dayoff.saved', { month: res.month, days: res.dates.map(formatDate).join(', ') || t('dayoff.none') }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Paper withBorder p="sm">
      <Title order={3} size="h5">{t('dayoff.title')}</Title>
      <Text size="xs" c="dimmed" mb="xs">{t('dayoff.hint')}</Text>
      <Group align="end" wrap="wrap">
        <TextInput label={t('dayoff.month')} value={month} onChange={(e) => setMonth(e.currentTarget.value)} w={120} />
        <TextInput label={t('dayoff.days')} value={days} onChange={(e) => setDays(e.currentTarget.value)} w={200} />
        <Button variant="light" onClick={send}>{t('dayoff.send')}</Button>
      </Group>
      {saved && <Alert color="green" mt="xs">{saved}</Alert>}
      {error && <Alert color="red" role="alert" mt="xs">{error}</Alert>}
    </Paper>
  );
}
