import { Alert, Badge, Group, Paper, ScrollArea, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, qs } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';

type RestBreak = { date: string; restHours: number; nextIn?: string };
type Week = { weekOf: string; guards: number; hours: number; elsewhere: { date: string; label: string }[] };
type Resident = { residentId: number; name: string; grade: number; guards: number; restAfter24hKept: boolean | null; restBreaks: RestBreak[]; weeks: Week[]; elsewhere: string[] };
type Report = { rosters: { rosterId: number; version: number; ruleSetCode: string; violations: number; elsewhere: string[]; restRequired: boolean; restBreaks: number; residents: Resident[] }[] };

/**
 * Per resident and week: guardias and hours (jornada + guardias), the rest after each 24-h duty, and
 * the count of violations (should be 0). Figures that count guardias in other published rosters are
 * marked, and those rosters named.
 */
export function CompliancePage() {
  const { t } = useI18n();
  const [unitId, setUnit] = useState<string | null>(null);
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
  const restText = (p: Resident) =>
    p.restAfter24hKept === null ? t('compliance.restNotRequired')
    : p.restAfter24hKept ? t('compliance.restKept')
    : t('compliance.restBroken', { dates: p.restBreaks.map((b) => (b.nextIn ? t('compliance.restNextElsewhere', { date: formatDate(b.date), hours: b.restHours, label: b.nextIn }) : `${formatDate(b.date)} (${b.restHours} h)`)).join(', ') });
  const weekNote = (w: Week) => t('compliance.weekElsewhere', { guards: w.elsewhere.map((g) => `${formatDate(g.date)} · ${g.label}`).join('; ') });
  const report = useQuery({ queryKey: ['compliance', unitId, month], enabled: Boolean(unitId) && /^\d{4}-\d{2}$/.test(month), queryFn: () => api.get<Report>(`/guards/compliance${qs({ unitId, month })}`) });
  return (
    <Stack>
      <Title order={2}>{t('compliance.title')}</Title>
      <Group align="end">
        <div style={{ width: 340 }}><RefSelect name="unitId" label={t('guards.unit')} path="/catalog/units" display="name" value={unitId} onChange={setUnit} /></div>
        <TextInput label={t('guards.month')} value={month} onChange={(e) => setMonth(e.currentTarget.value)} w={130} />
      </Group>
      {report.data?.rosters.length === 0 && <Alert color="gray">{t('common.empty')}</Alert>}
      {report.data?.rosters.map((r) => (
        <Paper key={r.rosterId} withBorder p="md">
          <Group mb="xs"><Badge>v{r.version}</Badge><Badge variant="light">{r.ruleSetCode}</Badge><Badge color={r.violations ? 'red' : 'green'}>{t('guards.violations')}: {r.violations}</Badge>{r.restRequired && <Badge color={r.restBreaks ? 'red' : 'green'}>{t('compliance.restBreaks', { n: r.restBreaks })}</Badge>}</Group>
          {r.elsewhere.length > 0 && <Text size="sm" c="dimmed" mb="xs">{t('compliance.elsewhereNote', { rosters: r.elsewhere.join('; ') })}</Text>}
          <ScrollArea type="auto">
            <Table striped fz="xs">
              <Table.Thead><Table.Tr><Table.Th>{t('plan.resident')}</Table.Th><Table.Th>{t('guards.total')}</Table.Th><Table.Th>{t('compliance.rest')}</Table.Th>{r.elsewhere.length > 0 && <Table.Th>{t('compliance.otherRosters')}</Table.Th>}{r.residents[0]?.weeks.map((w) => <Table.Th key={w.weekOf}>{t('compliance.week')} {formatDate(w.weekOf)}</Table.Th>)}</Table.Tr></Table.Thead>
              <Table.Tbody>
                {r.residents.map((p) => (
                  <Table.Tr key={p.residentId}>
                    <Table.Td>R{p.grade} {p.name}</Table.Td><Table.Td>{p.guards}</Table.Td>
                    <Table.Td c={p.restAfter24hKept === false ? 'red' : undefined}>{restText(p)}</Table.Td>
                    {r.elsewhere.length > 0 && <Table.Td>{p.elsewhere.join('; ') || '—'}</Table.Td>}
                    {p.weeks.map((w) => <Table.Td key={w.weekOf} title={w.elsewhere.length ? weekNote(w) : undefined}>{w.guards} · {w.hours} {t('compliance.hours')}{w.elsewhere.length ? ' *' : ''}</Table.Td>)}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      ))}
    </Stack>
  );
}
