import { Alert, Button, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { api, ApiError, fieldErrors } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from './session.tsx';

export function ChangePasswordPage() {
  const { t } = useI18n();
  const { user, refresh } = useSession();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const currentPassword = String(form.get('currentPassword'));
    const newPassword = String(form.get('newPassword'));
    if (newPassword !== String(form.get('confirm'))) return setErrors({ confirm: t('password.mismatch') });
    try {
      await api.post('/auth/password', { currentPassword, newPassword });
      notifications.show({ color: 'green', message: t('password.saved') });
      setErrors({});
      setGeneral(null);
      await refresh();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setGeneral(err.message);
      setErrors(fieldErrors(err));
    }
  };
  return (
    <Paper withBorder p="lg" maw={460}>
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3">{t('password.title')}</Title>
          {user?.mustChangePassword && <Alert color="yellow">{t('password.forced')}</Alert>}
          {general && <Alert color="red" role="alert">{general}</Alert>}
          <PasswordInput name="currentPassword" label={t('password.current')} autoComplete="current-password" required error={errors.currentPassword} />
          <PasswordInput name="newPassword" label={t('password.new')} autoComplete="new-password" required error={errors.newPassword} />
          <PasswordInput name="confirm" label={t('password.confirm')} autoComplete="new-password" required error={errors.confirm} />
          <Button type="submit">{t('common.save')}</Button>
        </Stack>
      </form>
    </Paper>
  );
}
