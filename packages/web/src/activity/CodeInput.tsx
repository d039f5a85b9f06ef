import { Autocomplete } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../api/client.ts';

/** A CIE code field: type the code or words of the description; offline it accepts what is typed and the server checks it on sync. */
export function CodeInput({ system, label, value, onChange, hint }: { system: 'cie10' | 'cie9mc'; label: string; value: string; onChange: (v: string) => void; hint: string }) {
  const search = value.trim();
  const found = useQuery({
    queryKey: ['codes', system, search],
    enabled: search.length >= 2 && navigator.onLine,
    queryFn: () => api.get<{ items: { code: string; description: string }[] }>(`/activity/codes${qs({ system, q: search, limit: 8 })}`),
    staleTime: 60_000,
  });
  const options = (found.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.code} ${c.description}` }));
  return (
    <Autocomplete
      label={label}
      placeholder={hint}
      value={value}
      onChange={onChange}
      onOptionSubmit={(v) => onChange(v)}
      data={options}
      filter={({ options: o }) => o}
    />
  );
}
