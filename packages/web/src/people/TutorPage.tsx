import { Anchor, Button, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

type Row = { id: number; fullName: string; grade: number; specialtyName: string; unitName: string };

/** The residents a tutor currently follows. */
export function TutorPage({ personId }: { personId: string }) {
  const { t } = useI18n();
  const list = useQuery({ queryKey: ['tutor', personId], queryFn: () => api.get<Row[]>(`/people/faculty/${personId}/residents`) });
  return (
    <>
      <Button component={Link} to="/people/faculty" variant="subtle" size="compact-sm" mb="sm">← {t('common.back')}</Button>
      <Title order={2} mb="md">{t('nav.residents')}</Title>
      <Paper withBorder p="md">
        {!list.data?.length ? <Text c="dimmed">{list.isLoading ? t('common.loading') : t('common.empty')}</Text> : (
          <Table>
            <Table.Tbody>
              {list.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td><Anchor component={Link} to={`/people/residents/${r.id}`}>{r.fullName}</Anchor></Table.Td>
                  <Table.Td>R{r.grade}</Table.Td><Table.Td>{r.specialtyName}</Table.Td><Table.Td>{r.unitName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </>
  );
}
