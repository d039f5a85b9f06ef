import { Alert, Button, FileInput, Group, Paper, Progress, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { type ImportUpdate, ImportUpdates } from './ImportUpdates.tsx';

type Summary = { total: number; create: number; update: number; unchanged: number; errors: number };
type Batch = { id: number; status: string; summary: Summary; errors: { line: number; column: string; message: string }[]; updates: ImportUpdate[] };
type CommitProgress = { status: string; done: number; total: number };

/** Two steps: validate the whole file (errors by row and column), then apply it all at once. */
export function ImportsPage() {
  const { t } = useI18n();
  const [kind, setKind] = useState('residents');
  const [file, setFile] = useState<File | null>(null);
  const [batch, setBatch] = useState<Batch | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'validating' | 'committing' | null>(null);
  const [progress, setProgress] = useState<CommitProgress | null>(null);

  const validate = async () => {
    if (!file) return;
    setBusy('validating');
    setError(null);
    setBatch(null);
    try {
      setBatch(await api.upload<Batch>(`/imports/${kind}`, file));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };
  const commit = async () => {
    if (!batch) return;
    setBusy('committing');
    setProgress(null);
    // The server answers this poll from memory while it commits, so the bar moves chunk by chunk.
    const timer = setInterval(async () => {
      const state = await api.get<CommitProgress>(`/imports/batches/${batch.id}/progress`).catch(() => null);
      if (state?.total) setProgress(state);
    }, 500);
    try {
      await api.post(`/imports/batches/${batch.id}/commit`);
      setProgress((p) => (p ? { ...p, done: p.total } : p));
      setBatch({ ...batch, status: 'committed' });
      notifications.show({ color: 'green', message: t('imports.done') });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      clearInterval(timer);
      setBusy(null);
    }
  };
  const s = batch?.summary;
  return (
    <Stack>
      <Title order={2}>{t('imports.title')}</Title>
      <Paper withBorder p="md">
        <Stack>
          <SegmentedControl value={kind} onChange={(v) => { setKind(v); setBatch(null); }} data={[{ value: 'residents', label: t('imports.residents') }, { value: 'faculty', label: t('imports.faculty') }]} w="fit-content" />
          <FileInput label={t('imports.file')} accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" value={file} onChange={(f) => { setFile(f); setBatch(null); }} clearable />
          <Group>
            <Button onClick={validate} disabled={!file} loading={busy === 'validating'}>{t('imports.validate')}</Button>
            {batch && batch.status === 'validated' && s && s.errors === 0 && <Button color="green" onClick={commit} loading={busy === 'committing'}>{t('imports.commit')}</Button>}
          </Group>
          {busy && <Progress value={busy === 'validating' ? 100 : progress ? Math.round((100 * progress.done) / progress.total) : 0} animated striped aria-label={busy} />}
          {busy === 'committing' && progress && <Text size="sm" c="dimmed" data-testid="import-progress">{t('imports.progress', { done: progress.done, total: progress.total })}</Text>}
          {error && <Alert color="red" role="alert">{error}</Alert>}
        </Stack>
      </Paper>
      {s && (
        <Paper withBorder p="md">
          <Stack>
            <Text fw={600} data-testid="import-summary">{t('imports.summary', { ...s })}</Text>
            {batch?.status === 'committed' && <Alert color="green">{t('imports.done')}</Alert>}
            {batch && batch.status === 'validated' && s.errors === 0 && <ImportUpdates updates={batch.updates ?? []} total={s.update} />}
            {s.errors > 0 && (
              <>
                <Alert color="orange">{t('imports.fixFirst')}</Alert>
                <Button component="a" href={`/api/v1/imports/batches/${batch?.id}/errors.xlsx`} download variant="default" w="fit-content">{t('imports.errorsFile')}</Button>
                <Table.ScrollContainer minWidth={500}>
                  <Table striped>
                    <Table.Thead><Table.Tr><Table.Th>{t('imports.line')}</Table.Th><Table.Th>{t('imports.column')}</Table.Th><Table.Th>{t('imports.message')}</Table.Th></Table.Tr></Table.Thead>
                    <Table.Tbody>{batch?.errors.map((e, i) => <Table.Tr key={i}><Table.Td>{e.line}</Table.Td><Table.Td>{e.column}</Table.Td><Table.Td>{e.message}</Table.Td></Table.Tr>)}</Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
