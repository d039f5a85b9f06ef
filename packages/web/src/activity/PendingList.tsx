import { Alert, Button, Group, List, Text } from '@mantine/core';
import { formatDate } from '@sirem/core';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';
import type { QueuedEntry } from './queue.ts';

/** What is still only on this phone; entries the server refused show why and can be discarded. */
export function PendingList({ entries, onSync, onDiscard, online }: { entries: QueuedEntry[]; onSync: () => void; onDiscard: (key: string) => void; online: boolean }) {
  const { t } = useI18n();
  if (!entries.length) return null;
  return (
    <Alert color="yellow" title={t('activity.pending', { n: entries.length })} data-testid="pending">
      <List size="sm" spacing={4}>
        {entries.map((e) => (
          <List.Item key={e.clientKey}>
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Text size="sm">{formatDate(e.performedOn)} · {t(`kind.${e.kind}` as MessageKey)} {e.diagnosisCode ?? ''}</Text>
              {e.error && <Button size="compact-xs" variant="subtle" color="red" onClick={() => onDiscard(e.clientKey)}>{t('activity.discard')}</Button>}
            </Group>
            {e.error && <Text size="xs" c="red">{e.error}</Text>}
          </List.Item>
        ))}
      </List>
      {online && <Button mt="xs" size="compact-sm" onClick={onSync}>{t('activity.syncNow')}</Button>}
    </Alert>
  );
}
