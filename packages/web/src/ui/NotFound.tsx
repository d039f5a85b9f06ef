import { Text } from '@mantine/core';
import { useI18n } from '../i18n/index.tsx';

export function NotFound() {
  const { t } = useI18n();
  return <Text c="dimmed">{t('common.empty')}</Text>;
}
