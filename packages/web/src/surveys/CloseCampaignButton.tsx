import { Button, Group, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatDate } from '@sirem/core';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

export type CampaignState = { id: number; cycleCode: string; closesOn: string; closed: boolean; version: number };

/**
 * Closing a campaign ends its answers and publishes its results; it cannot be undone, so it asks
 * first. When someone else closed it meanwhile, the server's 409 says so and the page reloads.
 */
export function CloseCampaignButton({ campaign, onChanged }: { campaign: CampaignState; onChanged: () => Promise<unknown> }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const close = async () => {
    setBusy(true);
    try {
      await api.post(`/surveys/campaigns/${campaign.id}/close`, { version: campaign.version });
      notifications.show({ color: 'green', message: t('results.closedNow') });
    } catch (e) {
      // A notification, not an inline alert: when someone else closed it, this button goes away on reload.
      notifications.show({ color: 'red', autoClose: false, message: e instanceof ApiError ? e.message : String(e) });
    } finally {
      setBusy(false);
      setAsking(false);
      await onChanged();
    }
  };
  return (
    <>
      <Button color="orange" variant="light" w="fit-content" onClick={() => setAsking(true)}>{t('results.close')}</Button>
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('results.close')}>
        <Text mb="md">{t('results.closeConfirm', { cycle: campaign.cycleCode, date: formatDate(campaign.closesOn) })}</Text>
        <Group>
          <Button color="orange" loading={busy} onClick={close}>{t('results.closeYes')}</Button>
          <Button variant="default" onClick={() => setAsking(false)}>{t('common.cancel')}</Button>
        </Group>
      </Modal>
    </>
  );
}
