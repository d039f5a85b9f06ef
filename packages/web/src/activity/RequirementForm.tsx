import { Alert, Button, Group, NumberInput, Paper, Select, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ACTIVITY_KINDS } from '@sirem/core';
import { requirementInput } from '@sirem/core/activity/requirements';
import { type FormEvent, useState } from 'react';
import { api, ApiError, fieldErrors } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';
import { openCycles } from './requirement-dates.ts';

/** National level sets a specialty's minimum for a grade and group from a cycle on; the same schema checks it here and on the server. */
export function RequirementForm({ specialtyId, durationYears, onSaved }: { specialtyId: number; durationYears: number; onSaved: () => void }) {
  const { t } = useI18n();
  const cycles = openCycles();
  const [grade, setGrade] = useState<string | null>('1');
  const [group, setGroup] = useState<string | null>(null);
  const [minimum, setMinimum] = useState<number | string>('');
  const [validFrom, setValidFrom] = useState<string | null>(cycles[1]?.value ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const parsed = requirementInput.safeParse({ specialtyId, grade, group: group ?? undefined, minimum: minimum === '' ? undefined : Number(minimum), validFrom: validFrom ?? undefined });
    if (!parsed.success) return setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
    try {
      await api.post('/activity/requirements', parsed.data);
      notifications.show({ color: 'green', message: t('requirements.saved') });
      setErrors({});
      onSaved();
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
          <Title order={3} size="h5">{t('requirements.formTitle')}</Title>
          {general && <Alert color="red" role="alert">{general}</Alert>}
          <Group align="start" wrap="wrap">
            <Select label={t('requirements.grade')} name="grade" w={100} value={grade} onChange={setGrade} error={errors.grade}
              data={Array.from({ length: durationYears }, (_, i) => ({ value: String(i + 1), label: t('requirements.gradeN', { n: i + 1 }) }))} />
            <Select label={t('requirements.group')} name="group" w={300} value={group} onChange={setGroup} error={errors.group} searchable
              data={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as MessageKey) }))} />
            <NumberInput label={t('requirements.minimum')} name="minimum" w={130} min={1} allowDecimal={false} value={minimum} onChange={setMinimum} error={errors.minimum} />
            <Select label={t('requirements.validFrom')} name="validFrom" w={260} value={validFrom} onChange={setValidFrom} error={errors.validFrom}
              data={cycles.map((c) => ({ value: c.value, label: t('requirements.cycleFrom', { date: c.date, code: c.code }) }))} />
          </Group>
          <Button type="submit" w="fit-content">{t('requirements.save')}</Button>
        </Stack>
      </form>
    </Paper>
  );
}
