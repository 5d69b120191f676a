import { t } from '../../shared/core/i18n/translate';
import { stateKeys } from '../../shared/core/sync-client/sync-steps';
import { userLocale } from './user-locale';

const serverUrlKey = 'crm.serverUrl';
const apiTokenKey = 'crm.apiToken';

/** What the sidebar asks for when it opens. */
export interface AddonSettings {
  serverUrl: string;
  /** The address prefix this build may reach (its urlFetchWhitelist). */
  allowedServer: string;
  hasApiToken: boolean;
  locale: string;
}

/** The sync server's address for this document, `''` until the admin sets it. */
export function serverUrl(): string {
  return PropertiesService.getDocumentProperties().getProperty(serverUrlKey) ?? '';
}

/**
 * Whether an address is one this add-on may use: https (plain http only to this machine, for
 * development), and inside the build's urlFetchWhitelist, which Apps Script enforces anyway.
 * Answers the message to show, or undefined when it is fine.
 * @example serverUrlProblem('ftp://x') // '服务器地址格式错误，…'
 */
export function serverUrlProblem(url: string): string | undefined {
  const locale = userLocale();
  const wellFormed =
    /^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[^\s?#]*)?$/.test(url) ||
    /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/[^\s?#]*)?$/.test(url);
  if (!wellFormed) return t('sheets.serverUrl.invalid', locale);
  const withSlash = url.endsWith('/') ? url : `${url}/`;
  if (CRM_ALLOWED_SERVER !== '' && !withSlash.startsWith(CRM_ALLOWED_SERVER)) {
    return t('sheets.serverUrl.notAllowed', locale, { allowed: CRM_ALLOWED_SERVER });
  }
  return undefined;
}

/**
 * Sets the server address for everyone using this document. A new address starts the sync
 * over: checkpoints of one server mean nothing to another.
 */
export function saveServerUrl(url: string): void {
  const trimmed = url.trim().replace(/\/+$/, '');
  const problem = serverUrlProblem(trimmed);
  if (problem !== undefined) throw new Error(problem);
  const properties = PropertiesService.getDocumentProperties();
  if (properties.getProperty(serverUrlKey) === trimmed) return;
  properties.setProperty(serverUrlKey, trimmed);
  for (const key of [stateKeys.checkpoint, stateKeys.epoch, stateKeys.reset, stateKeys.identity]) {
    properties.deleteProperty(key);
  }
}

/** The API token an admin issued to this user, kept in the user's own properties; `''` if none. */
export function apiToken(): string {
  return PropertiesService.getUserProperties().getProperty(apiTokenKey) ?? '';
}

export function saveApiToken(token: string): void {
  const properties = PropertiesService.getUserProperties();
  if (token.trim() === '') properties.deleteProperty(apiTokenKey);
  else properties.setProperty(apiTokenKey, token.trim());
}

/** The token the server accepts: the admin-issued API token if set, else a Google ID token. */
export function signInToken(): string {
  const token = apiToken();
  return token !== '' ? token : ScriptApp.getIdentityToken();
}

export function settings(): AddonSettings {
  return {
    serverUrl: serverUrl(),
    allowedServer: CRM_ALLOWED_SERVER,
    hasApiToken: apiToken() !== '',
    locale: userLocale(),
  };
}
