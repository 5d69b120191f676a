// The sidebar page of the Google Sheets add-on (dist/shared-ui/sidebar.html): the sidebar with
// google.script.run as its host.
import { defaultLocale } from '../core/i18n/locale';
import { t } from '../core/i18n/translate';
import { AppsScriptHost, type GoogleScriptRun } from './hosts/apps-script-host';
import { mountSidebar } from './mount-sidebar';

const run = (globalThis as { google?: { script?: { run?: GoogleScriptRun } } }).google?.script?.run;
const element = document.getElementById('app');
if (element !== null) {
  if (run === undefined) element.textContent = t('ui.noHost', defaultLocale);
  else mountSidebar(element, new AppsScriptHost(run));
}
