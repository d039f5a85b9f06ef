import { Alert, Button, Checkbox, Paper, SegmentedControl, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { enrolResidentInput, parseDisplayDate } from '@sirem/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, ApiError, fieldErrors, issueErrors } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';
import { RefSelect } from '../ui/RefSelect.tsx';

const TEXT_FIELDS: [string, MessageKey][] = [['givenNames', 'enrol.givenNames'], ['firstSurname', 'enrol.firstSurname'], ['secondSurname', 'enrol.secondSurname']];
const CONTACT_FIELDS: [string, MessageKey][] = [['email', 'person.email'], ['phone', 'person.phone']];
const CEDULAS: ['cedulaLicenciatura' | 'cedulaEspecialidad', MessageKey][] = [['cedulaLicenciatura', 'person.cedulaLicenciatura'], ['cedulaEspecialidad', 'person.cedulaEspecialidad']];

/** Enrols one resident in a sede and cycle; CURP, sex and birth date are checked against each other. */
export function EnrolPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [keyType, setKeyType] = useState('curp');
  const [v, setV] = useState<Record<string, string>>({ nationality: 'MEX' });
  const [sex, setSex] = useState<string | null>(null);
  const [sedeId, setSede] = useState<string | null>(null);
  const [cycleId, setCycle] = useState<string | null>(null);
  const [grade, setGrade] = useState<string | null>('1');
  const [verified, setVerified] = useState({ cedulaLicenciatura: false, cedulaEspecialidad: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const field = (name: string) => ({ value: v[name] ?? '', onChange: (e: { currentTarget: HTMLInputElement }) => setV({ ...v, [name]: e.currentTarget.value }), error: errors[`person.${name}`] });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      person: { keyType, curp: keyType === 'curp' ? v.curp : null, tempKey: keyType === 'temporal' ? v.tempKey : null, givenNames: v.givenNames, firstSurname: v.firstSurname, secondSurname: v.secondSurname || null, sex: sex ?? undefined, birthDate: parseDisplayDate(v.birthDate ?? '') ?? v.birthDate, nationality: v.nationality || 'MEX', email: v.email || null, phone: v.phone || null, matricula: v.matricula || null,
        cedulaLicenciatura: v.cedulaLicenciatura || null, cedulaLicenciaturaVerified: verified.cedulaLicenciatura, cedulaEspecialidad: v.cedulaEspecialidad || null, cedulaEspecialidadVerified: verified.cedulaEspecialidad },
      sedeId: Number(sedeId), cycleId: Number(cycleId), grade: Number(grade), examFolio: v.examFolio || null, examScore: v.examScore ? Number(v.examScore) : null,
    };
    const parsed = enrolResidentInput.safeParse(body);
    if (!parsed.success) return setErrors(issueErrors(parsed.error.issues));
    try {
      const created = await api.post<{ id: number }>('/people/residents', body);
      notifications.show({ color: 'green', message: t('common.created') });
      await navigate({ to: `/people/residents/${created.id}` });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setGeneral(err.message);
      setErrors(fieldErrors(err));
    }
  };
  return (
    <Stack>
      <Button component={Link} to="/people/residents" variant="subtle" size="compact-sm" w="fit-content">← {t('common.back')}</Button>
      <Title order={2}>{t('enrol.title')}</Title>
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            {general && <Alert color="red" role="alert">{general}</Alert>}
            <SegmentedControl w="fit-content" value={keyType} onChange={setKeyType} data={[{ value: 'curp', label: t('enrol.curp') }, { value: 'temporal', label: t('enrol.tempKey') }]} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {keyType === 'curp' ? <TextInput label={t('enrol.curp')} {...field('curp')} required /> : <TextInput label={t('enrol.tempKey')} placeholder="TMP-2026-000001" {...field('tempKey')} required />}
              <TextInput label={t('residents.nationality')} {...field('nationality')} />
              {TEXT_FIELDS.map(([name, label]) => <TextInput key={name} label={t(label)} {...field(name)} required={name !== 'secondSurname'} />)}
              <Select label={t('enrol.sex')} data={['H', 'M']} value={sex} onChange={setSex} error={errors['person.sex']} required />
              <TextInput label={t('enrol.birthDate')} placeholder="dd/mm/aaaa" {...field('birthDate')} required />
              <TextInput label="Matrícula" {...field('matricula')} />
              {CONTACT_FIELDS.map(([name, label]) => <TextInput key={name} label={t(label)} {...field(name)} />)}
              {CEDULAS.map(([name, label]) => (
                <Stack key={name} gap={4}>
                  <TextInput label={t(label)} {...field(name)} />
                  <Checkbox label={t('person.markVerified')} checked={verified[name]} onChange={(e) => setVerified({ ...verified, [name]: e.currentTarget.checked })} />
                </Stack>
              ))}
              <RefSelect name="sedeId" label={t('enrol.sede')} path="/catalog/sedes" display={(r) => `${r.specialtyName} · ${r.unitName}`} value={sedeId} onChange={setSede} error={errors.sedeId} required />
              <RefSelect name="cycleId" label={t('enrol.cycle')} path="/catalog/cycles" display="code" value={cycleId} onChange={setCycle} error={errors.cycleId} required />
              <Select label={t('residents.grade')} data={['1', '2', '3', '4', '5', '6'].map((g) => ({ value: g, label: `R${g}` }))} value={grade} onChange={setGrade} error={errors.grade} required />
              <TextInput label={t('enrol.folio')} {...field('examFolio')} />
              <TextInput label={t('enrol.score')} {...field('examScore')} />
            </SimpleGrid>
            <Button type="submit" w="fit-content">{t('common.save')}</Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
