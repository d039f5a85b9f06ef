import { Code, Group, Select, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { formatDateTime, parseDisplayDate } from '@sirem/core';
import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { DataTable } from '../ui/DataTable.tsx';

type AuditRow = { id: number; at: string; actorName: string | null; action: string; entity: string; entityId: string | null; before: unknown; after: unknown };
const ENTITIES = ['ooad', 'unit', 'specialty', 'course', 'sede', 'cycle', 'user', 'resident', 'faculty_appointment', 'tutorship', 'import_residents', 'import_faculty'];

/** Who changed what and when: filter by entity, user and date range; export the filtered trail. */
export function AuditPage() {
  const { t } = useI18n();
  const [entity, setEntity] = useState<string | null>(null);
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [actorQ] = useDebouncedValue(actor, 300);
  const date = (v: string) => parseDisplayDate(v) ?? undefined;
  const bad = (v: string) => (v && !parseDisplayDate(v) ? 'dd/mm/aaaa' : undefined);
  return (
    <>
      <Title order={2} mb="md">{t('audit.title')}</Title>
      <Group mb="md" align="end" wrap="wrap">
        <Select label={t('audit.entity')} data={ENTITIES} value={entity} onChange={setEntity} clearable searchable w={220} />
        <TextInput label={t('audit.actor')} value={actor} onChange={(e) => setActor(e.currentTarget.value)} w={200} />
        <TextInput label={t('audit.from')} placeholder="dd/mm/aaaa" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={bad(from)} w={160} />
        <TextInput label={t('audit.to')} placeholder="dd/mm/aaaa" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={bad(to)} w={160} />
      </Group>
      <DataTable<AuditRow>
        path="/audit"
        searchable={false}
        params={{ entity: entity ?? undefined, actor: actorQ || undefined, from: date(from), to: date(to) }}
        columns={[
          { key: 'at', label: t('audit.when'), render: (r) => formatDateTime(r.at) },
          { key: 'actorName', label: t('audit.actor') },
          { key: 'action', label: t('audit.action') },
          { key: 'entity', label: t('audit.entity') },
          { key: 'entityId', label: t('audit.entityId') },
          { key: 'after', label: t('audit.changes'), render: (r) => <Code block style={{ maxWidth: 480, maxHeight: 120, overflow: 'auto' }}>{JSON.stringify(r.after ?? r.before)}</Code> },
        ]}
      />
    </>
  );
}
