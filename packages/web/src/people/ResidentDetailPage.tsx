import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api } from '../api/client.ts';
import { useSession } from '../access/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { MovementForm } from './MovementForm.tsx';
import { PersonCard, type PersonRecord } from './PersonCard.tsx';

type Resident = Record<string, unknown> & {
  fullName: string; status: string; grade: number; specialtyName: string; unitName: string; ooadName: string; cycleCode: string;
  timeline: { id: number; kind: string; occurredOn: string; toStatus: string; reason: string | null }[];
  cycles: { cycleCode: string; grade: number; outcome: string | null }[];
  person: PersonRecord;
};

/** The resident's record and timeline across cycles. */
export function ResidentDetailPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { can, user } = useSession();
  const client = useQueryClient();
  const resident = useQuery({ queryKey: ['/people/residents', id], queryFn: () => api.get<Resident>(`/people/residents/${id}`) });
  if (resident.isError) return <Alert color="red">{(resident.error as Error).message}</Alert>;
  const r = resident.data;
  if (!r) return <Text c="dimmed">{t('common.loading')}</Text>;
  const facts: [string, unknown][] = [
    ['CURP', r.curp ?? r.tempKey], [t('residents.specialty'), r.specialtyName], [t('residents.grade'), `R${r.grade}`], [t('residents.unit'), r.unitName],
    [t('residents.ooad'), r.ooadName], [t('residents.nationality'), r.nationality], ['Matrícula', r.matricula], ['Ciclo', r.cycleCode],
    ...(r.diplomaNumber || r.status === 'egresado' ? [[t('movement.diploma'), r.diplomaNumber ?? t('promotion.diplomaPending')] as [string, unknown]] : []),
  ];
  // A resident's scope is themself, so the record they open is their own: they may edit its contact details.
  const personMode = can('people.manage') ? 'all' : user?.grants.some((g) => g.role === 'residente') ? 'contact' : 'none';
  const refresh = () => client.invalidateQueries({ queryKey: ['/people/residents'] });
  return (
    <Stack>
      <Button component={Link} to="/people/residents" variant="subtle" size="compact-sm" w="fit-content">← {t('common.back')}</Button>
      <Group justify="space-between"><Title order={2}>{r.fullName}</Title><Badge>{r.status}</Badge></Group>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {facts.map(([k, v]) => <Group key={k} gap="xs"><Text fw={600} w={140}>{k}</Text><Text>{String(v ?? '')}</Text></Group>)}
        </SimpleGrid>
      </Paper>
      <PersonCard key={`${r.person.id}-${r.person.version}`} person={r.person} mode={personMode} onSaved={refresh} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="sm">{t('residents.timeline')}</Title>
          <Timeline active={r.timeline.length} bulletSize={14}>
            {r.timeline.map((e) => <Timeline.Item key={e.id} title={`${e.kind}${e.reason ? ` (${e.reason})` : ''}`}><Text size="sm" c="dimmed">{formatDate(e.occurredOn)} → {e.toStatus}</Text></Timeline.Item>)}
          </Timeline>
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="sm">{t('residents.cycles')}</Title>
          <Table><Table.Tbody>{r.cycles.map((c) => <Table.Tr key={c.cycleCode}><Table.Td>{c.cycleCode}</Table.Td><Table.Td>R{c.grade}</Table.Td><Table.Td>{c.outcome ?? ''}</Table.Td></Table.Tr>)}</Table.Tbody></Table>
        </Paper>
      </SimpleGrid>
      {can('people.manage') && <MovementForm residentId={Number(id)} version={Number(r.version)} onDone={refresh} />}
    </Stack>
  );
}
