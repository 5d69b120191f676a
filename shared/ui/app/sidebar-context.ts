import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from '../../core/i18n/locale';
import type { MessageKey } from '../../core/i18n/messages';
import { t as translate, type MessageParams } from '../../core/i18n/translate';
import type { MeAnswer, ServerApi } from '../api/server-api';
import type { SidebarHost } from '../host';

/** What every panel needs: the host, the server, who is signed in, and the language. */
export interface SidebarContextValue {
  host: SidebarHost;
  api: ServerApi;
  me: MeAnswer;
  locale: Locale;
  t: (key: MessageKey, params?: MessageParams) => string;
}

export const SidebarContext = createContext<SidebarContextValue | null>(null);

/**
 * The sidebar's context inside a panel.
 * @example const { t, api } = useSidebar()
 */
export function useSidebar(): SidebarContextValue {
  const value = useContext(SidebarContext);
  if (value === null) throw new Error('useSidebar outside SidebarContext');
  return value;
}

/**
 * A `t` bound to one language.
 * @example translator('en')('ui.tab.entry') // 'Entry'
 */
export function translator(locale: Locale): SidebarContextValue['t'] {
  return (key, params) => translate(key, locale, params);
}
