import { Badge, Group, Stack, Text } from '@mantine/core';
import { formatDate } from '@sirem/core';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';

export type Entry = {
  id: number; residentId: number; residentName: string; performedOn: string; unitName: string; service: string; kind: string; supervision: string;
  supervisorName: string | null; diagnosisCode: string | null; procedureCode: string | null; ageBand: string; sex: string; status: string; reviewComment: string | null; version: number; jornadaId: number | null;
};
const COLOR: Record<string, string> = { registrada: 'yellow', verificada: 'green', devuelta: 'red' };

/** Entries as cards that read well on a phone; `actions` adds the reviewer's buttons. */
export function EntryList({ entries, showResident = false, actions }: { entries: Entry[]; showResident?: boolean; actions?: (e: Entry) => ReactNode }) {
  const { t } = useI18n();
  return (
    <Stack gap={6} data-testid="entries">
      {entries.map((e) => (
        <Stack key={e.id} gap={2} p={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} data-testid="entry">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm" fw={500}>{formatDate(e.performedOn)} · {t(`kind.${e.kind}` as MessageKey)} {e.diagnosisCode ?? ''} {e.procedureCode ?? ''}</Text>
            <Badge color={COLOR[e.status]} size="sm" style={{ flexShrink: 0, overflow: 'visible' }}>{t(`status.${e.status}` as MessageKey)}</Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {showResident ? `${e.residentName} · ` : ''}{e.service} · {t(`supervision.${e.supervision}` as MessageKey)}{e.supervisorName ? ` · ${e.supervisorName}` : ''} · {e.ageBand} {e.sex}
          </Text>
          {e.reviewComment && <Text size="xs" c={e.status === 'devuelta' ? 'red' : 'dimmed'}>{e.reviewComment}</Text>}
          {actions?.(e)}
        </Stack>
      ))}
    </Stack>
  );
}
