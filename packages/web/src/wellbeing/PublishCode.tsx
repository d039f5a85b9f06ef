import { mexicoToday } from '@sirem/core';
import { Alert, Button, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

/** The centre publishes a new edition of the code of conduct or of ethics; everyone then acknowledges it. */
export function PublishCode({ onPublished }: { onPublished: () => void }) {
  const { t } = useI18n();
  const [f, setF] = useState({ code: 'conducta', edition: '', title: '', body: '', publishedOn: mexicoToday() });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) => setF({ ...f, [k]: e.currentTarget.value });
  const publish = async () => {
    setError(null);
    try {
      await api.post('/wellbeing/conduct/codes', f);
      setF({ ...f, edition: '', title: '', body: '' });
      onPublished();
    } catch (e) {
      setError(e instanceof ApiError ? [e.message, ...e.errors.map((x) => x.message)].join(' ') : String(e));
    }
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={3} size="h5">{t('codes.publish')}</Title>
        <Select label={t('codes.kind')} data={[{ value: 'conducta', label: t('codes.kind.conducta') }, { value: 'etica', label: t('codes.kind.etica') }]} value={f.code} onChange={(v) => setF({ ...f, code: v ?? 'conducta' })} />
        <TextInput label={t('codes.edition')} value={f.edition} onChange={set('edition')} />
        <TextInput label={t('codes.codeTitle')} value={f.title} onChange={set('title')} />
        <Textarea label={t('codes.body')} value={f.body} onChange={set('body')} autosize minRows={6} />
        <TextInput label={t('codes.publishedOn')} value={f.publishedOn} onChange={set('publishedOn')} />
        {error && <Alert color="red">{error}</Alert>}
        <Button w="fit-content" onClick={publish}>{t('codes.publish')}</Button>
      </Stack>
    </Paper>
  );
}
