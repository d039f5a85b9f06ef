import { Alert, Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { personUpdateInput } from '@sirem/core';
import { useState } from 'react';
import { api, ApiError, fieldErrors, issueErrors } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';

export type PersonRecord = {
  id: number; keyType: string; nationality: string; email: string | null; phone: string | null; matricula: string | null;
  cedulaLicenciatura: string | null; cedulaLicenciaturaVerified: boolean; cedulaEspecialidad: string | null; cedulaEspecialidadVerified: boolean; version: number;
};
type Values = Omit<Record<keyof PersonRecord, string>, 'cedulaLicenciaturaVerified' | 'cedulaEspecialidadVerified'> & { cedulaLicenciaturaVerified: boolean; cedulaEspecialidadVerified: boolean };

const CONTACT: [keyof Values, MessageKey][] = [['email', 'person.email'], ['phone', 'person.phone']];
const RECORD: [keyof Values, MessageKey][] = [['nationality', 'person.nationality'], ['matricula', 'person.matricula']];
const CEDULAS: ['cedulaLicenciatura' | 'cedulaEspecialidad', MessageKey][] = [['cedulaLicenciatura', 'person.cedulaLicenciatura'], ['cedulaEspecialidad', 'person.cedulaEspecialidad']];

const valuesOf = (p: PersonRecord): Values => ({
  id: String(p.id), keyType: p.keyType, version: String(p.version), nationality: p.nationality, email: p.email ?? '', phone: p.phone ?? '', matricula: p.matricula ?? '',
  cedulaLicenciatura: p.cedulaLicenciatura ?? '', cedulaLicenciaturaVerified: p.cedulaLicenciaturaVerified, cedulaEspecialidad: p.cedulaEspecialidad ?? '', cedulaEspecialidadVerified: p.cedulaEspecialidadVerified,
});

/**
 * A resident's contact details and cédulas with their manual verification. A coordinator edits
 * every field; a resident edits only their own e-mail and phone (`mode="contact"`).
 */
export function PersonCard({ person, mode, onSaved }: { person: PersonRecord; mode: 'all' | 'contact' | 'none'; onSaved: () => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm<Values>({ initialValues: valuesOf(person) });
  const [version, setVersion] = useState(person.version);
  const open = () => {
    form.setValues(valuesOf(person));
    form.clearErrors();
    setVersion(person.version);
    setGeneral(null);
    setEditing(true);
  };
  const submit = form.onSubmit(async (v) => {
    const text = (k: keyof Values) => (String(v[k]).trim() === '' ? null : String(v[k]).trim());
    const body = mode === 'all'
      ? { email: text('email'), phone: text('phone'), nationality: text('nationality') ?? undefined, matricula: text('matricula'), cedulaLicenciatura: text('cedulaLicenciatura'), cedulaLicenciaturaVerified: v.cedulaLicenciaturaVerified, cedulaEspecialidad: text('cedulaEspecialidad'), cedulaEspecialidadVerified: v.cedulaEspecialidadVerified, version }
      : { email: text('email'), phone: text('phone'), version };
    const parsed = personUpdateInput.safeParse(body);
    if (!parsed.success) return form.setErrors(issueErrors(parsed.error.issues));
    try {
      await api.patch(`/people/persons/${person.id}`, body);
      notifications.show({ color: 'green', message: t('person.saved') });
      setEditing(false);
      onSaved();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setGeneral(err.code === 'version_conflict' ? `${err.message} ${t('person.stale')}` : err.message);
      form.setErrors(fieldErrors(err));
      if (err.code === 'version_conflict' && err.current) {
        form.setValues(valuesOf(err.current as PersonRecord));
        setVersion((err.current as PersonRecord).version);
      }
    }
  });
  const badge = (number: string | null, verified: boolean) =>
    !number ? <Text c="dimmed">{t('person.none')}</Text> : <Group gap="xs"><Text>{number}</Text><Badge color={verified ? 'teal' : 'gray'} variant="light">{t(verified ? 'person.verified' : 'person.unverified')}</Badge></Group>;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">{t('person.title')}</Title>
        {mode !== 'none' && !editing && <Button size="compact-sm" variant="light" onClick={open}>{t('person.edit')}</Button>}
      </Group>
      {!editing ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {CONTACT.map(([k, label]) => <Group key={k} gap="xs"><Text fw={600} w={200}>{t(label)}</Text><Text>{String(person[k as keyof PersonRecord] ?? '')}</Text></Group>)}
          {CEDULAS.map(([k, label]) => <Group key={k} gap="xs" data-testid={`person-${k}`}><Text fw={600} w={200}>{t(label)}</Text>{badge(person[k], person[`${k}Verified`])}</Group>)}
        </SimpleGrid>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {general && <Alert color="red" role="alert">{general}</Alert>}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {[...CONTACT, ...(mode === 'all' ? RECORD : [])].map(([k, label]) => <TextInput key={k} label={t(label)} {...form.getInputProps(k)} />)}
              {mode === 'all' && CEDULAS.map(([k, label]) => (
                <Stack key={k} gap={4}>
                  <TextInput label={t(label)} {...form.getInputProps(k)} />
                  <Checkbox label={t('person.markVerified')} {...form.getInputProps(`${k}Verified`, { type: 'checkbox' })} />
                </Stack>
              ))}
            </SimpleGrid>
            <Group>
              <Button type="submit">{t('common.save')}</Button>
              <Button variant="default" onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
