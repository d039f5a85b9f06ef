import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { parseDisplayDate } from '@sirem/core';
import { type FormEvent, useState } from 'react';
import { api, ApiError, fieldErrors } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { SearchSelect } from './SearchSelect.tsx';

type ResidentHit = { id: number; fullName: string; curp: string | null; tempKey: string | null; grade: number };
export type SedeTutor = { personId: number; fullName: string };

/** Gives a resident of the sede a tutor among the sede's current tutors; any previous tutorship ends on the start date. */
export function TutorAssignForm({ sedeId, tutors, onDone, onCancel }: { sedeId: number; tutors: SedeTutor[]; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [residentId, setResident] = useState<string | null>(null);
  const [tutorPersonId, setTutor] = useState<string | null>(null);
  const [startsOn, setStartsOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const start = parseDisplayDate(startsOn);
    const local: Record<string, string> = {};
    if (!residentId) local.residentId = t('faculty.pickResident');
    if (!tutorPersonId) local.tutorPersonId = t('faculty.pickTutor');
    if (!start) local.startsOn = t('faculty.badDate');
    if (Object.keys(local).length) return setErrors(local);
    try {
      await api.post(`/people/residents/${residentId}/tutor`, { tutorPersonId: Number(tutorPersonId), startsOn: start });
      notifications.show({ color: 'green', message: t('faculty.tutorAssigned') });
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
          <Title order={4} size="h6">{t('faculty.assignTutor')}</Title>
          {general && <Alert color="red" role="alert">{general}</Alert>}
          {tutors.length === 0 && <Text c="dimmed">{t('faculty.noTutors')}</Text>}
          <SearchSelect<ResidentHit> label={t('faculty.resident')} name="residentId" path="/people/residents" params={{ sedeId, status: 'activo' }} value={residentId} onChange={setResident} error={errors.residentId} required
            toOption={(r) => ({ value: String(r.id), label: `${r.fullName} · R${r.grade} · ${r.curp ?? r.tempKey ?? ''}` })} />
          <Group align="start" wrap="wrap">
            <Select label={t('faculty.tutor')} name="tutorPersonId" data={tutors.map((tu) => ({ value: String(tu.personId), label: tu.fullName }))} value={tutorPersonId} onChange={setTutor} error={errors.tutorPersonId} required w={320} />
            <TextInput label={t('faculty.startsOn')} name="tutorStartsOn" placeholder="dd/mm/aaaa" value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={errors.startsOn} required w={160} />
          </Group>
          <Group>
            <Button type="submit" disabled={tutors.length === 0}>{t('common.save')}</Button>
            <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
