import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatDate, parseDisplayDate } from '@sirem/core';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { api, ApiError, fieldErrors } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { RefSelect } from '../ui/RefSelect.tsx';
import type { BlockDraft } from './FieldRule.tsx';

export type EditableBlock = { id: number; residentId: number; serviceId: number; serviceName: string; startsOn: string; endsOn: string; kind: string; note: string | null; version: number };

/**
 * Changes one rotation block's service, dates or kind; the server checks overlap, capacity and the
 * campo rule and refuses a stale version, and its message is shown as it comes. `check` shows what
 * the campo rule says of the change as it is typed.
 */
export function EditBlockModal({ block, residentName, onClose, onSaved, check }: { block: EditableBlock | null; residentName: string; onClose: () => void; onSaved: () => Promise<unknown>; check?: (draft: BlockDraft) => ReactNode }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ serviceId: null as string | null, from: '', to: '', kind: 'regular' });
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  useEffect(() => {
    if (block) setForm({ serviceId: String(block.serviceId), from: formatDate(block.startsOn), to: formatDate(block.endsOn), kind: block.kind });
    setError(null);
    setFields({});
  }, [block]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!block) return;
    const startsOn = parseDisplayDate(form.from);
    const endsOn = parseDisplayDate(form.to);
    if (!startsOn || !endsOn) return setFields({ ...(startsOn ? {} : { startsOn: t('plan.badDate') }), ...(endsOn ? {} : { endsOn: t('plan.badDate') }) });
    try {
      await api.patch(`/rotations/${block.id}`, { residentId: block.residentId, serviceId: Number(form.serviceId), startsOn, endsOn, kind: form.kind, note: block.note, version: block.version });
      notifications.show({ color: 'green', message: t('plan.saved') });
      onClose();
      await onSaved();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err.message);
      setFields(fieldErrors(err));
      // A stale version: the plan is reloaded so the next attempt starts from what is saved now.
      if (err.status === 409 && err.code === 'version_conflict') await onSaved();
    }
  };
  return (
    <Modal opened={block !== null} onClose={onClose} title={block ? t('plan.editTitle', { service: block.serviceName, name: residentName }) : ''}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <RefSelect name="serviceId" label={t('plan.service')} path="/rotations/services" display={(s) => `${s.name} · ${s.unitName}`} value={form.serviceId} onChange={(v) => setForm({ ...form, serviceId: v })} error={fields.serviceId} />
          <Group grow>
            <TextInput label={t('plan.from')} name="startsOn" placeholder="dd/mm/aaaa" value={form.from} onChange={(e) => setForm({ ...form, from: e.currentTarget.value })} error={fields.startsOn} />
            <TextInput label={t('plan.to')} name="endsOn" placeholder="dd/mm/aaaa" value={form.to} onChange={(e) => setForm({ ...form, to: e.currentTarget.value })} error={fields.endsOn} />
          </Group>
          <Select label={t('plan.kind')} data={['regular', 'campo']} value={form.kind} onChange={(v) => setForm({ ...form, kind: v ?? 'regular' })} />
          {block && check?.(form)}
          <Group>
            <Button type="submit" disabled={!form.serviceId}>{t('common.save')}</Button>
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
