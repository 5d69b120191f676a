// The Excel task pane (dist/addon-excel/taskpane.html): the shared sidebar with Excel as its
// host, once Office.js (loaded by the page from Microsoft's CDN) says Office is ready.
import { createNestablePublicClientApplication } from '@azure/msal-browser';
import { defaultLocale, type Locale } from '../../shared/core/i18n/locale';
import { t } from '../../shared/core/i18n/translate';
import { loadLocale } from '../../shared/ui/app/stored-locale';
import { mountSidebar } from '../../shared/ui/mount-sidebar';
import { ExcelHost } from './excel-host';
import { MicrosoftSignIn } from './microsoft-sign-in';
import { documentSettings, excelRun, officeForSignIn } from './office-adapters';
import { readPageConfig } from './page-config';

/** The sidebar's first language: the user's last choice, else Office's display language. */
export function officeLocale(displayLanguage: string | undefined): Locale {
  const language = (displayLanguage ?? '').toLowerCase();
  if (language.startsWith('en')) return 'en';
  return defaultLocale;
}

async function start(element: HTMLElement): Promise<void> {
  const info = await Office.onReady();
  if (info.host !== Office.HostType.Excel) {
    element.textContent = t('excel.notExcel', loadLocale() ?? defaultLocale);
    return;
  }
  const initial = loadLocale() ?? officeLocale(Office.context.displayLanguage);
  // The sidebar stores the user's switch; the host reads it at each call.
  const locale = () => loadLocale() ?? initial;
  const { microsoft } = readPageConfig(document);
  const signIn =
    microsoft === null
      ? undefined
      : new MicrosoftSignIn({
          config: microsoft,
          office: officeForSignIn(),
          createNestedClient: (config) =>
            createNestablePublicClientApplication({
              auth: { clientId: config.clientId, authority: config.authority },
            }),
          dialogUrl: new URL('sign-in.html', window.location.href).href,
          locale,
        });
  const host = new ExcelHost({
    run: excelRun,
    settings: documentSettings(Office.context.document.settings),
    userStore: window.localStorage,
    ...(signIn === undefined ? {} : { microsoft: signIn }),
    defaultServerUrl: window.location.origin,
    locale,
  });
  mountSidebar(element, host, initial);
}

const element = document.getElementById('app');
if (element !== null) {
  start(element).catch((error: unknown) => {
    element.textContent = error instanceof Error ? error.message : String(error);
  });
}
