import { Alert, Anchor, Badge, Checkbox, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { formatDate, mexicoToday, parseDisplayDate } from '@sirem/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../access/session.tsx';
import { api, qs } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';
import { RefSelect } from '../ui/RefSelect.tsx';
import { RequirementForm } from './RequirementForm.tsx';
import { RequirementsUpload } from './RequirementsUpload.tsx';

type Item = { id: number; grade: number; group: string; minimum: number; validFrom: string; until: string | null; inForce: boolean };
type List = { items: Item[]; canManage: boolean };

/** Minimums by specialty and grade, in force on a date or as history; national level changes them here, everyone else reads. */
export function RequirementsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const client = useQueryClient();
  const [specialtyId, setSpecialtyId] = useState<string | null>(null);
  const [onText, setOnText] = useState(formatDate(mexicoToday()));
  const [history, setHistory] = useState(false);
  const on = history ? undefined : (parseDisplayDate(onText) ?? undefined);
  const query = qs({ specialtyId, on });
  const list = useQuery({ queryKey: ['activity-requirements', specialtyId, on ?? null], enabled: Boolean(specialtyId), queryFn: () => api.get<List>(`/activity/requirements${query}`) });
  const specialty = useQuery({ queryKey: ['ref-one', '/catalog/specialties', specialtyId], enabled: Boolean(specialtyId), queryFn: () => api.get<{ durationYears: number }>(`/catalog/specialties/${specialtyId}`) });
  const manage = can('catalog.manage');
  const refresh = () => client.invalidateQueries({ queryKey: ['activity-requirements'] });
  const grades = [...new Set((list.data?.items ?? []).map((i) => i.grade))].sort((a, b) => a - b);
  return (
    <Stack maw={960}>
      <Title order={2}>{t('requirements.title')}</Title>
      <Text size="sm" c="dimmed">{t('requirements.intro')}</Text>
      <Paper withBorder p="md">
        <Group align="end" wrap="wrap">
          <div style={{ width: 340 }}>
            <RefSelect name="specialtyId" label={t('requirements.specialty')} path="/catalog/specialties" display={(r) => `${String(r.code)} · ${String(r.name)}`} value={specialtyId} onChange={setSpecialtyId} />
          </div>
          <TextInput label={t('requirements.on')} w={190} value={onText} disabled={history} onChange={(e) => setOnText(e.currentTarget.value)} error={!history && !parseDisplayDate(onText) ? 'dd/mm/aaaa' : undefined} />
          <Checkbox mb={8} label={t('requirements.history')} checked={history} onChange={(e) => setHistory(e.currentTarget.checked)} />
          {specialtyId && <Anchor mb={8} href={`/api/v1/activity/requirements/export.xlsx${query}`}>{t('requirements.export')}</Anchor>}
        </Group>
        {!specialtyId && <Text mt="md" c="dimmed">{t('requirements.pickSpecialty')}</Text>}
        {list.data && list.data.items.length === 0 && <Alert mt="md" color="gray">{t('requirements.none')}</Alert>}
        {grades.map((g) => (
          <Stack key={g} gap={4} mt="md">
            <Title order={3} size="h5">{t('requirements.gradeN', { n: g })}</Title>
            <Table striped layout="fixed">
              <Table.Thead>
                <Table.Tr><Table.Th>{t('requirements.group')}</Table.Th><Table.Th>{t('requirements.minimum')}</Table.Th><Table.Th>{t('requirements.validFrom')}</Table.Th><Table.Th>{t('requirements.until')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data?.items.filter((i) => i.grade === g).map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>{t(`kind.${i.group}` as MessageKey)} {history && i.inForce && <Badge size="xs" variant="light">{t('requirements.inForce')}</Badge>}</Table.Td>
                    <Table.Td>{i.minimum}</Table.Td>
                    <Table.Td>{formatDate(i.validFrom)}</Table.Td>
                    <Table.Td>{formatDate(i.until)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ))}
      </Paper>
      {!manage && <Alert color="blue">{t('requirements.readOnly')}</Alert>}
      {manage && specialtyId && specialty.data && <RequirementForm key={specialtyId} specialtyId={Number(specialtyId)} durationYears={specialty.data.durationYears} onSaved={refresh} />}
      {manage && <RequirementsUpload onSaved={refresh} />}
    </Stack>
  );
}
