import { Alert, Anchor, Group, NativeSelect, Paper, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../access/session.tsx';
import { api, qs } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';
import { Bars } from '../ui/Bars.tsx';

type Progress = { grade: number; rows: { group: string; required: number; done: number; missing: number; percent: number; expectedNow: number }[] };
type Behind = { residents: { residentId: number; fullName: string; grade: number; behind: { group: string; expected: number; done: number; missing: number }[] }[]; total: number };

/** A resident sees their progress; professors and coordinators also see who in a sede is behind. */
export function ProgressPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const context = useQuery({ queryKey: ['activity-context'], queryFn: () => api.get<{ residents: { residentId: number }[] }>('/activity/context') });
  const residentId = context.data?.residents[0]?.residentId;
  const progress = useQuery({ queryKey: ['activity-progress', residentId], enabled: Boolean(residentId), queryFn: () => api.get<Progress>(`/activity/progress${qs({ residentId })}`) });
  const sedeIds = [...new Set((user?.grants ?? []).map((g) => (g as { sedeId?: number | null }).sedeId).filter((s): s is number => Boolean(s)))];
  const [sedeId, setSedeId] = useState<string>(sedeIds[0] ? String(sedeIds[0]) : '');
  const behind = useQuery({ queryKey: ['activity-behind', sedeId], enabled: Boolean(sedeId), queryFn: () => api.get<Behind>(`/activity/behind${qs({ sedeId })}`) });
  const kind = (g: string) => t(`kind.${g}` as MessageKey);
  return (
    <Stack maw={860}>
      <Title order={2}>{t('activity.progressTitle')}</Title>
      {progress.data && (
        <Paper withBorder p="md">
          <Bars label={t('activity.progressTitle')} bars={progress.data.rows.map((r) => ({ label: kind(r.group), value: r.done, target: r.required }))} />
          <Table mt="md" striped>
            <Table.Thead><Table.Tr><Table.Th>{t('activity.kind')}</Table.Th><Table.Th>{t('activity.done')}</Table.Th><Table.Th>{t('activity.expectedNow')}</Table.Th><Table.Th>{t('activity.required')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{progress.data.rows.map((r) => <Table.Tr key={r.group}><Table.Td>{kind(r.group)}</Table.Td><Table.Td>{r.done}</Table.Td><Table.Td>{r.expectedNow}</Table.Td><Table.Td>{r.required}</Table.Td></Table.Tr>)}</Table.Tbody>
          </Table>
        </Paper>
      )}
      {sedeIds.length > 0 && (
        <Paper withBorder p="md">
          <Group justify="space-between" align="end">
            <Title order={3} size="h4">{t('activity.behindTitle')}</Title>
            {sedeIds.length > 1 && <NativeSelect label={t('activity.sede')} value={sedeId} onChange={(e) => setSedeId(e.currentTarget.value)} data={sedeIds.map(String)} />}
            <Anchor href={`/api/v1/activity/behind/export.xlsx${qs({ sedeId })}`}>{t('activity.export')}</Anchor>
          </Group>
          {behind.data?.residents.length === 0 && <Alert color="green" mt="sm">{t('activity.noneBehind')}</Alert>}
          <Table mt="sm" striped>
            <Table.Tbody>
              {behind.data?.residents.map((r) => (
                <Table.Tr key={r.residentId}>
                  <Table.Td>{r.fullName} (R{r.grade})</Table.Td>
                  <Table.Td>{r.behind.map((b) => `${kind(b.group)}: ${b.done}/${b.expected}`).join(' · ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
