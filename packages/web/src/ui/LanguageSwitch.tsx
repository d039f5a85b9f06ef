import { Button } from '@mantine/core';
import { useI18n } from '../i18n/index.tsx';

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <Button variant="subtle" size="compact-sm" onClick={() => setLocale(locale === 'es' ? 'en' : 'es')} lang={locale === 'es' ? 'en' : 'es'}>
      {t('lang.switch')}
    </Button>
  );
}
