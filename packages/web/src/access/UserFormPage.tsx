import { Alert, Button, Checkbox, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { createUserInput } from '@sirem/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { api, ApiError, fieldErrors, issueErrors } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { type GrantDraft, GrantsEditor } from './GrantsEditor.tsx';

type User = { id: number; username: string; displayName: string; email: string | null; active: boolean; version: number; grants: GrantDraft[] };

/** Create a user (with a temporary password) or edit one: name, e-mail, active, roles with scope. */
export function UserFormPage({ id }: { id: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const isNew = id === 'new';
  const user = useQuery({ queryKey: ['/access/users', id], enabled: !isNew, queryFn: () => api.get<User>(`/access/users/${id}`) });
  const [form, setForm] = useState({ username: '', displayName: '', email: '', password: '', personKey: '', active: true });
  const [grants, setGrants] = useState<GrantDraft[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [reset, setReset] = useState('');
  useEffect(() => {
    if (user.data) {
      setForm({ username: user.data.username, displayName: user.data.displayName, email: user.data.email ?? '', password: '', personKey: '', active: user.data.active });
      setGrants(user.data.grants);
    }
  }, [user.data]);
  const fail = (err: unknown) => {
    if (!(err instanceof ApiError)) throw err;
    setGeneral(err.message);
    setErrors(fieldErrors(err));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload = { displayName: form.displayName, email: form.email || null, grants };
    try {
      if (isNew) {
        const body = { ...payload, username: form.username, password: form.password, personKey: form.personKey || null };
        const parsed = createUserInput.safeParse(body);
        if (!parsed.success) return setErrors(issueErrors(parsed.error.issues));
        const created = await api.post<User>('/access/users', body);
        await navigate({ to: `/admin/users/${created.id}` });
      } else await api.patch<User>(`/access/users/${id}`, { ...payload, active: form.active, version: user.data?.version });
      notifications.show({ color: 'green', message: t(isNew ? 'common.created' : 'common.saved') });
      setErrors({});
      setGeneral(null);
      await client.invalidateQueries({ queryKey: ['/access/users'] });
    } catch (err) {
      fail(err);
    }
  };
  const resetPassword = async () => {
    try {
      await api.post(`/access/users/${id}/password-reset`, { password: reset });
      notifications.show({ color: 'green', message: t('common.saved') });
      setReset('');
    } catch (err) {
      fail(err);
    }
  };
  // Read the value now: React clears the event's currentTarget before a deferred state update runs.
  const set = (k: keyof typeof form) => (e: { currentTarget: HTMLInputElement }) => {
    const value = k === 'active' ? e.currentTarget.checked : e.currentTarget.value;
    setForm((f) => ({ ...f, [k]: value }));
  };
  return (
    <Stack>
      <Button component={Link} to="/admin/users" variant="subtle" size="compact-sm" w="fit-content">← {t('common.back')}</Button>
      <Title order={2}>{isNew ? `${t('common.new')}: ${t('users.username').toLowerCase()}` : form.username}</Title>
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            {general && <Alert color="red" role="alert">{general}</Alert>}
            {isNew && <TextInput label={t('users.username')} value={form.username} onChange={set('username')} error={errors.username} required />}
            <TextInput label={t('users.name')} value={form.displayName} onChange={set('displayName')} error={errors.displayName} required />
            <TextInput label={t('users.email')} type="email" value={form.email} onChange={set('email')} error={errors.email} />
            {isNew && <TextInput label={t('users.personKey')} value={form.personKey} onChange={set('personKey')} error={errors.personKey} />}
            {isNew && <PasswordInput label={t('users.password')} value={form.password} onChange={set('password')} error={errors.password} required />}
            {!isNew && <Checkbox label={t('users.active')} checked={form.active} onChange={set('active')} />}
            <GrantsEditor value={grants} onChange={setGrants} errors={errors} />
            <Group><Button type="submit">{t('common.save')}</Button></Group>
          </Stack>
        </form>
      </Paper>
      {!isNew && (
        <Paper withBorder p="md">
          <Text fw={600} mb="xs">{t('users.resetPassword')}</Text>
          <Group align="end">
            <PasswordInput label={t('users.password')} value={reset} onChange={(e) => setReset(e.currentTarget.value)} error={errors.password} />
            <Button variant="light" onClick={resetPassword} disabled={!reset}>{t('users.resetPassword')}</Button>
          </Group>
        </Paper>
      )}
    </Stack>
  );
}
