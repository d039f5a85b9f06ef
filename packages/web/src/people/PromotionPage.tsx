import { Alert, Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';

type Item = { id: number; fullName: string; specialtyName: string; unitName: string; grade: number; nextGrade: number; outcome: 'promueve' | 'repite' | 'egresa' | 'bloqueado'; blockedReason: string | null; diplomaPending: boolean };
type Preview = { fromCycle: string; toCycle: string; totals: { promueve: number; repite: number; egresa: number; bloqueado: number }; diplomaNote: string | null; items: Item[] };
const COLOR = { promueve: 'teal', repite: 'orange', egresa: 'blue', bloqueado: 'red' } as const;

/** 1 March: preview who is promoted, repeats or graduates in a unit or OOAD, mark repeaters, confirm once. */
export function PromotionPage() {
  const { t } = useI18n();
  const [cycleId, setCycle] = useState<string | null>(null);
  const [unitId, setUnit] = useState<string | null>(null);
  const [ooadId, setOoad] = useState<string | null>(null);
  const [repeat, setRepeat] = useState<number[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const body = (rep: number[]) => ({ cycleId: Number(cycleId), unitId: unitId ? Number(unitId) : undefined, ooadId: ooadId ? Number(ooadId) : undefined, repeatResidentIds: rep });
  const run = async (rep = repeat) => {
    setError(null);
    try {
      setPreview(await api.post<Preview>('/people/promotions/preview', body(rep)));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const toggle = (id: number) => {
    const next = repeat.includes(id) ? repeat.filter((r) => r !== id) : [...repeat, id];
    setRepeat(next);
    void run(next);
  };
  const confirm = async () => {
    setBusy(true);
    try {
      const done = await api.post<{ totals: Preview['totals'] }>('/people/promotions', body(repeat));
      notifications.show({ color: 'green', message: t('promotion.done', done.totals) });
      setPreview(null);
      setRepeat([]);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Title order={2}>{t('promotion.title')}</Title>
      <Paper withBorder p="md">
        <Group align="end" wrap="wrap">
          <div style={{ width: 180 }}><RefSelect name="cycleId" label={t('promotion.cycle')} path="/catalog/cycles" display="code" value={cycleId} onChange={setCycle} required /></div>
          <div style={{ width: 320 }}><RefSelect name="unitId" label={t('promotion.unit')} path="/catalog/units" display="name" value={unitId} onChange={(v) => { setUnit(v); if (v) setOoad(null); }} /></div>
          <div style={{ width: 220 }}><RefSelect name="ooadId" label={t('promotion.ooad')} path="/catalog/ooads" display="name" value={ooadId} onChange={(v) => { setOoad(v); if (v) setUnit(null); }} /></div>
          <Button onClick={() => run()} disabled={!cycleId || (!unitId && !ooadId)}>{t('promotion.preview')}</Button>
        </Group>
      </Paper>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {preview && (
        <Paper withBorder p="md">
          <Stack>
            <Text fw={600} data-testid="promotion-totals">{t('promotion.totals', { ...preview.totals, from: preview.fromCycle, to: preview.toCycle })}{preview.totals.bloqueado ? `; ${t('promotion.blockedCount', preview.totals)}` : ''}</Text>
            {preview.diplomaNote && <Alert color="blue">{preview.diplomaNote}</Alert>}
            {preview.items.length === 0 ? <Text c="dimmed">{t('promotion.none')}</Text> : (
              <Table.ScrollContainer minWidth={640}>
                <Table striped>
                  <Table.Thead><Table.Tr><Table.Th>{t('residents.name')}</Table.Th><Table.Th>{t('residents.specialty')}</Table.Th><Table.Th>{t('residents.grade')}</Table.Th><Table.Th>{t('promotion.outcome')}</Table.Th><Table.Th>{t('promotion.reason')}</Table.Th><Table.Th>{t('promotion.repeat')}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {preview.items.map((i) => (
                      <Table.Tr key={i.id}>
                        <Table.Td>{i.fullName}</Table.Td><Table.Td>{i.specialtyName}</Table.Td><Table.Td>R{i.grade} → R{i.nextGrade}</Table.Td>
                        <Table.Td><Badge color={COLOR[i.outcome]}>{i.outcome}</Badge></Table.Td>
                        <Table.Td><Text size="sm">{i.blockedReason ?? (i.diplomaPending ? t('promotion.diplomaPending') : '')}</Text></Table.Td>
                        <Table.Td><Checkbox aria-label={`${t('promotion.repeat')}: ${i.fullName}`} checked={repeat.includes(i.id)} onChange={() => toggle(i.id)} /></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {preview.items.length > 0 && <Button color="green" w="fit-content" loading={busy} onClick={confirm}>{t('promotion.confirm')}</Button>}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
