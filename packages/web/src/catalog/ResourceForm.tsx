import { Alert, Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatDate, parseDisplayDate } from '@sirem/core';
import { type FormEvent, useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';
import type { Field, ResourceDef } from './resources.ts';

type Values = Record<string, string | boolean>;
const toDisplay = (field: Field, value: unknown): string | boolean => {
  if (field.kind === 'checkbox') return Boolean(value);
  if (value == null) return '';
  if (field.kind === 'date') return formatDate(String(value));
  if (field.kind === 'intList' && Array.isArray(value)) return value.join(', ');
  return String(value);
};

/** Turns form text into the API's types; a date that does not parse stays text so the schema reports it. */
function toPayload(fields: Field[], values: Values) {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'checkbox') out[f.name] = Boolean(v);
    else if (v === '' || v === undefined) out[f.name] = f.kind === 'date' && f.name === 'validFrom' ? undefined : null;
    else if (f.kind === 'number' || (f.kind === 'select' && f.numeric) || (f.kind === 'ref' && !f.valueKey)) out[f.name] = Number(v);
    else if (f.kind === 'date') out[f.name] = parseDisplayDate(String(v)) ?? String(v);
    else if (f.kind === 'intList') out[f.name] = String(v).split(/[,;\s]+/).filter(Boolean).map(Number);
    else out[f.name] = String(v);
  }
  return out;
}

type Props = { def: ResourceDef; row?: Record<string, unknown>; onSaved: (row: Record<string, unknown>) => void; onCancel?: () => void };

export function ResourceForm({ def, row, onSaved, onCancel }: Props) {
  const { t, locale } = useI18n();
  const [values, setValues] = useState<Values>(() => Object.fromEntries(def.fields.map((f) => [f.name, toDisplay(f, row?.[f.name])])));
  const [version, setVersion] = useState(row?.version as number | undefined);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: string, value: string | boolean) => setValues((v) => ({ ...v, [name]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const payload = toPayload(def.fields, values);
    const parsed = def.schema.safeParse(payload);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      setGeneral(null);
      return;
    }
    setBusy(true);
    try {
      const saved = row
        ? await api.patch<Record<string, unknown>>(`${def.path}/${row.id}`, { ...payload, version })
        : await api.post<Record<string, unknown>>(def.path, payload);
      notifications.show({ color: 'green', message: t(row ? 'common.saved' : 'common.created') });
      onSaved(saved);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'version_conflict' && err.current) {
        const current = err.current as Record<string, unknown>;
        setValues(Object.fromEntries(def.fields.map((f) => [f.name, toDisplay(f, current[f.name])])));
        setVersion(current.version as number);
        setGeneral(t('common.conflict'));
      } else setGeneral(err.message);
      setErrors(Object.fromEntries(err.errors.map((e) => [e.field.split('.')[0] as string, e.message])));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {general && <Alert color="red" role="alert">{general}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {def.fields.map((f) => {
            const label = f.label[locale];
            const common = { label, name: f.name, error: errors[f.name], required: f.required };
            if (f.kind === 'checkbox') return <Checkbox key={f.name} mt="lg" label={label} name={f.name} checked={Boolean(values[f.name])} onChange={(e) => set(f.name, e.currentTarget.checked)} />;
            if (f.kind === 'select')
              return <Select key={f.name} {...common} data={f.options.map((o) => ({ value: o.value, label: o.label[locale] }))} value={String(values[f.name] || '') || null} onChange={(v) => set(f.name, v ?? '')} />;
            if (f.kind === 'ref')
              return <RefSelect key={f.name} {...common} path={f.path} display={f.display} valueKey={f.valueKey} value={String(values[f.name] || '') || null} onChange={(v) => set(f.name, v ?? '')} />;
            if (f.kind === 'number')
              return <NumberInput key={f.name} {...common} value={values[f.name] === '' ? '' : Number(values[f.name])} onChange={(v) => set(f.name, v === '' ? '' : String(v))} allowDecimal={false} />;
            return <TextInput key={f.name} {...common} placeholder={f.kind === 'date' ? 'dd/mm/aaaa' : undefined} value={String(values[f.name] ?? '')} onChange={(e) => set(f.name, e.currentTarget.value)} />;
          })}
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={busy}>{t('common.save')}</Button>
          {onCancel && <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>}
        </Group>
      </Stack>
    </form>
  );
}
