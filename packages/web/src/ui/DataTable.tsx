import { Anchor, Button, Group, SegmentedControl, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { api, type Page, qs } from '../api/client.ts';
import { formatNumber, useI18n } from '../i18n/index.tsx';

export type Column<T> = { key: string; label: string; sortable?: boolean; render?: (row: T) => ReactNode };
type Props<T> = {
  /** API list path, e.g. /catalog/units; the export is the same path + /export.xlsx. */
  path: string;
  columns: Column<T>[];
  params?: Record<string, string | number | undefined>;
  rowLink?: (row: T) => string;
  activeFilter?: boolean;
  toolbar?: ReactNode;
  defaultSort?: string;
  exportable?: boolean;
  searchable?: boolean;
};

/** Searchable, sortable, cursor-paginated table over a list endpoint, with its Excel export. */
export function DataTable<T extends { id: number }>({ path, columns, params = {}, rowLink, activeFilter = false, toolbar, defaultSort, exportable = true, searchable = true }: Props<T>) {
  const { t, locale } = useI18n();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [sort, setSort] = useState<{ key?: string; dir: 'asc' | 'desc' }>({ key: defaultSort, dir: 'asc' });
  const [active, setActive] = useState('true');
  const query = { ...params, q, sort: sort.key, dir: sort.key ? sort.dir : undefined, ...(activeFilter ? { active } : {}) };
  const list = useInfiniteQuery({
    queryKey: [path, query],
    queryFn: ({ pageParam }) => api.get<Page<T>>(`${path}${qs({ ...query, cursor: pageParam, limit: 50 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  const toggleSort = (key: string) => setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' }));
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="end" wrap="wrap">
        {searchable ? <TextInput label={t('common.search')} placeholder={t('common.searchHint')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={{ base: '100%', sm: 320 }} type="search" /> : <span />}
        <Group gap="xs">
          {activeFilter && (
            <SegmentedControl size="xs" value={active} onChange={setActive} data={[{ value: 'true', label: t('common.active') }, { value: 'false', label: t('common.inactive') }, { value: 'all', label: t('common.all') }]} />
          )}
          {toolbar}
          {exportable && <Button component="a" variant="default" size="xs" href={`/api/v1${path}/export.xlsx${qs(query)}`} download>{t('common.export')}</Button>}
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.key} aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {c.sortable ? (
                    <UnstyledButton onClick={() => toggleSort(c.key)} fw={700} fz="sm">
                      {c.label} {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </UnstyledButton>
                  ) : c.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                {columns.map((c, i) => {
                  const content = c.render ? c.render(row) : String((row as Record<string, unknown>)[c.key] ?? '');
                  return <Table.Td key={c.key}>{i === 0 && rowLink ? <Anchor component={Link} to={rowLink(row)}>{content}</Anchor> : content}</Table.Td>;
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.isLoading && <Text c="dimmed">{t('common.loading')}</Text>}
      {list.isError && <Text c="red" role="alert">{(list.error as Error).message}</Text>}
      {!list.isLoading && rows.length === 0 && !list.isError && <Text c="dimmed">{t('common.empty')}</Text>}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="table-total">{t('common.total', { shown: formatNumber(rows.length, locale), total: formatNumber(total, locale) })}</Text>
        {list.hasNextPage && <Button variant="light" size="xs" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>{t('common.more')}</Button>}
      </Group>
    </Stack>
  );
}
