import { Alert, Badge, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type Assignment, fairness, type GuardElsewhere, type RosterInstance } from '@sirem/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import classes from './roster.module.css';
import { useRosterCheck } from './roster-check.ts';
import { rosterStatusKey } from './status.ts';
import { SwapRequests } from './SwapRequests.tsx';
import { RuleReportPanel } from './RuleReportPanel.tsx';

type Roster = { id: number; month: string; version: number; status: string; revision: number; ruleSetCode: string; assignments: Assignment[]; instance: RosterInstance; changes: { fromVersion: number; added: Assignment[]; removed: Assignment[] } | null; elsewhere: GuardElsewhere[] };
const key = (a: Assignment) => `${a.residentId}|${a.date}`;
const NONE: GuardElsewhere[] = [];

/**
 * The roster grid: residents × days. Edits are checked live by the same rule code the server
 * enforces on publish, the residents' guardias in other published rosters included; the days those
 * take look blocked and say why.
 */
export function RosterPage({ id }: { id: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const navigate = useNavigate();
  const roster = useQuery({ queryKey: ['roster', id], queryFn: () => api.get<Roster>(`/guards/rosters/${id}`) });
  const [assignments, setAssignments] = useState<Assignment[]>([]);
  const [revision, setRevision] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  // Only the rows in view are rendered, so a 600-resident roster stays responsive.
  const rows = useVirtualizer({ count: roster.data?.instance.residents.length ?? 0, getScrollElement: () => scroller.current, estimateSize: () => 26, overscan: 12 });
  useEffect(() => {
    if (roster.data) {
      setAssignments(roster.data.assignments);
      setRevision(roster.data.revision);
    }
  }, [roster.data]);
  const instance = roster.data?.instance;
  const { violations, takenTitle } = useRosterCheck(instance, assignments, roster.data?.elsewhere ?? NONE);
  const figures = useMemo(() => (instance ? fairness(instance, assignments) : []), [instance, assignments]);
  const dayOff = useMemo(() => {
    const on = new Set(assignments.map(key));
    const asked = (instance?.residents ?? []).flatMap((r) => (r.requestsOff ?? []).map((date) => `${r.id}|${date}`));
    return { requested: asked.length, granted: asked.filter((k) => !on.has(k)).length };
  }, [instance, assignments]);
  if (roster.isError) return <Alert color="red">{(roster.error as Error).message}</Alert>;
  if (!roster.data || !instance) return <Text c="dimmed">{t('common.loading')}</Text>;
  const draft = roster.data.status === 'draft';
  const assigned = new Set(assignments.map(key));
  const flagged = new Set(violations.flatMap((v) => v.dates.map((d) => `${v.residentId}|${d}`)));
  const toggle = (residentId: number, date: string) => {
    if (!draft) return;
    const k = `${residentId}|${date}`;
    setAssignments((list) => (assigned.has(k) ? list.filter((a) => key(a) !== k) : [...list, { residentId, date }]));
  };
  const save = async () => {
    setError(null);
    try {
      const saved = await api.patch<Roster>(`/guards/rosters/${id}`, { assignments, revision });
      setRevision(saved.revision);
      notifications.show({ color: 'green', message: t('common.saved') });
      return saved.revision;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      return null;
    }
  };
  const publish = async () => {
    const reviewed = await save();
    if (reviewed === null) return;
    try {
      await api.post(`/guards/rosters/${id}/publish`, { revision: reviewed });
      notifications.show({ color: 'green', message: t('guards.published') });
      await client.invalidateQueries({ queryKey: ['roster', id] });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('guards.title')} · {roster.data.month} · v{roster.data.version}</Title>
        <Group>
          <Badge data-testid="roster-status">{t(rosterStatusKey(roster.data.status))}</Badge><Badge variant="light">{t('guards.rule')}: {roster.data.ruleSetCode}</Badge>
          <Button component="a" size="xs" variant="default" href={`/api/v1/guards/rosters/${id}/export.pdf`} download>PDF</Button>
          <Button component="a" size="xs" variant="default" href={`/api/v1/guards/rosters/${id}/export.xlsx`} download>{t('common.export')}</Button>
        </Group>
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {violations.length ? (
        <Alert color="red" title={`${t('guards.violations')}: ${violations.length}`} data-testid="violations">
          <List size="sm">{violations.slice(0, 12).map((v) => <List.Item key={`${v.rule}-${v.message}`}>{v.message}</List.Item>)}</List>
        </Alert>
      ) : <Alert color="green" data-testid="violations">{t('guards.noViolations')}</Alert>}
      {roster.data.elsewhere.length > 0 && <Text size="sm" c="dimmed" data-testid="elsewhere-note">{t('guards.elsewhereNote', { n: roster.data.elsewhere.length })}</Text>}
      {dayOff.requested > 0 && <Text size="sm" data-testid="day-off-granted">{t('guards.dayOffGranted', dayOff)}</Text>}
      {draft && (
        <Group>
          <Button variant="default" onClick={save}>{t('guards.save')}</Button>
          <Button color="green" onClick={publish} disabled={violations.length > 0}>{t('guards.publish')}</Button>
          <Text size="sm" c="dimmed">{t('guards.cellHint')}</Text>
        </Group>
      )}
      {roster.data.changes && (roster.data.changes.added.length > 0 || roster.data.changes.removed.length > 0) && (
        <Alert color="blue" title={t('guards.changes', { version: roster.data.changes.fromVersion })} data-testid="roster-changes">
          <List size="sm">
            {roster.data.changes.added.map((a) => <List.Item key={`a${a.residentId}${a.date}`}>+ {instance.residents.find((r) => r.id === a.residentId)?.name} · {a.date} ({t('guards.addedOn')})</List.Item>)}
            {roster.data.changes.removed.map((a) => <List.Item key={`r${a.residentId}${a.date}`}>− {instance.residents.find((r) => r.id === a.residentId)?.name} · {a.date} ({t('guards.removedOn')})</List.Item>)}
          </List>
        </Alert>
      )}
      {roster.data.status === 'published' && (
        <SwapRequests rosterId={roster.data.id} names={new Map(instance.residents.map((r) => [r.id, r.name]))} onDecided={(next) => next && navigate({ to: `/guards/rosters/${next}` })} />
      )}
      <Paper withBorder>
        <div ref={scroller} className={classes.scroller}>
          <table className={classes.grid}>
            <thead>
              <tr>
                <th className={classes.name}>R</th>
                {instance.days.map((d) => <th key={d.date} className={d.type !== 'weekday' ? classes.off : undefined} title={d.holiday}>{d.date.slice(8)}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.getVirtualItems().length > 0 && <tr style={{ height: rows.getVirtualItems()[0]?.start ?? 0 }} />}
              {rows.getVirtualItems().map((item) => {
                const r = instance.residents[item.index];
                if (!r) return null;
                return (
                  <tr key={r.id} data-index={item.index} ref={rows.measureElement}>
                    <th className={classes.name} scope="row">R{r.grade} {r.name}</th>
                    {instance.days.map((d) => {
                      const k = `${r.id}|${d.date}`;
                      const away = r.unavailable.includes(d.date);
                      const taken = takenTitle(r.id, d.date);
                      return (
                        <td key={d.date} className={[classes.cell, assigned.has(k) ? classes.on : '', away ? classes.away : '', taken ? classes.taken : '', flagged.has(k) ? classes.bad : ''].join(' ')}>
                          <button type="button" aria-label={`${r.name} ${d.date}`} aria-pressed={assigned.has(k)} title={taken ?? undefined} data-taken={taken ? 'true' : undefined} onClick={() => toggle(r.id, d.date)} disabled={!draft}>
                            {assigned.has(k) ? 'G' : taken ? '×' : away ? '·' : ''}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
              {rows.getVirtualItems().length > 0 && <tr style={{ height: rows.getTotalSize() - (rows.getVirtualItems().at(-1)?.end ?? 0) }} />}
            </tbody>
          </table>
        </div>
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="xs">{t('guards.fairness')}</Title>
        <Table w="fit-content">
          <Table.Thead><Table.Tr><Table.Th /><Table.Th>{t('guards.total')}</Table.Th><Table.Th>{t('guards.weekends')}</Table.Th><Table.Th>{t('guards.holidays')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>{figures.map((f) => <Table.Tr key={f.grade}><Table.Td>R{f.grade} ({f.residents})</Table.Td><Table.Td>{f.total.min}–{f.total.max}</Table.Td><Table.Td>{f.weekend.min}–{f.weekend.max}</Table.Td><Table.Td>{f.holiday.min}–{f.holiday.max}</Table.Td></Table.Tr>)}</Table.Tbody>
        </Table>
      </Paper>
      {instance && <RuleReportPanel instance={instance} assignments={assignments} />}
    </Stack>
  );
}
