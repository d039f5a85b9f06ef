import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

const FOREIGN = 'foreign';

/** The list filters a nationality choice stands for: one country, or every country but Mexico. */
export const nationalityParams = (value: string | null) =>
  value === FOREIGN ? { foreign: 'true' } : value ? { nationality: value } : {};

/** Countries present among the residents or faculty the user may see, plus "all foreign". */
export function NationalitySelect({ of, value, onChange }: { of: 'residents' | 'faculty'; value: string | null; onChange: (value: string | null) => void }) {
  const { t } = useI18n();
  const codes = useQuery({ queryKey: ['/people/nationalities', of], queryFn: () => api.get<{ items: string[] }>(`/people/nationalities?of=${of}`), staleTime: 300_000 });
  const data = [{ value: FOREIGN, label: t('faculty.allForeign') }, ...(codes.data?.items ?? []).map((code) => ({ value: code, label: code }))];
  return <Select label={t('residents.nationality')} name="nationality" data={data} value={value} onChange={onChange} searchable clearable w={200} />;
}
