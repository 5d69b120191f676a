// Apps Script's global services, typed by ./apps-script-api. Only the add-on's own tsconfig
// sees these: tests reach the same services through the fakes they pass to the bundle.
import type {
  HtmlServiceApi,
  LockServiceApi,
  PropertiesServiceApi,
  ScriptAppApi,
  SessionApi,
  SpreadsheetAppApi,
  UrlFetchAppApi,
  UtilitiesApi,
} from './apps-script-api';

declare global {
  const SpreadsheetApp: SpreadsheetAppApi;
  const PropertiesService: PropertiesServiceApi;
  const LockService: LockServiceApi;
  const UrlFetchApp: UrlFetchAppApi;
  const HtmlService: HtmlServiceApi;
  const ScriptApp: ScriptAppApi;
  const Session: SessionApi;
  const Utilities: UtilitiesApi;
  /** The server address prefix the add-on may reach, set at build time (urlFetchWhitelist). */
  const CRM_ALLOWED_SERVER: string;
}
