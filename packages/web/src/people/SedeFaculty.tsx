import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Page } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { AppointForm } from './AppointForm.tsx';
import { EndAppointmentModal } from './EndAppointmentModal.tsx';
import { roleKey } from './faculty-roles.ts';
import { TutorAssignForm } from './TutorAssignForm.tsx';

type Appointment = { id: number; personId: number; fullName: string; role: string; startsOn: string; endsOn: string | null; version: number };
const ORDER: Record<string, number> = { titular: 0, adjunto: 1, tutor: 2 };

/** The sede's current titular, adjuntos and tutors; coordinators whose scope covers the sede appoint, end and assign tutors here. */
export function SedeFaculty({ sedeId }: { sedeId: number }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [form, setForm] = useState<'appoint' | 'tutor' | null>(null);
  const [endingId, setEnding] = useState<number | null>(null);
  const list = useQuery({ queryKey: ['/people/faculty', { sedeId }], queryFn: () => api.get<Page<Appointment>>(`/people/faculty?sedeId=${sedeId}&current=true&limit=200`) });
  const access = useQuery({ queryKey: ['/people/faculty/access', sedeId], queryFn: () => api.get<{ canManage: boolean }>(`/people/faculty/access?sedeId=${sedeId}`) });
  const canManage = access.data?.canManage === true;
  const rows = [...(list.data?.items ?? [])].sort((a, b) => (ORDER[a.role] ?? 3) - (ORDER[b.role] ?? 3));
  const refresh = () => client.invalidateQueries({ queryKey: ['/people/faculty'] });
  const done = async () => {
    setForm(null);
    await Promise.all([refresh(), client.invalidateQueries({ queryKey: ['/catalog/sedes'] })]);
  };
  return (
    <Paper withBorder p="md">
      <Stack>
        <Group justify="space-between">
          <Title order={3} size="h5">{t('faculty.title')}</Title>
          {canManage && (
            <Group gap="xs">
              <Button size="xs" onClick={() => setForm('appoint')}>{t('faculty.appoint')}</Button>
              <Button size="xs" variant="light" onClick={() => setForm('tutor')}>{t('faculty.assignTutor')}</Button>
            </Group>
          )}
        </Group>
        {canManage && form === 'appoint' && <AppointForm sedeId={sedeId} onDone={done} onCancel={() => setForm(null)} />}
        {canManage && form === 'tutor' && <TutorAssignForm sedeId={sedeId} tutors={rows.filter((a) => a.role === 'tutor')} onDone={done} onCancel={() => setForm(null)} />}
        {rows.length === 0 ? <Text c="dimmed">{t('common.empty')}</Text> : (
          <Table>
            <Table.Tbody>
              {rows.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{t(roleKey(a.role))}</Table.Td>
                  <Table.Td>{a.fullName}</Table.Td>
                  <Table.Td>{formatDate(a.startsOn)}{a.endsOn ? ` – ${formatDate(a.endsOn)}` : ''}</Table.Td>
                  {canManage && <Table.Td><Button size="compact-xs" variant="subtle" color="orange" onClick={() => setEnding(a.id)}>{t('faculty.end')}</Button></Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <EndAppointmentModal appointment={rows.find((a) => a.id === endingId) ?? null} onClose={() => setEnding(null)} onDone={refresh} />
    </Paper>
  );
}
