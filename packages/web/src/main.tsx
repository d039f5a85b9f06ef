import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { type CSSVariablesResolver, createTheme, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionProvider } from './access/session.tsx';
import { I18nProvider } from './i18n/index.tsx';
import { router } from './router.tsx';

// Shade 9 of teal and gray 7 for secondary text keep white-on-primary and dimmed text above the
// WCAG AA contrast ratio (4.5:1); Mantine's defaults (teal 6, gray 6) fall below it.
const theme = createTheme({ primaryColor: 'teal', primaryShade: 9, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' });
const contrast: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-teal-light': 'var(--mantine-color-teal-0)', '--mantine-color-teal-light-color': 'var(--mantine-color-teal-9)' }, dark: {} });
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={contrast}>
      <Notifications position="top-right" />
      <I18nProvider>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </QueryClientProvider>
      </I18nProvider>
    </MantineProvider>
  </StrictMode>,
);

// The built app registers its shell (/sw.js, written at build time) so the activity log opens with no signal.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}
