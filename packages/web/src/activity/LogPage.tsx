import { Alert, Badge, Button, Card, Chip, Group, NativeSelect, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { ACTIVITY_KINDS, AGE_BANDS, mexicoToday, PROCEDURE_KINDS, SUPERVISION_LEVELS, TRANSPLANT_ORGANS, type ActivityKind } from '@sirem/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../access/session.tsx';
import { api, ApiError, qs, type Page } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import type { MessageKey } from '../i18n/es.ts';
import { CodeInput } from './CodeInput.tsx';
import { EntryList, type Entry } from './EntryList.tsx';
import { PendingList } from './PendingList.tsx';
import { cacheContext, newClientKey, type QueuedEntry, readQueue, readShortcuts, rememberRecent, type Shortcut, syncQueue, toggleFavourite, writeQueue } from './queue.ts';

type Context = { residents: { residentId: number; fullName: string; unitId: number; unitName: string; supervisors: { personId: number; name: string }[] }[]; today: string };

const blank = (today: string) => ({ performedOn: today, service: '', kind: 'consulta_especialidad', organ: '', supervision: 'realiza_supervisado', supervisorPersonId: '', diagnosisCode: '', procedureCode: '', ageBand: '30-44', sex: 'M' });

/** The resident's log, built for a phone at the bedside: works offline, remembers shortcuts, syncs once per entry. */
export function LogPage() {
  const { t } = useI18n();
  const { user, can } = useSession();
  // Professors log on behalf of a resident of their sede; residents log for themselves.
  const [forResident, setForResident] = useState('');
  const roster = useQuery({
    queryKey: ['activity-roster'],
    enabled: can('activity.verify'),
    queryFn: () => api.get<Page<{ id: number; fullName: string }>>(`/people/residents${qs({ status: 'activo', limit: 200 })}`),
  });
  const userId = user?.id ?? 0;
  const client = useQueryClient();
  const [online, setOnline] = useState(navigator.onLine);
  const [queue, setQueue] = useState<QueuedEntry[]>(() => readQueue(userId));
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);
  const context = useQuery({
    queryKey: ['activity-context', forResident],
    queryFn: async () => {
      const data = await api.get<Context>(`/activity/context${qs({ residentId: forResident || undefined })}`);
      return forResident ? data : cacheContext<Context>(userId, data);
    },
    initialData: () => (forResident ? undefined : (cacheContext<Context>(userId) ?? undefined)),
    retry: false,
  });
  const me = context.data?.residents[0];
  // The first render comes before the server's date: use the same clock (Mexico City), not UTC,
  // or between midnight UTC and midnight in Mexico the form would propose tomorrow.
  const today = context.data?.today ?? mexicoToday();
  const [form, setForm] = useState(() => blank(today));
  const [favourites, setFavourites] = useState(() => readShortcuts(userId, 'favourite'));
  const [recent, setRecent] = useState(() => readShortcuts(userId, 'recent'));
  const mine = useQuery({
    queryKey: ['activity-mine', me?.residentId],
    enabled: Boolean(me) && online,
    queryFn: () => api.get<Page<Entry>>(`/activity/records${qs({ residentId: me?.residentId, limit: 20 })}`),
  });

  const sync = useCallback(async () => {
    try {
      const n = await syncQueue(userId);
      setQueue(readQueue(userId));
      if (n) {
        setMessage({ color: 'green', text: t('activity.synced', { n }) });
        await client.invalidateQueries({ queryKey: ['activity-mine'] });
      }
    } catch (err) {
      if (err instanceof ApiError) setMessage({ color: 'red', text: err.message });
    }
  }, [userId, client, t]);

  useEffect(() => {
    const up = () => (setOnline(true), void sync());
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    // The 'online' event can fire before requests go through again; retrying on a timer covers that and flaky signal.
    const timer = window.setInterval(() => void sync(), 4000);
    void sync();
    return () => (window.removeEventListener('online', up), window.removeEventListener('offline', down), window.clearInterval(timer));
  }, [sync]);

  const picker = can('activity.verify') && (
    <NativeSelect label={t('activity.resident')} value={forResident} onChange={(e) => setForResident(e.currentTarget.value)}
      data={[{ value: '', label: '—' }, ...(roster.data?.items ?? []).map((r) => ({ value: String(r.id), label: r.fullName }))]} />
  );
  if (context.isError && !me) return <Alert color="red">{context.error instanceof ApiError ? context.error.message : String(context.error)}</Alert>;
  if (context.data && !me) return picker || <Alert color="yellow">{t('activity.noContext')}</Alert>;
  // Offline before the log was ever opened here: nothing to fill the form with yet.
  if (!me && !online) return <Stack maw={560}><Title order={2} size="h3">{t('activity.title')}</Title><Alert color="yellow">{t('activity.firstTimeOnline')}</Alert></Stack>;
  if (!me) return null;

  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const isProcedure = PROCEDURE_KINDS.includes(form.kind as ActivityKind);
  const apply = (s: Shortcut) => set({ kind: s.kind, service: s.service, diagnosisCode: s.diagnosisCode ?? '', procedureCode: s.procedureCode ?? '' });
  const current: Shortcut = { kind: form.kind, service: form.service, diagnosisCode: form.diagnosisCode || null, procedureCode: isProcedure ? form.procedureCode || null : null };

  const save = async () => {
    const entry: QueuedEntry = {
      clientKey: newClientKey(), residentId: me.residentId, unitId: me.unitId, performedOn: form.performedOn, service: form.service, kind: form.kind,
      organ: form.kind === 'trasplante' ? form.organ || null : null, supervision: form.supervision,
      supervisorPersonId: form.supervisorPersonId ? Number(form.supervisorPersonId) : null,
      diagnosisCode: form.diagnosisCode.trim() || null, procedureCode: isProcedure ? form.procedureCode.trim() || null : null, ageBand: form.ageBand, sex: form.sex,
    };
    // Every entry goes through the queue, so an entry is never lost between tapping and the server answering.
    writeQueue(userId, [...readQueue(userId), entry]);
    rememberRecent(userId, current);
    setRecent(readShortcuts(userId, 'recent'));
    setQueue(readQueue(userId));
    setForm((f) => ({ ...blank(today), performedOn: f.performedOn, service: f.service, supervision: f.supervision, supervisorPersonId: f.supervisorPersonId }));
    setMessage({ color: 'blue', text: navigator.onLine ? t('activity.saved') : t('activity.queued') });
    if (navigator.onLine) await sync();
  };
  const discard = (key: string) => {
    writeQueue(userId, readQueue(userId).filter((e) => e.clientKey !== key));
    setQueue(readQueue(userId));
  };
  const label = (s: Shortcut) => `${t(`kind.${s.kind}` as MessageKey)}${s.procedureCode ? ` ${s.procedureCode}` : s.diagnosisCode ? ` ${s.diagnosisCode}` : ''}`;

  return (
    <Stack maw={560}>
      <Group justify="space-between" wrap="nowrap">
        <Title order={2} size="h3">{t('activity.title')}</Title>
        <Badge color={online ? 'green' : 'gray'} data-testid="connection" style={{ flexShrink: 0 }} maw={180}>{online ? t('activity.online') : t('activity.offline')}</Badge>
      </Group>
      {picker}
      <Text size="sm" c="dimmed">{me.fullName} · {me.unitName}</Text>
      {message && <Alert color={message.color} role="status" withCloseButton onClose={() => setMessage(null)}>{message.text}</Alert>}
      <PendingList entries={queue} onSync={sync} onDiscard={discard} online={online} />
      {(favourites.length > 0 || recent.length > 0) && (
        <Group gap={6} aria-label={t('activity.shortcuts')}>
          {[...favourites, ...recent.filter((r) => !favourites.some((f) => label(f) === label(r)))].slice(0, 8).map((s) => (
            <Button key={`${label(s)}-${s.service}`} size="compact-sm" variant="light" onClick={() => apply(s)}>{label(s)}</Button>
          ))}
        </Group>
      )}
      <Card withBorder>
        <Stack gap="xs">
          <TextInput type="date" label={t('activity.date')} value={form.performedOn} max={today} onChange={(e) => set({ performedOn: e.currentTarget.value })} />
          <NativeSelect label={t('activity.kind')} value={form.kind} onChange={(e) => set({ kind: e.currentTarget.value })} data={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as MessageKey) }))} />
          {form.kind === 'trasplante' && (
            <NativeSelect label={t('activity.organ')} value={form.organ} onChange={(e) => set({ organ: e.currentTarget.value })} data={[{ value: '', label: '—' }, ...TRANSPLANT_ORGANS.map((o) => ({ value: o, label: t(`organ.${o}` as MessageKey) }))]} />
          )}
          <TextInput label={t('activity.service')} value={form.service} onChange={(e) => set({ service: e.currentTarget.value })} />
          <NativeSelect label={t('activity.supervision')} value={form.supervision} onChange={(e) => set({ supervision: e.currentTarget.value })} data={SUPERVISION_LEVELS.map((s) => ({ value: s, label: t(`supervision.${s}` as MessageKey) }))} />
          <NativeSelect label={t('activity.supervisor')} value={form.supervisorPersonId} onChange={(e) => set({ supervisorPersonId: e.currentTarget.value })}
            data={[{ value: '', label: t('activity.none') }, ...me.supervisors.map((s) => ({ value: String(s.personId), label: s.name }))]} />
          <CodeInput system="cie10" label={t('activity.diagnosis')} hint={t('activity.codeHint')} value={form.diagnosisCode} onChange={(v) => set({ diagnosisCode: v })} />
          {isProcedure && <CodeInput system="cie9mc" label={t('activity.procedure')} hint={t('activity.codeHint')} value={form.procedureCode} onChange={(v) => set({ procedureCode: v })} />}
          <NativeSelect label={t('activity.ageBand')} value={form.ageBand} onChange={(e) => set({ ageBand: e.currentTarget.value })} data={[...AGE_BANDS]} />
          <div>
            <Text size="sm" fw={500}>{t('activity.sex')}</Text>
            <SegmentedControl fullWidth value={form.sex} onChange={(v) => set({ sex: v })} data={[{ value: 'M', label: t('sex.M') }, { value: 'H', label: t('sex.H') }]} />
          </div>
          <Text size="xs" c="dimmed">{t('activity.noIdentity')}</Text>
          <Chip checked={favourites.some((f) => label(f) === label(current) && f.service === current.service)} onChange={() => setFavourites(toggleFavourite(userId, current))}>{t('activity.favourite')}</Chip>
          <Button size="md" fullWidth onClick={save} disabled={!form.service.trim()}>{t('activity.save')}</Button>
        </Stack>
      </Card>
      <Paper withBorder p="xs">
        <Title order={3} size="h5" mb="xs">{t('activity.mine')}</Title>
        <EntryList entries={mine.data?.items ?? []} />
      </Paper>
    </Stack>
  );
}
