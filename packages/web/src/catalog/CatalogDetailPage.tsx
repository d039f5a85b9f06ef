import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useSession } from '../access/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { SedeFaculty } from '../people/SedeFaculty.tsx';
import { ResourceForm } from './ResourceForm.tsx';
import { formatCell, resourceByKey } from './resources.ts';

/** Detail of a catalogue row with edit, deactivate and delete; `id = new` shows the creation form. */
export function CatalogDetailPage({ resource, id }: { resource: string; id: string }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const def = resourceByKey(resource);
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isNew = id === 'new';
  const row = useQuery({ queryKey: [def?.path, id], enabled: Boolean(def) && !isNew, queryFn: () => api.get<Record<string, unknown>>(`${def?.path}/${id}`) });
  if (!def) return <NotFound />;
  const back = <Button component={Link} to={`/catalog/${def.key}`} variant="subtle" size="compact-sm" w="fit-content">← {t('common.back')}</Button>;
  const saved = async (r: Record<string, unknown>) => {
    await client.invalidateQueries({ queryKey: [def.path] });
    setEditing(false);
    if (isNew) await navigate({ to: `/catalog/${def.key}/${r.id}` });
  };
  if (isNew)
    return (
      <Stack>
        {back}
        <Title order={2}>{t('common.new')}: {def.singular[locale]}</Title>
        <Paper withBorder p="md"><ResourceForm def={def} onSaved={saved} /></Paper>
      </Stack>
    );
  if (row.isError) return <Alert color="red">{(row.error as Error).message}</Alert>;
  if (!row.data) return <Text c="dimmed">{t('common.loading')}</Text>;
  const data = row.data;
  const act = async (fn: () => Promise<unknown>, message: string) => {
    setError(null);
    try {
      await fn();
      notifications.show({ color: 'green', message });
      await client.invalidateQueries({ queryKey: [def.path] });
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      return false;
    }
  };
  return (
    <Stack>
      {back}
      <Group justify="space-between">
        <Title order={2}>{def.display(data)}</Title>
        <Badge color={data.active ? 'green' : 'gray'}>{data.active ? t('common.active') : t('common.inactive')}</Badge>
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {editing ? (
        <Paper withBorder p="md"><ResourceForm def={def} row={data} onSaved={saved} onCancel={() => setEditing(false)} /></Paper>
      ) : (
        <Paper withBorder p="md">
          <Stack gap="xs">
            {def.columns.map((c) => (
              <Group key={c.key} gap="xs" wrap="nowrap"><Text fw={600} w={200}>{c.label[locale]}</Text><Text>{formatCell(data[c.key], c.format)}</Text></Group>
            ))}
            <Group gap="xs"><Text fw={600} w={200}>{t('common.validFrom')}</Text><Text>{formatCell(data.validFrom, 'date')}</Text></Group>
            {Boolean(data.validTo) && <Group gap="xs"><Text fw={600} w={200}>{t('common.validTo')}</Text><Text>{formatCell(data.validTo, 'date')}</Text></Group>}
          </Stack>
        </Paper>
      )}
      {can(def.writeAction) && !editing && (
        <Group>
          <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
          {Boolean(data.active) && <Button variant="light" color="orange" onClick={() => act(() => api.post(`${def.path}/${id}/deactivate`, { version: data.version }), t('common.deactivated'))}>{t('common.deactivate')}</Button>}
          <Button variant="light" color="red" onClick={() => setConfirm(true)}>{t('common.delete')}</Button>
        </Group>
      )}
      {def.key === 'sedes' && <SedeFaculty sedeId={Number(id)} />}
      <Modal opened={confirm} onClose={() => setConfirm(false)} title={t('common.delete')}>
        <Text mb="md">{t('common.confirmDelete')}</Text>
        <Group>
          <Button color="red" onClick={async () => { setConfirm(false); if (await act(() => api.delete(`${def.path}/${id}`), t('common.deleted'))) await navigate({ to: `/catalog/${def.key}` }); }}>{t('common.delete')}</Button>
          <Button variant="default" onClick={() => setConfirm(false)}>{t('common.cancel')}</Button>
        </Group>
      </Modal>
    </Stack>
  );
}
