import { Paper, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

/** Residents who logged activity during the Jornada, within what the user may see. */
export function Participants({ jornadaId }: { jornadaId: string }) {
  const { t } = useI18n();
  const data = useQuery({ queryKey: ['jornada-participants', jornadaId], queryFn: () => api.get<{ items: { residentId: number; fullName: string; unitName: string; entries: number }[] }>(`/jornadas/${jornadaId}/participants`) });
  const items = data.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="xs">{t('jornadas.participants')}</Title>
      <Table.ScrollContainer minWidth={420} mah={320}>
        <Table striped>
          <Table.Tbody>
            {items.map((p) => <Table.Tr key={p.residentId}><Table.Td>{p.fullName}</Table.Td><Table.Td>{p.unitName}</Table.Td><Table.Td>{p.entries}</Table.Td></Table.Tr>)}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
