import { Button, Group, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useSession } from '../access/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { NotFound } from '../ui/NotFound.tsx';
import { formatCell, resourceByKey } from './resources.ts';

export function CatalogListPage({ resource }: { resource: string }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const def = resourceByKey(resource);
  if (!def) return <NotFound />;
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{def.title[locale]}</Title>
        {can(def.writeAction) && <Button component={Link} to={`/catalog/${def.key}/new`}>{t('common.new')}</Button>}
      </Group>
      <DataTable<Record<string, unknown> & { id: number }>
        key={def.key}
        path={def.path}
        activeFilter
        defaultSort={def.defaultSort}
        rowLink={(row) => `/catalog/${def.key}/${row.id}`}
        columns={def.columns.map((c) => ({ key: c.key, label: c.label[locale], sortable: c.sortable, render: (row) => formatCell(row[c.key], c.format) }))}
      />
    </>
  );
}
