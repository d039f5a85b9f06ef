import { Alert, Anchor, Button, Checkbox, Group, NumberInput, Paper, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type Grant, resolveScope, servicesInUnit } from '@sirem/core';
import { useState } from 'react';
import { useSession } from '../access/session.tsx';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';
import { RefSelect } from '../ui/RefSelect.tsx';
import { rosterStatusKey } from './status.ts';

type Job = { status: string; progress: number; result: { status: string; rosterId?: number; explanation?: string[]; dayOff?: { requested: number; granted: number } } | null; error: string | null };
const TYPES: { key: 'weekday' | 'weekend' | 'holiday'; label: MessageKey }[] = [{ key: 'weekday', label: 'guards.weekday' }, { key: 'weekend', label: 'guards.weekend' }, { key: 'holiday', label: 'guards.holiday' }];
const GRADES = [1, 2, 3, 4];
const nextMonth = () => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 7);
};

/** Choose unit, services, month and coverage; the roster is computed in the background with progress. */
export function GeneratePage() {
  const { t } = useI18n();
  const [unitId, setUnit] = useState<string | null>(null);
  const [serviceIds, setServices] = useState<string[]>([]);
  const [month, setMonth] = useState(nextMonth());
  const [coverage, setCoverage] = useState<Record<string, Record<number, number>>>({ weekday: { 1: 1, 2: 1 }, weekend: { 1: 1, 2: 1 }, holiday: { 1: 1, 2: 1 } });
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { user } = useSession();
  const services = useQuery({ queryKey: ['services', unitId], enabled: Boolean(unitId), queryFn: () => api.get<{ items: { id: number; name: string }[] }>(`/rotations/services?unitId=${unitId}&limit=200`) });
  // A jefe de servicio generates only for the services they head; a wider scope sees every service of the unit.
  const scope = resolveScope((user?.grants ?? []) as Grant[], 'guards.manage');
  const headed = scope.kind === 'some' && !scope.unitIds.length && !scope.ooadIds.length && unitId ? servicesInUnit(scope, Number(unitId)) : null;
  const offered = services.data?.items.filter((s) => !headed || headed.includes(s.id)) ?? [];
  const rosters = useQuery({ queryKey: ['rosters', unitId, job?.status], enabled: Boolean(unitId), queryFn: () => api.get<{ id: number; month: string; version: number; status: string }[]>(`/guards/rosters?unitId=${unitId}`) });
  const validMonth = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const asked = useQuery({ queryKey: ['day-off', unitId, month], enabled: Boolean(unitId) && validMonth, queryFn: () => api.get<{ id: number }[]>(`/guards/day-off-requests?unitId=${unitId}&month=${month}`) });
  const generate = async () => {
    setError(null);
    setJob(null);
    try {
      const body = { unitId: Number(unitId), serviceIds: serviceIds.map(Number), month, coverage };
      const { jobId } = await api.post<{ jobId: number }>('/guards/rosters/generate', body);
      for (;;) {
        const state = await api.get<Job>(`/guards/jobs/${jobId}`);
        setJob(state);
        if (state.status === 'done' || state.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 300));
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const set = (type: string, grade: number, value: number) => setCoverage((c) => ({ ...c, [type]: { ...c[type], [grade]: value } }));
  return (
    <Stack>
      <Title order={2}>{t('guards.title')}</Title>
      <Paper withBorder p="md">
        <Stack>
          <Group align="end" wrap="wrap">
            <div style={{ width: 360 }}><RefSelect name="unitId" label={t('guards.unit')} path="/catalog/units" display="name" value={unitId} onChange={(v) => { setUnit(v); setServices([]); }} required /></div>
            <TextInput label={t('guards.month')} value={month} onChange={(e) => setMonth(e.currentTarget.value)} w={130} />
          </Group>
          {Boolean(offered.length) && (
            <Checkbox.Group label={t('guards.services')} value={serviceIds} onChange={setServices}>
              <Group mt="xs">{offered.map((s) => <Checkbox key={s.id} value={String(s.id)} label={s.name} />)}</Group>
            </Checkbox.Group>
          )}
          <Text fw={600} size="sm">{t('guards.coverage')}</Text>
          <Table w="fit-content">
            <Table.Thead><Table.Tr><Table.Th>{t('guards.dayType')}</Table.Th>{GRADES.map((g) => <Table.Th key={g}>R{g}</Table.Th>)}</Table.Tr></Table.Thead>
            <Table.Tbody>
              {TYPES.map((type) => (
                <Table.Tr key={type.key}>
                  <Table.Th scope="row">{t(type.label)}</Table.Th>
                  {GRADES.map((g) => (
                    <Table.Td key={g}><NumberInput aria-label={`${t(type.label)} R${g}`} w={70} min={0} max={50} value={coverage[type.key]?.[g] ?? 0} onChange={(v) => set(type.key, g, Number(v) || 0)} /></Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {asked.data && <Text size="sm" c="dimmed" data-testid="day-off-asked">{t('guards.dayOffAsked', { month, n: asked.data.length })}</Text>}
          <Button w="fit-content" onClick={generate} disabled={!unitId || !serviceIds.length}>{t('guards.generate')}</Button>
          {job && job.status !== 'done' && job.status !== 'failed' && <><Text size="sm">{t('guards.generating')}</Text><Progress value={job.progress} animated aria-label={t('guards.generating')} /></>}
          {error && <Alert color="red" role="alert">{error}</Alert>}
          {job?.status === 'failed' && <Alert color="red" role="alert">{job.error}</Alert>}
          {job?.result?.status === 'infeasible' && (
            <Alert color="orange" title={t('guards.infeasible')} data-testid="infeasible">
              <Stack gap={4}>{job.result.explanation?.map((line) => <Text key={line} size="sm">{line}</Text>)}</Stack>
            </Alert>
          )}
          {job?.result?.dayOff && job.result.dayOff.requested > 0 && <Text size="sm">{t('guards.dayOffGranted', job.result.dayOff)}</Text>}
          {job?.result?.rosterId && <Anchor component={Link} to={`/guards/rosters/${job.result.rosterId}`}>{t('guards.open')}</Anchor>}
        </Stack>
      </Paper>
      {Boolean(rosters.data?.length) && (
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="sm">{t('guards.existing')}</Title>
          <Table>
            <Table.Thead><Table.Tr><Table.Th>{t('guards.month')}</Table.Th><Table.Th>{t('guards.version')}</Table.Th><Table.Th>{t('guards.status')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{rosters.data?.map((r) => <Table.Tr key={r.id}><Table.Td><Anchor component={Link} to={`/guards/rosters/${r.id}`}>{r.month}</Anchor></Table.Td><Table.Td>{r.version}</Table.Td><Table.Td>{t(rosterStatusKey(r.status))}</Table.Td></Table.Tr>)}</Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
