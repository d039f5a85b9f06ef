import { Alert, Anchor, List, Text } from '@mantine/core';
import { useI18n } from '../i18n/index.tsx';

type Resource = { name: string; phone: string; hours: { es: string; en: string } };

/** Shown at once after PHQ-9 item 9 above 0: free lines to call now, as tappable phone links. */
export function CrisisResources({ resources }: { resources: Resource[] }) {
  const { t, locale } = useI18n();
  return (
    <Alert color="red" variant="filled" title={t('wellbeing.crisisTitle')} role="alert" data-testid="crisis">
      <Text size="sm" mb="xs">{t('wellbeing.crisisText')}</Text>
      <List size="sm">
        {resources.map((r) => (
          <List.Item key={r.phone}>
            {r.name}: <Anchor c="white" fw={700} href={`tel:${r.phone.replace(/\s/g, '')}`}>{r.phone}</Anchor> ({r.hours[locale]})
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
