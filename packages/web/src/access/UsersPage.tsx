import { Badge, Button, Group, Title } from '@mantine/core';
import { SERVICE_ROLES, formatDateTime } from '@sirem/core';
import { Link } from '@tanstack/react-router';
import { type Locale, useI18n } from '../i18n/index.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { roleLabel } from './roles.ts';

type UserRow = { id: number; username: string; displayName: string; active: boolean; roles: string[]; services: string[]; lastLoginAt: string | null };

/** Role names, the jefe de servicio's with the service they head. */
const rolesText = (u: UserRow, locale: Locale) =>
  u.roles.map((r) => ((SERVICE_ROLES as readonly string[]).includes(r) && u.services.length ? `${roleLabel(r, locale)} (${u.services.join(', ')})` : roleLabel(r, locale))).join(', ');

export function UsersPage() {
  const { t, locale } = useI18n();
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t('users.title')}</Title>
        <Button component={Link} to="/admin/users/new">{t('common.new')}</Button>
      </Group>
      <DataTable<UserRow>
        path="/access/users"
        rowLink={(u) => `/admin/users/${u.id}`}
        columns={[
          { key: 'username', label: t('users.username') },
          { key: 'displayName', label: t('users.name') },
          { key: 'roles', label: t('users.roles'), render: (u) => rolesText(u, locale) },
          { key: 'active', label: t('users.active'), render: (u) => <Badge color={u.active ? 'green' : 'gray'}>{u.active ? t('common.yes') : t('common.no')}</Badge> },
          { key: 'lastLoginAt', label: t('users.lastLogin'), render: (u) => formatDateTime(u.lastLoginAt) },
        ]}
      />
    </>
  );
}
