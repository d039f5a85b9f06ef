import { Alert, Button, Group, Modal, Progress, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { DECISIONS } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/es.ts';
import { useI18n } from '../i18n/index.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';
import { AssignForm } from './AssignForm.tsx';
import { NursesSection } from './NursesSection.tsx';
import { ThesisPanel } from './ThesisPanel.tsx';

type Decision = { decision: string; rationale: string; version: number } | null;
type Activity = { required: number; done: number; percent: number | null; groups: number; groupsBehind: number } | null;
export type View = {
  unitId: number;
  cycle: { id: number; code: string };
  evaluators: { userId: number; name: string; kind: string }[];
  residents: { residentId: number; name: string; grade: number; quarters: { period: number; mean: number | null }[]; activity: Activity; absenceDays: number; thesis: { status: string } | null; decision: Decision }[];
};

/** Per sede and cycle: each resident's quarterly means, activity progress, absences, thesis and the committee's decision. */
export function CommitteePage() {
  const { t } = useI18n();
  const [sedeId, setSedeId] = useState<string | null>(null);
  const [cycleId, setCycleId] = useState<string | null>(null);
  const [thesisOf, setThesisOf] = useState<{ residentId: number; name: string } | null>(null);
  const view = useQuery({ queryKey: ['committee', sedeId, cycleId], enabled: Boolean(sedeId && cycleId), queryFn: () => api.get<View>(`/evaluations/committee?sedeId=${sedeId}&cycleId=${cycleId}`) });
  return (
    <Stack>
      <Title order={2}>{t('committee.title')}</Title>
      <Group align="end">
        <RefSelect name="sedeId" label={t('committee.sede')} path="/catalog/sedes" display={(r) => `${r.specialtyName} · ${r.unitName}`} value={sedeId} onChange={setSedeId} required />
        <RefSelect name="cycleId" label={t('committee.cycle')} path="/catalog/cycles" display="code" value={cycleId} onChange={setCycleId} required />
      </Group>
      {view.error && <Alert color="red">{(view.error as Error).message}</Alert>}
      {view.data && (
        <>
          <Table striped withTableBorder>
            <Table.Thead><Table.Tr><Table.Th>{t('committee.resident')}</Table.Th>{[1, 2, 3, 4].map((p) => <Table.Th key={p}>T{p}</Table.Th>)}<Table.Th>{t('committee.activity')}</Table.Th><Table.Th>{t('committee.absences')}</Table.Th><Table.Th>{t('committee.thesis')}</Table.Th><Table.Th>{t('committee.decision')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {view.data.residents.map((r) => (
                <Table.Tr key={r.residentId}>
                  <Table.Td>{r.name} (R{r.grade})</Table.Td>
                  {r.quarters.map((q) => <Table.Td key={q.period}>{q.mean ?? '—'}</Table.Td>)}
                  <Table.Td><ActivityCell activity={r.activity} /></Table.Td>
                  <Table.Td>{r.absenceDays}</Table.Td>
                  <Table.Td>
                    <Stack gap={2} align="start">
                      <Text size="sm">{r.thesis ? t(`thesis.status.${r.thesis.status}` as MessageKey) : t('committee.noThesis')}</Text>
                      <Button size="compact-xs" variant="light" aria-label={`${t('thesis.open')}: ${r.name}`} onClick={() => setThesisOf({ residentId: r.residentId, name: r.name })}>{t('thesis.open')}</Button>
                    </Stack>
                  </Table.Td>
                  <Table.Td><DecisionCell residentId={r.residentId} cycleId={view.data.cycle.id} decision={r.decision} onSaved={() => view.refetch()} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <AssignForm view={view.data} onAssigned={() => view.refetch()} />
          <NursesSection unitId={view.data.unitId} onChanged={() => view.refetch()} />
        </>
      )}
      <Modal opened={Boolean(thesisOf)} onClose={() => { setThesisOf(null); void view.refetch(); }} title={thesisOf?.name} size="lg">
        {thesisOf && <ThesisPanel residentId={thesisOf.residentId} canApprove />}
      </Modal>
    </Stack>
  );
}

function ActivityCell({ activity }: { activity: Activity }) {
  const { t } = useI18n();
  if (!activity || activity.percent == null) return <Text size="sm" c="dimmed">{t('committee.activityNone')}</Text>;
  return (
    <Stack gap={2}>
      <Progress value={activity.percent} size="sm" aria-hidden />
      <Text size="sm">{t('committee.activityPercent', { percent: activity.percent, done: activity.done, required: activity.required })}</Text>
      <Text size="xs" c={activity.groupsBehind ? 'red.8' : 'dimmed'}>
        {activity.groupsBehind ? t('committee.activityBehind', { n: activity.groupsBehind, groups: activity.groups }) : t('committee.activityOnTrack')}
      </Text>
    </Stack>
  );
}

function DecisionCell({ residentId, cycleId, decision, onSaved }: { residentId: number; cycleId: number; decision: Decision; onSaved: () => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState<string | null>(decision?.decision ?? null);
  const [rationale, setRationale] = useState(decision?.rationale ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      await api.post('/evaluations/decisions', { residentId, cycleId, decision: value, rationale, version: decision?.version });
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Stack gap={4}>
      <Select size="xs" aria-label={t('committee.decision')} data={DECISIONS.map((d) => ({ value: d, label: t(`committee.decision.${d}` as MessageKey) }))} value={value} onChange={setValue} />
      <TextInput size="xs" aria-label={t('committee.rationale')} placeholder={t('committee.rationale')} value={rationale} onChange={(e) => setRationale(e.currentTarget.value)} />
      <Button size="compact-xs" onClick={save} disabled={!value || !rationale}>{t('committee.save')}</Button>
      {error && <Text size="xs" c="red">{error}</Text>}
    </Stack>
  );
}
