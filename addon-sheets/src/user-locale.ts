import { pickLocale, type Locale } from '../../shared/core/i18n/locale';

/** The user's interface language from their Google account (`zh_CN`, `en_US`); zh-CN otherwise. */
export function userLocale(): Locale {
  try {
    return pickLocale(Session.getActiveUserLocale().replace('_', '-'));
  } catch {
    // Before authorisation (onOpen in AuthMode.NONE) the session may not say.
    return 'zh-CN';
  }
}
