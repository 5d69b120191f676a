import { useEffect, useMemo, useState } from 'preact/hooks';
import { defaultLocale, type Locale } from '../../core/i18n/locale';
import { t } from '../../core/i18n/translate';
import { SidebarApp } from '../app/sidebar-app';
import { loadLocale } from '../app/stored-locale';
import { PlaygroundHost } from './playground-host';
import { SheetGrid } from './sheet-grid';

/** What the server inlined into the page: in playground mode, demo users and their tokens. */
export interface PlaygroundConfig {
  demo: boolean;
  demoUsers: { userId: string; roleId: string; roleName: Record<Locale, string>; token: string }[];
}

/**
 * Reads the config the server put into the page; an empty one when opened from a file.
 * @example readPlaygroundConfig(document).demoUsers.length // 7 in playground mode
 */
export function readPlaygroundConfig(doc: Document): PlaygroundConfig {
  try {
    const text = doc.getElementById('crm-config')?.textContent ?? '';
    const parsed = JSON.parse(text) as Partial<PlaygroundConfig>;
    return { demo: parsed.demo === true, demoUsers: parsed.demoUsers ?? [] };
  } catch {
    return { demo: false, demoUsers: [] };
  }
}

const tokenKey = 'crm.playground.token';

// The roles a newcomer tries first, in the order of the review workflow.
const firstRoles = ['entryClerk', 'reviewer', 'admin'];

/** The playground: pick a demo user (or paste a token), then use the sheet and the sidebar. */
export function Playground({ config }: { config: PlaygroundConfig }) {
  const [locale, setLocale] = useState<Locale>(loadLocale() ?? defaultLocale);
  const demoTokens = config.demoUsers.map((u) => u.token);
  const stored = sessionStorage.getItem(tokenKey) ?? '';
  const [token, setToken] = useState(
    demoTokens.includes(stored) || (stored !== '' && !config.demo)
      ? stored
      : (config.demoUsers.find((u) => u.roleId === 'entryClerk')?.token ?? ''),
  );
  const [pasted, setPasted] = useState('');
  const host = useMemo(
    () =>
      token === ''
        ? undefined
        : new PlaygroundHost(token, {
            serverUrl: location.origin,
            storage: localStorage,
            locale: () => loadLocale() ?? defaultLocale,
          }),
    [token],
  );
  useEffect(() => {
    if (token !== '') sessionStorage.setItem(tokenKey, token);
  }, [token]);

  const users = [...config.demoUsers].sort(
    (a, b) => rank(a.roleId) - rank(b.roleId) || a.roleId.localeCompare(b.roleId),
  );
  return (
    <div class="pg-page" lang={locale}>
      <header class="pg-header">
        <h1 class="pg-title">{t('playground.title', locale)}</h1>
        <p class="pg-intro">
          {t(config.demo ? 'playground.intro' : 'playground.introNoDemo', locale)}
        </p>
        <div class="pg-users" role="group" aria-label={t('playground.chooseUser', locale)}>
          {users.map((u) => (
            <button
              type="button"
              data-role-id={u.roleId}
              class={u.token === token ? 'crm-button is-primary' : 'crm-button'}
              aria-pressed={u.token === token}
              title={u.token}
              onClick={() => setToken(u.token)}
            >
              {u.roleName[locale]}
            </button>
          ))}
          <form
            class="pg-paste"
            onSubmit={(e) => {
              e.preventDefault();
              if (pasted.trim() !== '') setToken(pasted.trim());
              setPasted('');
            }}
          >
            <input
              class="crm-input"
              type="password"
              autoComplete="off"
              placeholder={t('playground.pasteToken', locale)}
              value={pasted}
              onInput={(e) => setPasted(e.currentTarget.value)}
            />
            <button type="submit" class="crm-button">
              {t('playground.useToken', locale)}
            </button>
          </form>
        </div>
        {config.demo && (
          <details class="pg-tokens">
            <summary>{t('playground.showTokens', locale)}</summary>
            <ul>
              {users.map((u) => (
                <li>
                  {u.roleName[locale]} <code>{u.token}</code>
                </li>
              ))}
            </ul>
          </details>
        )}
      </header>
      {host === undefined ? (
        <p class="pg-empty">{t('playground.noToken', locale)}</p>
      ) : (
        <div class="pg-main">
          <SheetGrid host={host} locale={locale} />
          <aside class="pg-sidebar" aria-label={t('ui.title', locale)}>
            <SidebarApp key={token} host={host} initialLocale={locale} onLocaleChange={setLocale} />
          </aside>
        </div>
      )}
    </div>
  );
}

function rank(roleId: string): number {
  const i = firstRoles.indexOf(roleId);
  return i < 0 ? firstRoles.length : i;
}
