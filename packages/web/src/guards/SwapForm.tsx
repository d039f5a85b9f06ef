import { Alert, Button, Group, Select } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

export type Colleague = { rosterId: number; residentId: number; name: string; dates: string[] };

/** Ask to exchange one guardia with a colleague of the same grade; the server checks the rules before sending it. */
export function SwapForm({ rosterId, myDate, colleagues, onSent }: { rosterId: number; myDate: string; colleagues: Colleague[]; onSent: (message: string) => void }) {
  const { t } = useI18n();
  const [partner, setPartner] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mine = colleagues.filter((c) => c.rosterId === rosterId);
  const chosen = mine.find((c) => String(c.residentId) === partner);
  const send = async () => {
    setError(null);
    try {
      await api.post('/guards/swaps', { rosterId, myDate, partnerResidentId: Number(partner), partnerDate: date });
      onSent(t('swap.sent'));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <>
      <Group align="end" mt="xs" wrap="wrap">
        <Select size="xs" label={t('swap.partner')} data={mine.map((c) => ({ value: String(c.residentId), label: c.name }))} value={partner} onChange={(v) => { setPartner(v); setDate(null); }} w={200} />
        <Select size="xs" label={t('swap.partnerDate')} data={(chosen?.dates ?? []).map((d) => ({ value: d, label: formatDate(d) }))} value={date} onChange={setDate} w={150} />
        <Button size="xs" onClick={send} disabled={!partner || !date}>{t('swap.send')}</Button>
      </Group>
      {error && <Alert color="red" role="alert" mt="xs">{error}</Alert>}
    </>
  );
}
