import { Alert, Badge, Button, Group, Paper, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { unitEvaluatorInput } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, fieldErrors, issueErrors } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

type Nurse = { id: number; username: string; displayName: string; active: boolean; version: number };
const EMPTY = { username: '', displayName: '', email: '', password: '' };

/** The unit's coordination registers nursing staff for the 360 evaluation; a course direction (sede scope) is refused, so the section stays hidden for it. */
export function NursesSection({ unitId, onChanged }: { unitId: number; onChanged: () => void }) {
  const { t } = useI18n();
  const list = useQuery({ queryKey: ['unit-evaluators', unitId], queryFn: () => api.get<Nurse[]>(`/evaluations/unit-evaluators?unitId=${unitId}`), retry: false });
  const form = useForm({ initialValues: EMPTY });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (list.error) return null;
  const refresh = async () => {
    await list.refetch();
    onChanged();
  };
  const submit = form.onSubmit(async (v) => {
    setMessage(null);
    const body = { ...v, email: v.email.trim() || null, unitId };
    const parsed = unitEvaluatorInput.safeParse(body);
    if (!parsed.success) return form.setErrors(issueErrors(parsed.error.issues));
    try {
      await api.post('/evaluations/unit-evaluators', body);
      form.setValues(EMPTY);
      setMessage({ ok: true, text: t('nurses.registered') });
      await refresh();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      form.setErrors(fieldErrors(err));
      setMessage({ ok: false, text: err.message });
    }
  });
  const end = async (n: Nurse) => {
    try {
      await api.post(`/evaluations/unit-evaluators/${n.id}/end`, { version: n.version });
      await refresh();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  return (
    <Paper withBorder p="sm" maw={900}>
      <Title order={3} size="h5">{t('nurses.title')}</Title>
      <Text size="xs" c="dimmed" mb="xs">{t('nurses.hint')}</Text>
      {!list.data?.length && <Text size="sm" c="dimmed">{t('nurses.none')}</Text>}
      {Boolean(list.data?.length) && (
        <Table mb="xs">
          <Table.Tbody>
            {list.data?.map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td>{n.displayName}</Table.Td>
                <Table.Td>{n.username}</Table.Td>
                <Table.Td>{n.active ? <Button size="compact-xs" variant="subtle" color="red" onClick={() => end(n)}>{t('nurses.end')}</Button> : <Badge color="gray">{t('nurses.ended')}</Badge>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Group align="start" grow>
            <TextInput label={t('nurses.name')} {...form.getInputProps('displayName')} />
            <TextInput label={t('nurses.username')} {...form.getInputProps('username')} />
          </Group>
          <Group align="start" grow>
            <TextInput label={t('nurses.email')} {...form.getInputProps('email')} />
            <PasswordInput label={t('nurses.password')} {...form.getInputProps('password')} />
          </Group>
          <Group><Button type="submit" size="xs">{t('nurses.register')}</Button></Group>
        </Stack>
      </form>
      {message && <Alert mt="xs" color={message.ok ? 'teal' : 'red'}>{message.text}</Alert>}
    </Paper>
  );
}
