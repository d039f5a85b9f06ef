import { Stack, Table, Text } from '@mantine/core';
import { useI18n } from '../i18n/index.tsx';

export type ImportUpdate = { line: number; key: string; name: string; changes: { column: string; from: string; to: string }[] };

/** Before applying: each row the import would update, with what changes (e.g. Grado R1 → R2). */
export function ImportUpdates({ updates, total }: { updates: ImportUpdate[]; total: number }) {
  const { t } = useI18n();
  if (!updates.length) return null;
  return (
    <Stack gap="xs" data-testid="import-updates">
      <Text fw={600}>{t('imports.updates')}</Text>
      {total > updates.length && <Text size="sm" c="dimmed">{t('imports.updatesMore', { shown: updates.length, total })}</Text>}
      <Table.ScrollContainer minWidth={500}>
        <Table striped>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('imports.line')}</Table.Th><Table.Th>{t('imports.person')}</Table.Th><Table.Th>{t('imports.change')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {updates.map((u) => (
              <Table.Tr key={u.line}>
                <Table.Td>{u.line}</Table.Td>
                <Table.Td>{u.name} <Text span size="xs" c="dimmed">{u.key}</Text></Table.Td>
                <Table.Td>{u.changes.map((c) => `${c.column}: ${c.from} → ${c.to}`).join('; ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
