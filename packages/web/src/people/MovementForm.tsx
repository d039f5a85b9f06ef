import { Alert, Button, Checkbox, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { parseDisplayDate } from '@sirem/core';
import { type FormEvent, useState } from 'react';
import { api, ApiError, fieldErrors } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';

const KINDS = ['inicio', 'licencia', 'reintegro', 'baja', 'egreso', 'diploma', 'contratacion', 'promocion', 'repeticion'];
const REASONS = ['renuncia', 'rescision', 'defuncion', 'otra'];

/** One lifecycle transition for a resident; the server decides whether it applies and says why not. */
export function MovementForm({ residentId, version, onDone }: { residentId: number; version: number; onDone: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<string | null>('licencia');
  const [date, setDate] = useState('');
  const [reason, setReason] = useState<string | null>(null);
  const [diploma, setDiploma] = useState('');
  const [hired, setHired] = useState(true);
  const [unitId, setUnit] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const occurredOn = parseDisplayDate(date);
    if (!occurredOn) return setErrors({ occurredOn: 'dd/mm/aaaa' });
    try {
      await api.post(`/people/residents/${residentId}/transitions`, {
        kind, occurredOn, version, reason: kind === 'baja' ? reason : null, note: note || null,
        diplomaNumber: kind === 'egreso' || kind === 'diploma' ? diploma : null, hired: kind === 'contratacion' ? hired : null, hiredUnitId: kind === 'contratacion' && hired && unitId ? Number(unitId) : null,
      });
      notifications.show({ color: 'green', message: t('movement.saved') });
      setErrors({});
      setGeneral(null);
      onDone();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setGeneral(err.message);
      setErrors(fieldErrors(err));
    }
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={3} size="h5">{t('movement.title')}</Title>
          {general && <Alert color="red" role="alert">{general}</Alert>}
          <Group align="start" wrap="wrap">
            <Select label={t('movement.kind')} data={KINDS.map((k) => ({ value: k, label: k === 'diploma' ? t('movement.kind.diploma') : k }))} value={kind} onChange={setKind} w={kind === 'diploma' ? 320 : 180} />
            <TextInput label={t('movement.date')} placeholder="dd/mm/aaaa" value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.occurredOn} w={180} />
            {kind === 'baja' && <Select label={t('movement.reason')} data={REASONS} value={reason} onChange={setReason} error={errors.reason} w={180} />}
            {(kind === 'egreso' || kind === 'diploma') && <TextInput label={t('movement.diploma')} value={diploma} onChange={(e) => setDiploma(e.currentTarget.value)} error={errors.diplomaNumber} />}
            {kind === 'contratacion' && <Checkbox mt="xl" label={t('movement.hired')} checked={hired} onChange={(e) => setHired(e.currentTarget.checked)} />}
            {kind === 'contratacion' && hired && <div style={{ width: 300 }}><RefSelect name="hiredUnitId" label={t('movement.hiredUnit')} path="/catalog/units" display="name" value={unitId} onChange={setUnit} error={errors.hiredUnitId} /></div>}
          </Group>
          <TextInput label={t('movement.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button type="submit" w="fit-content">{t('movement.save')}</Button>
        </Stack>
      </form>
    </Paper>
  );
}
