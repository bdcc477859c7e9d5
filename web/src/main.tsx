/**
 * @module web/main
 * The browser entry: providers (language, router, session) around the app shell, rendered once the
 * first screen's code has arrived (`preloadFirstScreen`).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadFirstScreen } from './app.tsx';
import { hasStoredSession, SessionProvider } from './auth/session.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { RouterProvider } from './router/router.tsx';
import './styles.css';

await preloadFirstScreen(window.location.pathname, hasStoredSession());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <RouterProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </RouterProvider>
    </I18nProvider>
  </StrictMode>,
);
