import { Alert, Button, Group, List, Paper, ScrollArea, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FieldRotationRule, parseDisplayDate } from '@sirem/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, qs } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';
import { EditBlockModal, type EditableBlock } from './EditBlockModal.tsx';
import { FieldRuleCheck, FieldRuleNote } from './FieldRule.tsx';

type Block = EditableBlock & { unitName: string; unitBeds: number; grade: number };
type Resident = { id: number; fullName: string; grade: number; durationYears: number; specialtyCode: string; specialtyName: string; blocks: Block[]; absences: { kind: string; startsOn: string; endsOn: string }[] };
type Plan = { cycle: { id: number; code: string; startsOn: string; endsOn: string }; residents: Resident[]; issues: { rule: string; message: string }[]; fieldRule: FieldRotationRule | null };
const MONTHS = ['mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic', 'ene', 'feb'];

/**
 * Residents × months of a unit for a cycle; a click on a block edits it. The campo rule the plan is
 * judged by is shown, and checks an added or changed block before it is saved; the server checks
 * every edit again and the plan's violations are listed.
 */
export function PlanPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [unitId, setUnit] = useState<string | null>(null);
  const [cycleId, setCycle] = useState<string | null>(null);
  const [form, setForm] = useState({ residentId: null as string | null, serviceId: null as string | null, from: '', to: '', kind: 'regular' });
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ block: Block; resident: Resident } | null>(null);
  const plan = useQuery({ queryKey: ['plan', unitId, cycleId], enabled: Boolean(unitId && cycleId), queryFn: () => api.get<Plan>(`/rotations/plan${qs({ unitId, cycleId })}`) });
  const year = Number(plan.data?.cycle.startsOn.slice(0, 4));
  const month = (i: number) => {
    const y = year + (i >= 10 ? 1 : 0);
    const m = ((i + 2) % 12) + 1;
    return { first: `${y}-${String(m).padStart(2, '0')}-01`, last: `${y}-${String(m).padStart(2, '0')}-31` };
  };
  const refresh = () => client.invalidateQueries({ queryKey: ['plan', unitId, cycleId] });
  const run = async (fn: () => Promise<unknown>, ok?: (r: unknown) => string) => {
    setError(null);
    try {
      const r = await fn();
      if (ok) notifications.show({ color: 'green', message: ok(r) });
      await refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const add = () => run(() => api.post('/rotations', { residentId: Number(form.residentId), serviceId: Number(form.serviceId), startsOn: parseDisplayDate(form.from) ?? form.from, endsOn: parseDisplayDate(form.to) ?? form.to, kind: form.kind }), () => t('common.created'));
  const copy = async () => {
    const cycles = await api.get<{ items: { id: number; startsOn: string }[] }>('/catalog/cycles?limit=50&sort=startsOn');
    const current = cycles.items.find((c) => c.id === Number(cycleId));
    const previous = cycles.items.filter((c) => current && c.startsOn < current.startsOn).at(-1);
    if (!previous) return setError('—');
    await run(() => api.post('/rotations/plan/copy', { unitId: Number(unitId), fromCycleId: previous.id, toCycleId: Number(cycleId) }), (r) => {
      const result = r as { copied: number; skipped: number; overCapacity: number };
      return `${t('plan.copied', result)} ${t('plan.copiedOverCapacity', { n: result.overCapacity })}`;
    });
  };
  return (
    <Stack>
      <Title order={2}>{t('plan.title')}</Title>
      <Group align="end" wrap="wrap">
        <div style={{ width: 340 }}><RefSelect name="unitId" label={t('guards.unit')} path="/catalog/units" display="name" value={unitId} onChange={setUnit} /></div>
        <div style={{ width: 160 }}><RefSelect name="cycleId" label={t('plan.cycle')} path="/catalog/cycles" display="code" value={cycleId} onChange={setCycle} /></div>
        {plan.data && <Button variant="light" onClick={copy}>{t('plan.copy')}</Button>}
        {plan.data && <Button component="a" variant="default" href={`/api/v1/rotations/plan/export.xlsx${qs({ unitId, cycleId })}`} download>{t('common.export')}</Button>}
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {plan.data && (
        <>
          <FieldRuleNote rule={plan.data.fieldRule} cycleStartsOn={plan.data.cycle.startsOn} />
          {plan.data.issues.length ? (
            <Alert color="orange" title={t('plan.issues')} data-testid="plan-issues"><List size="sm">{plan.data.issues.slice(0, 20).map((i) => <List.Item key={i.message}>{i.message}</List.Item>)}</List></Alert>
          ) : <Alert color="green" data-testid="plan-issues">{t('plan.noIssues')}</Alert>}
          <Paper withBorder>
            <ScrollArea type="auto">
              <Table striped withColumnBorders fz="xs">
                <Table.Thead><Table.Tr><Table.Th>{t('plan.resident')}</Table.Th>{MONTHS.map((m) => <Table.Th key={m}>{m}</Table.Th>)}</Table.Tr></Table.Thead>
                <Table.Tbody>
                  {plan.data.residents.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>R{r.grade} {r.fullName}</Table.Td>
                      {MONTHS.map((m, i) => <Table.Td key={m}>{r.blocks.filter((b) => b.startsOn <= month(i).last && b.endsOn >= month(i).first).map((b) => (
                        <Text key={b.id} size="xs" c={b.kind === 'campo' ? 'teal' : undefined}>
                          <Text span size="xs" td="underline" style={{ cursor: 'pointer' }} role="button" aria-label={`${t('plan.edit')} ${b.serviceName}`} onClick={() => setEditing({ block: b, resident: r })}>{b.serviceName}</Text>{' '}
                          <Text span size="xs" c="red" style={{ cursor: 'pointer' }} role="button" aria-label={`${t('plan.delete')} ${b.serviceName}`} onClick={() => run(() => api.delete(`/rotations/${b.id}`))}>×</Text>
                        </Text>
                      ))}
                      {r.absences.filter((a) => a.startsOn <= month(i).last && a.endsOn >= month(i).first).map((a) => <Text key={a.startsOn} size="xs" c="dimmed" fs="italic">{a.kind}</Text>)}</Table.Td>)}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </Paper>
          <EditBlockModal block={editing?.block ?? null} residentName={editing?.resident.fullName ?? ''} onClose={() => setEditing(null)} onSaved={refresh}
            check={(draft) => <FieldRuleCheck rule={plan.data.fieldRule} cycle={plan.data.cycle} resident={editing?.resident} replacing={editing?.block.id} draft={draft} />} />
          <Paper withBorder p="md">
            <Text fw={600} mb="xs">{t('plan.add')}</Text>
            <Group align="end" wrap="wrap">
              <Select label={t('plan.resident')} data={plan.data.residents.map((r) => ({ value: String(r.id), label: `R${r.grade} ${r.fullName}` }))} value={form.residentId} onChange={(v) => setForm({ ...form, residentId: v })} searchable w={260} />
              <div style={{ width: 260 }}><RefSelect name="serviceId" label={t('plan.service')} path="/rotations/services" display={(s) => `${s.name} · ${s.unitName}`} value={form.serviceId} onChange={(v) => setForm({ ...form, serviceId: v })} /></div>
              <TextInput label={t('plan.from')} placeholder="dd/mm/aaaa" value={form.from} onChange={(e) => setForm({ ...form, from: e.currentTarget.value })} w={140} />
              <TextInput label={t('plan.to')} placeholder="dd/mm/aaaa" value={form.to} onChange={(e) => setForm({ ...form, to: e.currentTarget.value })} w={140} />
              <Select label={t('plan.kind')} data={['regular', 'campo']} value={form.kind} onChange={(v) => setForm({ ...form, kind: v ?? 'regular' })} w={120} />
              <Button onClick={add} disabled={!form.residentId || !form.serviceId}>{t('plan.add')}</Button>
            </Group>
            <FieldRuleCheck rule={plan.data.fieldRule} cycle={plan.data.cycle} resident={plan.data.residents.find((r) => String(r.id) === form.residentId)} draft={form} />
          </Paper>
        </>
      )}
    </Stack>
  );
}
