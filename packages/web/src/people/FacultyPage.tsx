import { Anchor, Select, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { formatDate } from '@sirem/core';
import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { DataTable } from '../ui/DataTable.tsx';

type FacultyRow = { id: number; personId: number; fullName: string; role: string; specialtyName: string; unitName: string; ooadName: string; startsOn: string };

export function FacultyPage() {
  const { t } = useI18n();
  const [role, setRole] = useState<string | null>(null);
  return (
    <>
      <Title order={2} mb="md">{t('faculty.title')}</Title>
      <Select mb="sm" label={t('faculty.role')} data={['titular', 'adjunto', 'tutor']} value={role} onChange={setRole} clearable w={180} />
      <DataTable<FacultyRow>
        path="/people/faculty"
        params={{ role: role ?? undefined }}
        columns={[
          { key: 'fullName', label: t('residents.name'), render: (r) => (r.role === 'tutor' ? <Anchor component={Link} to={`/people/faculty/${r.personId}`}>{r.fullName}</Anchor> : r.fullName) },
          { key: 'role', label: t('faculty.role') },
          { key: 'specialtyName', label: t('residents.specialty') },
          { key: 'unitName', label: t('residents.unit') },
          { key: 'ooadName', label: t('residents.ooad') },
          { key: 'startsOn', label: t('faculty.since'), render: (r) => formatDate(r.startsOn) },
        ]}
      />
    </>
  );
}
