import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { formatDate, parseDisplayDate } from '@sirem/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../access/session.tsx';
import { api, ApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';
import { SearchSelect } from '../people/SearchSelect.tsx';

type ResidentHit = { id: number; fullName: string; curp: string | null; tempKey: string | null; grade: number };
type Absence = { id: number; residentId: number; fullName: string; kind: string; startsOn: string; endsOn: string; status: string; version: number };
const KINDS = ['vacaciones', 'incapacidad', 'maternidad', 'paternidad', 'academica'];
const COLOR: Record<string, string> = { solicitada: 'yellow', aprobada: 'green', rechazada: 'gray' };

/** Residents ask for vacations and leaves; coordinators register them for a resident, approve or reject. Approved absences block guardias. */
export function AbsencesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['absences'], queryFn: () => api.get<Absence[]>('/rotations/absences') });
  const mine = useQuery({ queryKey: ['my-guards'], enabled: can('absences.request'), queryFn: () => api.get<{ residentIds: number[] }>('/guards/my') });
  const [form, setForm] = useState({ kind: 'vacaciones', from: '', to: '' });
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      await client.invalidateQueries({ queryKey: ['absences'] });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const manager = can('rotations.manage');
  const [picked, setPicked] = useState<string | null>(null);
  const residentId = manager ? (picked ? Number(picked) : undefined) : mine.data?.residentIds.at(-1);
  const kindLabel = (k: string) => t(`absences.kind.${k}` as MessageKey);
  const submit = () => {
    if (!residentId) return setError(t('absences.pickResident'));
    return run(() => api.post('/rotations/absences', { residentId, kind: form.kind, startsOn: parseDisplayDate(form.from) ?? form.from, endsOn: parseDisplayDate(form.to) ?? form.to }));
  };
  return (
    <Stack>
      <Title order={2}>{t('absences.title')}</Title>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {(manager || residentId) && (
        <Paper withBorder p="md">
          {manager && <Title order={3} size="h5" mb="xs">{t('absences.registerTitle')}</Title>}
          <Group align="end" wrap="wrap">
            {manager && (
              <SearchSelect<ResidentHit> label={t('absences.resident')} name="residentId" path="/people/residents" params={{ status: 'activo' }} value={picked} onChange={setPicked} required
                toOption={(r) => ({ value: String(r.id), label: `${r.fullName} · R${r.grade} · ${r.curp ?? r.tempKey ?? ''}` })} />
            )}
            <Select label={t('absences.kind')} data={KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} value={form.kind} onChange={(v) => setForm({ ...form, kind: v ?? 'vacaciones' })} w={200} />
            <TextInput label={t('plan.from')} placeholder="dd/mm/aaaa" value={form.from} onChange={(e) => setForm({ ...form, from: e.currentTarget.value })} w={140} />
            <TextInput label={t('plan.to')} placeholder="dd/mm/aaaa" value={form.to} onChange={(e) => setForm({ ...form, to: e.currentTarget.value })} w={140} />
            <Button onClick={submit}>{manager ? t('absences.register') : t('absences.request')}</Button>
          </Group>
        </Paper>
      )}
      <Paper withBorder>
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead><Table.Tr><Table.Th>{t('plan.resident')}</Table.Th><Table.Th>{t('absences.kind')}</Table.Th><Table.Th>{t('plan.from')}</Table.Th><Table.Th>{t('plan.to')}</Table.Th><Table.Th>{t('common.status')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
            <Table.Tbody>
              {list.data?.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.fullName}</Table.Td><Table.Td>{kindLabel(a.kind)}</Table.Td><Table.Td>{formatDate(a.startsOn)}</Table.Td><Table.Td>{formatDate(a.endsOn)}</Table.Td>
                  <Table.Td><Badge color={COLOR[a.status]}>{t(`absences.status.${a.status}` as MessageKey)}</Badge></Table.Td>
                  <Table.Td>
                    {manager && a.status === 'solicitada' && (
                      <Group gap="xs">
                        <Button size="compact-xs" color="green" onClick={() => run(() => api.post(`/rotations/absences/${a.id}/decision`, { status: 'aprobada', version: a.version }))}>{t('absences.approve')}</Button>
                        <Button size="compact-xs" variant="default" onClick={() => run(() => api.post(`/rotations/absences/${a.id}/decision`, { status: 'rechazada', version: a.version }))}>{t('absences.reject')}</Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
