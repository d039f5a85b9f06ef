import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useSession } from '../access/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { PublishCode } from './PublishCode.tsx';

type Code = { id: number; code: string; edition: string; title: string; body: string; publishedOn: string; acknowledgedAt: string | null };

/** The institutional codes of conduct and ethics; each user records having read each edition. */
export function CodesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const codes = useQuery({ queryKey: ['conduct-codes'], queryFn: () => api.get<Code[]>('/wellbeing/conduct/codes') });
  const ack = async (id: number) => {
    await api.post(`/wellbeing/conduct/codes/${id}/acknowledge`);
    await codes.refetch();
  };
  return (
    <Stack maw={760}>
      <Title order={2}>{t('codes.title')}</Title>
      {codes.data?.length === 0 && <Text c="dimmed">{t('codes.none')}</Text>}
      {codes.data?.map((c) => (
        <Paper key={c.id} withBorder p="md" data-testid="conduct-code">
          <Title order={3} size="h4">{c.title} ({c.edition})</Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Text>
          {c.acknowledgedAt ? <Text size="sm" c="teal" mt="xs">{t('codes.acked', { date: formatDate(c.acknowledgedAt.slice(0, 10)) })}</Text> : <Button mt="xs" onClick={() => ack(c.id)}>{t('codes.ack')}</Button>}
        </Paper>
      ))}
      {can('conduct.publish') && <PublishCode onPublished={() => codes.refetch()} />}
    </Stack>
  );
}
