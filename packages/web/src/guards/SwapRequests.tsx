import { Alert, Badge, Button, Group, Paper, Table, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

type Swap = { id: number; requesterResidentId: number; requesterDate: string; partnerResidentId: number; partnerDate: string; status: string };

/** Pending swap requests of a published roster, for the jefe de servicio to approve or reject. */
export function SwapRequests({ rosterId, names, onDecided }: { rosterId: number; names: Map<number, string>; onDecided: (rosterId?: number) => void }) {
  const { t } = useI18n();
  const swaps = useQuery({ queryKey: ['swaps', rosterId], queryFn: () => api.get<Swap[]>(`/guards/swaps?rosterId=${rosterId}`) });
  const [error, setError] = useState<string | null>(null);
  if (!swaps.data?.length) return null;
  const decide = async (id: number, status: 'aprobado' | 'rechazado') => {
    setError(null);
    try {
      const r = await api.post<{ rosterId?: number }>(`/guards/swaps/${id}/decision`, { status });
      await swaps.refetch();
      onDecided(r.rosterId);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="xs">{t('swap.title')}</Title>
      {error && <Alert color="red" role="alert" mb="xs">{error}</Alert>}
      <Table>
        <Table.Tbody>
          {swaps.data.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{names.get(s.requesterResidentId)} ({formatDate(s.requesterDate)}) ⇄ {names.get(s.partnerResidentId)} ({formatDate(s.partnerDate)})</Table.Td>
              <Table.Td><Badge>{s.status}</Badge></Table.Td>
              <Table.Td>{s.status === 'solicitado' && <Group gap="xs"><Button size="compact-xs" color="green" onClick={() => decide(s.id, 'aprobado')}>{t('swap.approve')}</Button><Button size="compact-xs" variant="default" onClick={() => decide(s.id, 'rechazado')}>{t('swap.reject')}</Button></Group>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
