import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { SERVICE_ROLES } from '@sirem/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';
import { roleOptions, scopeOptions } from './roles.ts';

export type GrantDraft = { role: string; scopeKind: string; ooadId?: number | null; unitId?: number | null; sedeId?: number | null; serviceId?: number | null };
const TARGET: Record<string, { key: 'ooadId' | 'unitId' | 'sedeId'; path: string; display: string | ((r: Record<string, unknown>) => string) }> = {
  ooad: { key: 'ooadId', path: '/catalog/ooads', display: 'name' },
  unit: { key: 'unitId', path: '/catalog/units', display: 'name' },
  sede: { key: 'sedeId', path: '/catalog/sedes', display: (r) => `${r.specialtyName} · ${r.unitName}` },
};

/** Roles with their scope: each role offers only the scope kinds it may take, then the OOAD, unit or sede. */
export function GrantsEditor({ value, onChange, errors }: { value: GrantDraft[]; onChange: (g: GrantDraft[]) => void; errors: Record<string, string> }) {
  const { t, locale } = useI18n();
  const update = (i: number, patch: Partial<GrantDraft>) => onChange(value.map((g, k) => (k === i ? { ...g, ...patch } : g)));
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('users.grants')}</Text>
      {value.map((g, i) => {
        const target = TARGET[g.scopeKind];
        return (
          <Group key={i} align="end" wrap="wrap">
            <Select label={t('users.role')} data={roleOptions(locale)} value={g.role} w={260}
              onChange={(role) => update(i, { role: role ?? '', scopeKind: scopeOptions(role ?? '', locale)[0]?.value ?? '', ooadId: null, unitId: null, sedeId: null, serviceId: null })} />
            <Select label={t('users.scope')} data={scopeOptions(g.role, locale)} value={g.scopeKind} w={140} onChange={(s) => update(i, { scopeKind: s ?? '' })}
              error={errors[`grants.${i}.scopeKind`]} />
            {target && (
              <div style={{ minWidth: 260, flex: 1 }}>
                <RefSelect name={`grant-${i}`} label={t('users.scopeEntity')} path={target.path} display={target.display}
                  value={g[target.key] ? String(g[target.key]) : null} onChange={(v) => update(i, { [target.key]: v ? Number(v) : null, serviceId: null })}
                  error={errors[`grants.${i}.${target.key}`]} required />
              </div>
            )}
            {(SERVICE_ROLES as readonly string[]).includes(g.role) && (
              <ServiceSelect index={i} unitId={g.unitId ?? null} value={g.serviceId ?? null} onChange={(serviceId) => update(i, { serviceId })} error={errors[`grants.${i}.serviceId`]} />
            )}
            <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={() => onChange(value.filter((_, k) => k !== i))}>✕</ActionIcon>
          </Group>
        );
      })}
      <Button variant="light" size="xs" w="fit-content" onClick={() => onChange([...value, { role: 'residente', scopeKind: 'self' }])}>{t('users.addGrant')}</Button>
    </Stack>
  );
}

/** The service a jefe de servicio heads, among the services of the grant's unit (chosen first). */
function ServiceSelect({ index, unitId, value, onChange, error }: { index: number; unitId: number | null; value: number | null; onChange: (v: number | null) => void; error?: string }) {
  const { t } = useI18n();
  const services = useQuery({
    queryKey: ['/rotations/services', 'unit', unitId],
    enabled: Boolean(unitId),
    queryFn: () => api.get<{ items: { id: number; name: string }[] }>(`/rotations/services?unitId=${unitId}&limit=200`),
  });
  const data = (services.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name }));
  return (
    <Select name={`grant-${index}-service`} label={t('users.service')} data={data} value={value ? String(value) : null} w={240} required searchable
      disabled={!unitId} placeholder={unitId ? undefined : t('users.serviceNeedsUnit')} nothingFoundMessage={t('users.noServices')}
      onChange={(v) => onChange(v ? Number(v) : null)} error={error} />
  );
}
