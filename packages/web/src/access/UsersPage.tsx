import { Badge, Button, Group, Title } from '@mantine/core';
import { formatDateTime } from '@sirem/core';
import { Link } from '@tanstack/react-router';
import { useI18n } from '../i18n/index.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { roleLabel } from './roles.ts';

type UserRow = { id: number; username: string; displayName: string; active: boolean; roles: string[]; lastLoginAt: string | null };

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
          { key: 'roles', label: t('users.roles'), render: (u) => u.roles.map((r) => roleLabel(r, locale)).join(', ') },
          { key: 'active', label: t('users.active'), render: (u) => <Badge color={u.active ? 'green' : 'gray'}>{u.active ? t('common.yes') : t('common.no')}</Badge> },
          { key: 'lastLoginAt', label: t('users.lastLogin'), render: (u) => formatDateTime(u.lastLoginAt) },
        ]}
      />
    </>
  );
}
