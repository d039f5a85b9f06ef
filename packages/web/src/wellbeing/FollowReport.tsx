import { Alert, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';

type Followed = { folio: string; status: string; messages: { author: string; body: string }[] };

/** Anonymous follow-up: the key is sent in the body (never in the address, so it stays out of logs and history). */
export function FollowReport() {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [report, setReport] = useState<Followed | null>(null);
  const [reply, setReply] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<Followed>) => {
    setError(null);
    try {
      setReport(await fn());
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={3} size="h4">{t('conduct.follow')}</Title>
        <Group align="end">
          <TextInput label={t('conduct.followToken')} value={token} onChange={(e) => setToken(e.currentTarget.value)} style={{ flex: 1 }} />
          <Button variant="light" onClick={() => run(() => api.post('/wellbeing/conduct/follow', { token }))}>{t('conduct.followGo')}</Button>
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        {report && (
          <>
            <Text fw={600}>{report.folio} · {t(`conduct.status.${report.status}` as MessageKey)}</Text>
            {report.messages.map((m, i) => <Text key={i} size="sm">{t(`conduct.author.${m.author}` as MessageKey)}: {m.body}</Text>)}
            <Textarea label={t('conduct.reply')} value={reply} onChange={(e) => setReply(e.currentTarget.value)} autosize minRows={2} />
            <Button w="fit-content" variant="default" onClick={() => run(async () => { const r = await api.post<Followed>('/wellbeing/conduct/follow/messages', { token, body: reply }); setReply(''); return r; })}>{t('conduct.reply')}</Button>
          </>
        )}
      </Stack>
    </Paper>
  );
}
