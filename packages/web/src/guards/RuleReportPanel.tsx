import { Badge, Paper, Table, Title } from '@mantine/core';
import { type Assignment, type RosterInstance, ruleReport } from '@sirem/core';
import { useMemo } from 'react';
import { formatNumber, useI18n } from '../i18n/index.tsx';

/** Every hard rule with how often it was checked and broken in the roster as it stands, from the same core code the server enforces. */
export function RuleReportPanel({ instance, assignments }: { instance: RosterInstance; assignments: readonly Assignment[] }) {
  const { t, locale } = useI18n();
  const report = useMemo(() => ruleReport(instance, assignments), [instance, assignments]);
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="xs">{t('guards.ruleReport')}</Title>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label={t('guards.ruleReport')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('guards.ruleName')}</Table.Th>
              <Table.Th>{t('guards.ruleParameter')}</Table.Th>
              <Table.Th ta="right">{t('guards.ruleChecks')}</Table.Th>
              <Table.Th ta="right">{t('guards.ruleViolations')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.map((r) => (
              <Table.Tr key={r.rule} data-rule={r.rule}>
                <Table.Th scope="row" fw={500}>{r.label}{r.source ? ` (${r.source.code})` : ''}</Table.Th>
                <Table.Td>{r.applies ? (r.parameter ?? '—') : t('guards.ruleNotLimited')}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.checks, locale)} {r.unit}</Table.Td>
                <Table.Td ta="right"><Badge color={r.violations ? 'red' : 'teal'} variant="light">{formatNumber(r.violations, locale)}</Badge></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
