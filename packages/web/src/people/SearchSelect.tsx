import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, qs } from '../api/client.ts';

export type SearchOption = { value: string; label: string };
type Props<R> = {
  label: string;
  name: string;
  /** A list endpoint with the server's accent-insensitive `q` search (name, CURP, matrícula). */
  path: string;
  params?: Record<string, string | number | undefined>;
  toOption: (row: R) => SearchOption;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
  required?: boolean;
};

/** A searchable select over a people list, one option per distinct value (a person appointed twice appears once). */
export function SearchSelect<R>({ label, name, path, params = {}, toOption, value, onChange, error, required }: Props<R>) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<SearchOption | null>(null);
  const rows = useQuery({ queryKey: [path, 'search', params, q], queryFn: () => api.get<{ items: R[] }>(`${path}${qs({ ...params, q, limit: 20 })}`) });
  const options = new Map<string, SearchOption>();
  if (picked && picked.value === value) options.set(picked.value, picked);
  for (const row of rows.data?.items ?? []) {
    const option = toOption(row);
    if (!options.has(option.value)) options.set(option.value, option);
  }
  const choose = (next: string | null) => {
    setPicked(next ? (options.get(next) ?? null) : null);
    onChange(next);
  };
  return (
    <Select label={label} name={name} data={[...options.values()]} value={value} onChange={choose} searchable clearable={!required} required={required} error={error}
      onSearchChange={setSearch} nothingFoundMessage="—" filter={({ options: o }) => o} />
  );
}
