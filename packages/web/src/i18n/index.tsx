import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { en } from './en.ts';
import { es, type MessageKey } from './es.ts';

export type Locale = 'es' | 'en';
const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { es, en };
const STORAGE = 'sirem.locale';

type I18n = { locale: Locale; setLocale: (l: Locale) => void; t: (key: MessageKey, vars?: Record<string, string | number>) => string };
const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem(STORAGE) === 'en' ? 'en' : 'es'));
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE, l);
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);
  const t = useCallback(
    (key: MessageKey, vars: Record<string, string | number> = {}) =>
      CATALOGUES[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)),
    [locale],
  );
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Ctx);
  if (!value) throw new Error('I18nProvider missing');
  return value;
}

/** Numbers in es-MX style (26,350) or en. */
export const formatNumber = (n: number, locale: Locale) => new Intl.NumberFormat(locale === 'es' ? 'es-MX' : 'en-US').format(n);
