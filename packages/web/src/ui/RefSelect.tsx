import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, qs } from '../api/client.ts';

type Props = { label: string; path: string; display: string | ((row: Record<string, unknown>) => string); valueKey?: string; value: string | null; onChange: (v: string | null) => void; error?: string; required?: boolean; name: string };

/** A searchable select over a list endpoint (accent-insensitive search on the server). */
export function RefSelect({ label, path, display, valueKey = 'id', value, onChange, error, required, name }: Props) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const options = useQuery({
    queryKey: ['ref', path, q],
    queryFn: () => api.get<{ items: Record<string, unknown>[] }>(`${path}${qs({ q, limit: 50 })}`),
  });
  const current = useQuery({
    queryKey: ['ref-one', path, value],
    enabled: Boolean(value) && valueKey === 'id',
    queryFn: () => api.get<Record<string, unknown>>(`${path}/${value}`),
  });
  const items = [...(options.data?.items ?? [])];
  if (current.data && !items.some((i) => String(i[valueKey]) === value)) items.unshift(current.data);
  const show = (i: Record<string, unknown>) => (typeof display === 'function' ? display(i) : String(i[display]));
  const data = items.map((i) => ({ value: String(i[valueKey]), label: show(i) }));
  return (
    <Select label={label} name={name} data={data} value={value} onChange={onChange} searchable clearable={!required} required={required} error={error}
      onSearchChange={setSearch} nothingFoundMessage="—" filter={({ options: o }) => o} />
  );
}
