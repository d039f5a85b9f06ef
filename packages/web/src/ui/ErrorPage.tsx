import { Alert, Button, Stack } from '@mantine/core';
import { useI18n } from '../i18n/index.tsx';

/** Shown instead of a blank screen when a page fails: what happened, and a way back. */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useI18n();
  return (
    <Stack p="md" maw={640}>
      <Alert color="red" role="alert" title={t('common.errorTitle')}>{error instanceof Error ? error.message : String(error)}</Alert>
      <Button variant="default" w="fit-content" onClick={() => window.location.reload()}>{t('common.reload')}</Button>
    </Stack>
  );
}
