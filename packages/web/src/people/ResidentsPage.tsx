import { Button, Group, Select, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useSession } from '../access/session.tsx';
import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';
import { NationalitySelect, nationalityParams } from './NationalitySelect.tsx';

type ResidentRow = { id: number; fullName: string; curp: string | null; tempKey: string | null; grade: number; status: string; specialtyName: string; unitName: string; ooadName: string; nationality: string; cycleCode: string };
const STATUSES = ['alta', 'activo', 'licencia', 'baja', 'egresado'];

export function ResidentsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [ooadId, setOoad] = useState<string | null>(null);
  const [specialtyId, setSpecialty] = useState<string | null>(null);
  const [unitId, setUnit] = useState<string | null>(null);
  const [cycleId, setCycle] = useState<string | null>(null);
  const [grade, setGrade] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>('activo');
  const [nationality, setNationality] = useState<string | null>(null);
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t('residents.title')}</Title>
        {can('people.manage') && <Button component={Link} to="/people/residents/new">{t('common.new')}</Button>}
      </Group>
      <Group mb="sm" align="end" wrap="wrap">
        <div style={{ width: 220 }}><RefSelect name="ooadId" label={t('residents.ooad')} path="/catalog/ooads" display="name" value={ooadId} onChange={setOoad} /></div>
        <div style={{ width: 260 }}><RefSelect name="unitId" label={t('residents.unit')} path="/catalog/units" display="name" value={unitId} onChange={setUnit} /></div>
        <div style={{ width: 140 }}><RefSelect name="cycleId" label={t('enrol.cycle')} path="/catalog/cycles" display="code" value={cycleId} onChange={setCycle} /></div>
        <div style={{ width: 260 }}><RefSelect name="specialtyId" label={t('residents.specialty')} path="/catalog/specialties" display="name" value={specialtyId} onChange={setSpecialty} /></div>
        <Select label={t('residents.grade')} data={['1', '2', '3', '4', '5', '6'].map((g) => ({ value: g, label: `R${g}` }))} value={grade} onChange={setGrade} clearable w={100} />
        <Select label={t('common.status')} data={STATUSES} value={status} onChange={setStatus} clearable w={140} />
        <NationalitySelect of="residents" value={nationality} onChange={setNationality} />
      </Group>
      <DataTable<ResidentRow>
        path="/people/residents"
        defaultSort="name"
        params={{ ooadId: ooadId ?? undefined, unitId: unitId ?? undefined, cycleId: cycleId ?? undefined, specialtyId: specialtyId ?? undefined, grade: grade ?? undefined, status: status ?? undefined, ...nationalityParams(nationality) }}
        rowLink={(r) => `/people/residents/${r.id}`}
        columns={[
          { key: 'name', label: t('residents.name'), sortable: true, render: (r) => r.fullName },
          { key: 'curp', label: 'CURP', render: (r) => r.curp ?? r.tempKey },
          { key: 'grade', label: t('residents.grade'), sortable: true, render: (r) => `R${r.grade}` },
          { key: 'status', label: t('common.status') },
          { key: 'specialtyName', label: t('residents.specialty'), sortable: true },
          { key: 'unitName', label: t('residents.unit'), sortable: true },
          { key: 'ooadName', label: t('residents.ooad') },
          { key: 'nationality', label: t('residents.nationality') },
        ]}
      />
    </>
  );
}
