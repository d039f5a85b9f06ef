import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { parseDisplayDate } from '@sirem/core';
import { type FormEvent, useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

export type EndableAppointment = { id: number; fullName: string; version: number };

/** Records the end date of one appointment; the server refuses a date before its start and a stale version. */
export function EndAppointmentModal({ appointment, onClose, onDone }: { appointment: EndableAppointment | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [endsOn, setEndsOn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const close = () => {
    setEndsOn('');
    setError(null);
    setGeneral(null);
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!appointment) return;
    const date = parseDisplayDate(endsOn);
    if (!date) return setError(t('faculty.badDate'));
    try {
      await api.post(`/people/faculty/${appointment.id}/end`, { endsOn: date, version: appointment.version });
      notifications.show({ color: 'green', message: t('faculty.ended') });
      close();
      onDone();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setGeneral(err.message);
      setError(err.errors.find((e) => e.field === 'endsOn')?.message ?? null);
      if (err.status === 409) onDone();
    }
  };
  return (
    <Modal opened={appointment !== null} onClose={close} title={appointment ? t('faculty.endTitle', { name: appointment.fullName }) : ''}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {general && <Alert color="red" role="alert">{general}</Alert>}
          <TextInput label={t('faculty.endsOn')} name="endsOn" placeholder="dd/mm/aaaa" value={endsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} error={error} required data-autofocus />
          <Group>
            <Button type="submit" color="orange">{t('faculty.end')}</Button>
            <Button variant="default" onClick={close}>{t('common.cancel')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
