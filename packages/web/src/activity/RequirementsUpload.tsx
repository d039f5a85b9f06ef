import { Alert, Button, FileInput, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { api, ApiError, qs } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { openCycles, type RowError } from './requirement-dates.ts';

type Result = { committed: boolean; summary: { total: number; create: number; update: number; unchanged: number } };

/** Two steps: check the whole file (errors by row and column), then save all of it at once. */
export function RequirementsUpload({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const cycles = openCycles();
  const [file, setFile] = useState<File | null>(null);
  const [validFrom, setValidFrom] = useState<string | null>(cycles[1]?.value ?? null);
  const [result, setResult] = useState<Result | null>(null);
  const [problem, setProblem] = useState<{ message: string; rows: RowError[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (commit: boolean) => {
    if (!file || !validFrom) return;
    setBusy(true);
    setProblem(null);
    try {
      const res = await api.upload<Result>(`/activity/requirements/upload${qs({ validFrom, commit: commit ? 'true' : undefined })}`, file);
      setResult(res);
      if (res.committed) onSaved();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setResult(null);
      setProblem({ message: err.message, rows: err.errors as RowError[] });
    } finally {
      setBusy(false);
    }
  };
  const reset = () => (setResult(null), setProblem(null));
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={3} size="h5">{t('requirements.uploadTitle')}</Title>
        <Text size="sm" c="dimmed">{t('requirements.uploadHint')}</Text>
        <Group align="end" wrap="wrap">
          <FileInput label={t('requirements.file')} w={280} accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" value={file} onChange={(f) => (setFile(f), reset())} clearable />
          <Select label={t('requirements.defaultFrom')} w={260} value={validFrom} onChange={(v) => (setValidFrom(v), reset())}
            data={cycles.map((c) => ({ value: c.value, label: t('requirements.cycleFrom', { date: c.date, code: c.code }) }))} />
          <Button onClick={() => send(false)} disabled={!file} loading={busy && !result}>{t('requirements.validate')}</Button>
          {result && !result.committed && <Button color="green" onClick={() => send(true)} loading={busy}>{t('requirements.commit')}</Button>}
        </Group>
        {result && <Text fw={600} data-testid="requirements-summary">{t('requirements.summary', { ...result.summary })}</Text>}
        {result?.committed && <Alert color="green">{t('requirements.committed')}</Alert>}
        {problem && (
          <>
            <Alert color="red" role="alert">{problem.message}</Alert>
            {problem.rows.length > 0 && (
              <Table.ScrollContainer minWidth={500}>
                <Table striped>
                  <Table.Thead><Table.Tr><Table.Th>{t('requirements.line')}</Table.Th><Table.Th>{t('requirements.column')}</Table.Th><Table.Th>{t('requirements.message')}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>{problem.rows.map((e, i) => <Table.Tr key={i}><Table.Td>{e.line ?? ''}</Table.Td><Table.Td>{e.column ?? e.field}</Table.Td><Table.Td>{e.message}</Table.Td></Table.Tr>)}</Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
