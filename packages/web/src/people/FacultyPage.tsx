import { Anchor, Group, Select, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { FACULTY_ROLES, formatDate } from '@sirem/core';
import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';
import { roleKey } from './faculty-roles.ts';
import { NationalitySelect, nationalityParams } from './NationalitySelect.tsx';

type FacultyRow = { id: number; personId: number; sedeId: number; fullName: string; role: string; nationality: string; specialtyName: string; unitName: string; ooadName: string; startsOn: string };

/** Every appointment in the user's scope, filtered like the residents list; appointments are managed on each sede's page. */
export function FacultyPage() {
  const { t } = useI18n();
  const [role, setRole] = useState<string | null>(null);
  const [ooadId, setOoad] = useState<string | null>(null);
  const [unitId, setUnit] = useState<string | null>(null);
  const [specialtyId, setSpecialty] = useState<string | null>(null);
  const [nationality, setNationality] = useState<string | null>(null);
  return (
    <>
      <Title order={2} mb="md">{t('faculty.title')}</Title>
      <Group mb="sm" align="end" wrap="wrap">
        <Select label={t('faculty.role')} data={FACULTY_ROLES.map((r) => ({ value: r, label: t(roleKey(r)) }))} value={role} onChange={setRole} clearable w={180} />
        <div style={{ width: 220 }}><RefSelect name="ooadId" label={t('residents.ooad')} path="/catalog/ooads" display="name" value={ooadId} onChange={setOoad} /></div>
        <div style={{ width: 260 }}><RefSelect name="unitId" label={t('residents.unit')} path="/catalog/units" display="name" value={unitId} onChange={setUnit} /></div>
        <div style={{ width: 260 }}><RefSelect name="specialtyId" label={t('residents.specialty')} path="/catalog/specialties" display="name" value={specialtyId} onChange={setSpecialty} /></div>
        <NationalitySelect of="faculty" value={nationality} onChange={setNationality} />
      </Group>
      <DataTable<FacultyRow>
        path="/people/faculty"
        params={{ role: role ?? undefined, ooadId: ooadId ?? undefined, unitId: unitId ?? undefined, specialtyId: specialtyId ?? undefined, ...nationalityParams(nationality) }}
        columns={[
          { key: 'fullName', label: t('residents.name'), render: (r) => (r.role === 'tutor' ? <Anchor component={Link} to={`/people/faculty/${r.personId}`}>{r.fullName}</Anchor> : r.fullName) },
          { key: 'role', label: t('faculty.role'), render: (r) => t(roleKey(r.role)) },
          { key: 'specialtyName', label: t('residents.specialty'), render: (r) => <Anchor component={Link} to={`/catalog/sedes/${r.sedeId}`}>{r.specialtyName}</Anchor> },
          { key: 'unitName', label: t('residents.unit') },
          { key: 'ooadName', label: t('residents.ooad') },
          { key: 'nationality', label: t('residents.nationality') },
          { key: 'startsOn', label: t('faculty.since'), render: (r) => formatDate(r.startsOn) },
        ]}
      />
    </>
  );
}
