import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { login } from './session.tsx';

export function LoginPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const user = await login(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
      client.setQueryData(['me'], user);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form onSubmit={submit}>
          <Stack>
            <div>
              <Title order={1} size="h2">{t('app.name')}</Title>
              <Text c="dimmed" size="sm">{t('app.tagline')}</Text>
            </div>
            <Title order={2} size="h4">{t('login.title')}</Title>
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <TextInput name="username" label={t('login.username')} autoComplete="username" required autoFocus />
            <PasswordInput name="password" label={t('login.password')} autoComplete="current-password" required />
            <Button type="submit" loading={busy}>{t('login.submit')}</Button>
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
