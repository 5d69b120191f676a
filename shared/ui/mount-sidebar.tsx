import { render } from 'preact';
import type { Locale } from '../core/i18n/locale';
import { SidebarApp } from './app/sidebar-app';
import type { SidebarHost } from './host';

/**
 * Renders the sidebar into an element, talking to the sheet through `host`.
 * @example mountSidebar(document.getElementById('app')!, new AppsScriptHost(google.script.run))
 */
export function mountSidebar(element: Element, host: SidebarHost, locale?: Locale): () => void {
  render(
    <SidebarApp host={host} {...(locale === undefined ? {} : { initialLocale: locale })} />,
    element,
  );
  return () => render(null, element);
}
