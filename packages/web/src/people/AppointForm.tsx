import { Alert, Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FACULTY_ROLES, checkCurp, parseDisplayDate } from '@sirem/core';
import { type FormEvent, useState } from 'react';
import { api, ApiError, fieldErrors } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { roleKey } from './faculty-roles.ts';
import { SearchSelect } from './SearchSelect.tsx';

type FacultyHit = { personId: number; fullName: string; curp: string | null };
const NAME_FIELDS = [['givenNames', 'enrol.givenNames'], ['firstSurname', 'enrol.firstSurname'], ['secondSurname', 'enrol.secondSurname']] as const;

/** The person a new Mexican appointee is registered as; sex and birth date come from the CURP so they cannot contradict it. */
function newPerson(v: Record<string, string>) {
  const curp = (v.curp ?? '').trim().toUpperCase();
  const check = checkCurp(curp);
  const facts = check.ok ? check.facts : null;
  return { keyType: 'curp', curp, givenNames: v.givenNames, firstSurname: v.firstSurname, secondSurname: v.secondSurname || null, sex: facts?.sex, birthDate: facts?.birthDate, nationality: 'MEX' };
}

/** Appoints a registered person (found by name or CURP) or a new one as titular, adjunto or tutor of the sede. */
export function AppointForm({ sedeId, onDone, onCancel }: { sedeId: number; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [role, setRole] = useState<string | null>('adjunto');
  const [mode, setMode] = useState('search');
  const [personId, setPerson] = useState<string | null>(null);
  const [v, setV] = useState<Record<string, string>>({});
  const [startsOn, setStartsOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const field = (name: string) => ({ value: v[name] ?? '', onChange: (e: { currentTarget: HTMLInputElement }) => setV({ ...v, [name]: e.currentTarget.value }), error: errors[`person.${name}`] });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const start = parseDisplayDate(startsOn);
    const local: Record<string, string> = {};
    if (!start) local.startsOn = t('faculty.badDate');
    if (mode === 'search' && !personId) local.personId = t('faculty.pickPerson');
    if (Object.keys(local).length) return setErrors(local);
    try {
      await api.post('/people/faculty', { sedeId, role, startsOn: start, ...(mode === 'search' ? { personId: Number(personId) } : { person: newPerson(v) }) });
      notifications.show({ color: 'green', message: t('faculty.appointed') });
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
          <Title order={4} size="h6">{t('faculty.appoint')}</Title>
          {general && <Alert color="red" role="alert">{general}</Alert>}
          <Group align="start" wrap="wrap">
            <Select label={t('faculty.role')} name="role" data={FACULTY_ROLES.map((r) => ({ value: r, label: t(roleKey(r)) }))} value={role} onChange={setRole} error={errors.role} required w={200} />
            <TextInput label={t('faculty.startsOn')} name="startsOn" placeholder="dd/mm/aaaa" value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={errors.startsOn} required w={160} />
          </Group>
          <SegmentedControl w="fit-content" value={mode} onChange={setMode} data={[{ value: 'search', label: t('faculty.searchPerson') }, { value: 'new', label: t('faculty.newPerson') }]} />
          {mode === 'search' ? (
            <SearchSelect<FacultyHit> label={t('faculty.person')} name="personId" path="/people/faculty" value={personId} onChange={setPerson} error={errors.personId} required
              toOption={(r) => ({ value: String(r.personId), label: `${r.fullName}${r.curp ? ` · ${r.curp}` : ''}` })} />
          ) : (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('enrol.curp')} name="curp" {...field('curp')} error={errors['person.curp'] ?? errors['person.sex'] ?? errors['person.birthDate']} required />
                {NAME_FIELDS.map(([name, label]) => <TextInput key={name} label={t(label)} name={name} {...field(name)} required={name !== 'secondSurname'} />)}
              </SimpleGrid>
              <Text size="sm" c="dimmed">{t('faculty.newPersonHint')}</Text>
            </>
          )}
          <Group>
            <Button type="submit">{t('common.save')}</Button>
            <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
