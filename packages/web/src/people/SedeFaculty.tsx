import { Paper, Table, Text, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

type Appointment = { id: number; fullName: string; role: string; startsOn: string };
const ORDER: Record<string, number> = { titular: 0, adjunto: 1, tutor: 2 };

/** The sede's current titular, adjuntos and tutors. */
export function SedeFaculty({ sedeId }: { sedeId: number }) {
  const { t } = useI18n();
  const list = useQuery({ queryKey: ['/people/faculty', { sedeId }], queryFn: () => api.get<Page<Appointment>>(`/people/faculty?sedeId=${sedeId}&current=true&limit=200`) });
  const rows = [...(list.data?.items ?? [])].sort((a, b) => (ORDER[a.role] ?? 3) - (ORDER[b.role] ?? 3));
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="sm">{t('faculty.title')}</Title>
      {rows.length === 0 ? <Text c="dimmed">{t('common.empty')}</Text> : (
        <Table>
          <Table.Tbody>
            {rows.map((a) => <Table.Tr key={a.id}><Table.Td>{a.role}</Table.Td><Table.Td>{a.fullName}</Table.Td><Table.Td>{formatDate(a.startsOn)}</Table.Td></Table.Tr>)}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
