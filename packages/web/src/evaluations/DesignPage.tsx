import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../access/session.tsx';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { CompetencyForm } from './CompetencyForm.tsx';
import type { Competency, Template } from './design-types.ts';
import { TemplateForm } from './TemplateForm.tsx';

/**
 * Competency frameworks (the transversal ones of bulletin 001 and each specialty's) and the
 * evaluation templates built on them. Everyone who evaluates may look; the centre designs.
 */
export function DesignPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const designer = can('evaluations.design');
  const competencies = useQuery({ queryKey: ['evaluation-competencies'], queryFn: () => api.get<Competency[]>('/evaluations/competencies') });
  const templates = useQuery({ queryKey: ['evaluation-templates'], queryFn: () => api.get<Template[]>('/evaluations/templates') });
  const specialties = useQuery({ queryKey: ['specialty-names'], queryFn: () => api.get<{ items: { id: number; name: string }[] }>('/catalog/specialties?limit=200') });
  const specialtyName = (id: number) => specialties.data?.items.find((s) => s.id === id)?.name ?? `#${id}`;
  const groups = new Map<number | null, Competency[]>();
  for (const c of competencies.data ?? []) groups.set(c.specialtyId, [...(groups.get(c.specialtyId) ?? []), c]);
  const keys = [...groups.keys()].sort((a, b) => (a === null ? -1 : b === null ? 1 : specialtyName(a).localeCompare(specialtyName(b))));
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('design.title')}</Title>
      {!designer && <Alert color="gray">{t('design.readOnly')}</Alert>}
      <Title order={3} size="h4">{t('design.frameworks')}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {keys.map((k) => (
          <Paper key={k ?? 'transversal'} withBorder p="sm" data-testid="competency-framework">
            <Title order={4} size="h5" mb="xs">{k === null ? t('design.transversal') : t('design.ofSpecialty', { name: specialtyName(k) })}</Title>
            <Table>
              <Table.Tbody>
                {groups.get(k)?.map((c) => (
                  <Table.Tr key={c.id}><Table.Td><Badge variant="light">{c.code}</Badge></Table.Td><Table.Td>{c.name}</Table.Td></Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        ))}
      </SimpleGrid>
      {designer && <CompetencyForm onSaved={() => competencies.refetch()} />}
      <Title order={3} size="h4">{t('design.templates')}</Title>
      {!templates.data?.length && <Text c="dimmed">{templates.isLoading ? t('common.loading') : t('design.noTemplates')}</Text>}
      {templates.data?.map((tpl) => (
        <Paper key={tpl.id} withBorder p="sm" data-testid="template-card">
          <Group justify="space-between"><Text fw={600}>{tpl.name}</Text><Text size="sm" c="dimmed">{t('design.templateSummary', { items: tpl.items.length, levels: tpl.levels.length })}</Text></Group>
          {tpl.specialtyId && <Text size="sm">{specialtyName(tpl.specialtyId)}</Text>}
          <Text size="sm" mt={4}>{tpl.items.map((i) => i.competency).join(' · ')}</Text>
          <Text size="xs" c="dimmed">{tpl.levels.map((l) => `${l.level}. ${l.label}`).join(' · ')}</Text>
        </Paper>
      ))}
      {designer && <TemplateForm competencies={competencies.data ?? []} onSaved={() => templates.refetch()} />}
    </Stack>
  );
}
