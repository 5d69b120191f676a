import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { defaultLocale, type Locale } from '../../core/i18n/locale';
import type { MessageKey } from '../../core/i18n/messages';
import { ApiFailure, createServerApi, type MeAnswer } from '../api/server-api';
import { ErrorNote } from '../components/notice';
import type { SidebarHost } from '../host';
import { visiblePanels, type PanelId } from '../panel-access';
import { AdminPanel } from '../panels/admin-panel';
import { EntryPanel } from '../panels/entry-panel';
import { ReviewPanel } from '../panels/review-panel';
import { SyncPanel } from '../panels/sync-panel';
import { TagsPanel } from '../panels/tags-panel';
import { sheetDropdowns } from '../sheet-dropdowns';
import { ServerSetup } from './server-setup';
import { SignInForm } from './sign-in-form';
import { SidebarContext, translator, type SidebarContextValue } from './sidebar-context';
import { loadLocale, saveLocale } from './stored-locale';

const tabLabels: Record<PanelId, MessageKey> = {
  entry: 'ui.tab.entry',
  tags: 'ui.tab.tags',
  sync: 'ui.tab.sync',
  review: 'ui.tab.review',
  admin: 'ui.tab.admin',
};

type Loaded =
  | { state: 'loading' }
  | { state: 'noServer' }
  | { state: 'signIn'; refusal?: string }
  | { state: 'failed'; message: string }
  | { state: 'ready'; me: MeAnswer };

/**
 * The sidebar: who is signed in, a tab per panel the role may use, Chinese by default with an
 * English switch. Everything about the sheet goes through `host`.
 */
export function SidebarApp({
  host,
  initialLocale,
  onLocaleChange,
}: {
  host: SidebarHost;
  initialLocale?: Locale;
  /** Tells the page around the sidebar (the playground) that the user switched language. */
  onLocaleChange?: (locale: Locale) => void;
}) {
  const [locale, setLocale] = useState<Locale>(initialLocale ?? loadLocale() ?? defaultLocale);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [tab, setTab] = useState<PanelId | undefined>(undefined);
  const [reloads, setReloads] = useState(0);
  // The API reads the language at call time, so a switch applies to the next request at once.
  const localeRef = useRef(locale);
  const api = useMemo(
    () =>
      createServerApi({
        serverUrl: () => host.getServerUrl(),
        token: () => host.getToken(),
        locale: () => localeRef.current,
        client: host.client,
        // Where the user signs in here, a token the server stopped accepting (revoked,
        // expired) sends them back to the sign-in form, saying why.
        onUnauthorized: (failure) => {
          if (host.signIn !== undefined) setLoaded({ state: 'signIn', refusal: failure.message });
        },
      }),
    [host],
  );
  localeRef.current = locale;
  const t = translator(locale);

  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    (async () => {
      if ((await host.getServerUrl()) === '') return { state: 'noServer' } as const;
      const { signIn } = host;
      if (signIn !== undefined && !(await signIn.isSignedIn())) return { state: 'signIn' } as const;
      try {
        return { state: 'ready', me: await api.me() } as const;
      } catch (error) {
        // Where the user signs in here, a refused token means: sign in again.
        if (signIn !== undefined && error instanceof ApiFailure && error.status === 401) {
          return { state: 'signIn', refusal: error.message } as const;
        }
        throw error;
      }
    })().then(
      (next) => live && setLoaded(next),
      (error: unknown) =>
        live &&
        setLoaded({
          state: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      live = false;
    };
  }, [host, api, reloads]);

  // The sheet's dropdowns follow the sidebar's language, so what users pick is what it shows.
  const ready = loaded.state === 'ready';
  useEffect(() => {
    if (ready) host.setDropdowns(sheetDropdowns(locale)).catch(() => undefined);
  }, [host, ready, locale]);

  const switchLocale = (next: Locale) => {
    setLocale(next);
    saveLocale(next);
    onLocaleChange?.(next);
  };

  const header = (
    <header class="crm-header">
      <strong class="crm-title">{t('ui.title')}</strong>
      <span class="crm-langs" role="group" aria-label={t('ui.language')}>
        {(['zh-CN', 'en'] as const).map((l) => (
          <button
            type="button"
            class={l === locale ? 'crm-lang is-active' : 'crm-lang'}
            aria-pressed={l === locale}
            onClick={() => switchLocale(l)}
          >
            {l === 'zh-CN' ? '中文' : 'EN'}
          </button>
        ))}
      </span>
    </header>
  );

  if (loaded.state !== 'ready') {
    return (
      <div class="crm-sidebar" lang={locale}>
        {header}
        {loaded.state === 'loading' && <p class="crm-muted">{t('ui.loading')}</p>}
        {loaded.state === 'noServer' && (
          <ServerSetup host={host} t={t} onSaved={() => setReloads((n) => n + 1)} />
        )}
        {loaded.state === 'signIn' && host.signIn !== undefined && (
          <SignInForm
            signIn={host.signIn}
            t={t}
            {...(loaded.refusal === undefined ? {} : { refusal: loaded.refusal })}
            onSignedIn={() => setReloads((n) => n + 1)}
          />
        )}
        {loaded.state === 'failed' && (
          <div>
            <ErrorNote message={t('ui.signInFailed', { detail: loaded.message })} />
            <button type="button" class="crm-button" onClick={() => setReloads((n) => n + 1)}>
              {t('ui.retry')}
            </button>
          </div>
        )}
      </div>
    );
  }

  const { me } = loaded;
  const panels = visiblePanels(me.role);
  const current = tab !== undefined && panels.includes(tab) ? tab : panels[0];
  const context: SidebarContextValue = { host, api, me, locale, t };
  return (
    <SidebarContext.Provider value={context}>
      <div class="crm-sidebar" lang={locale}>
        {header}
        <p class="crm-who">
          {t('ui.signedInAs', { name: me.user.displayName, role: me.role.name[locale] })}
          {host.signIn !== undefined && (
            <button
              type="button"
              class="crm-link"
              data-role="sign-out"
              onClick={() => {
                const { signIn } = host;
                void signIn?.signOut().finally(() => setReloads((n) => n + 1));
              }}
            >
              {t('ui.signOut')}
            </button>
          )}
        </p>
        {panels.length === 0 ? (
          <p class="crm-muted">{t('ui.noPanels')}</p>
        ) : (
          <nav class="crm-tabs" role="tablist">
            {panels.map((id) => (
              <button
                type="button"
                role="tab"
                data-tab={id}
                aria-selected={id === current}
                class={id === current ? 'crm-tab is-active' : 'crm-tab'}
                onClick={() => setTab(id)}
              >
                {t(tabLabels[id])}
              </button>
            ))}
          </nav>
        )}
        <main class="crm-panel" role="tabpanel" data-panel={current}>
          {current === 'entry' && <EntryPanel />}
          {current === 'tags' && <TagsPanel />}
          {current === 'sync' && <SyncPanel />}
          {current === 'review' && <ReviewPanel />}
          {current === 'admin' && <AdminPanel />}
        </main>
      </div>
    </SidebarContext.Provider>
  );
}
