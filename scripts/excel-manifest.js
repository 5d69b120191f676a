// The Excel add-in's XML manifest (add-in only manifest, schema 1.1 with VersionOverrides 1.0):
// a task pane for Excel (Hosts Workbook) with a button on the Home tab, every page and icon on
// the sync server, which serves them under /excel/ from its own origin.
//
//   import { excelManifest } from './excel-manifest.js';
//   writeFileSync('dist/addon-excel/manifest.xml', excelManifest({ serverUrl }));
//
// addon-excel/manifest-schema/ holds the schema test/addon-excel/manifest.test.ts checks it with;
// addon-excel/SIDELOAD.md says how to install it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The add-in's id. Office knows an add-in by it (an update keeps it); fixed here so that every
 * build for every server is the same add-in, unless a deployment passes its own.
 */
export const excelAddinId = 'b5791790-f29a-4ea5-b33e-dabf8c28e0e2';

/** Icon sizes served from <server>/excel/assets/icon-<size>.png. */
export const excelIconSizes = [16, 32, 64, 80];

/**
 * The minimum Excel API: list data validation (the dropdowns) is ExcelApi 1.8, which also covers
 * getRangeByIndexes (1.7) and the *OrNullObject getters (1.4). Office hides the add-in where the
 * set is missing (Excel 2016 bought outright, for one).
 */
export const excelApiMinVersion = '1.8';

// Office's limits (addon-excel/manifest-schema): GUID ids, versions of up to four numbers.
const guidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const versionPattern = /^\d{1,5}(\.\d{1,5}){0,3}$/;
const maxUrlLength = 2048;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

// What Office shows: zh-CN by default, en-US for an English Office.
const strings = {
  displayName: { zh: '客户信息', en: 'Customer information' },
  description: {
    zh: '在 Excel 中录入、校验、审核并同步客户信息，数据保存在贵公司的同步服务器上。',
    en: "Enter, check, review and sync customer information in Excel, kept on your company's sync server.",
  },
  groupLabel: { zh: '客户信息', en: 'Customers' },
  buttonLabel: { zh: '打开侧边栏', en: 'Open the pane' },
  buttonTip: {
    zh: '打开客户信息侧边栏：录入、同步、审核与管理。',
    en: 'Open the customer information pane: entry, sync, review and admin.',
  },
  paneTitle: { zh: '客户信息', en: 'Customers' },
};

/**
 * The server address the manifest points at: https://host[:port][/path] without a trailing
 * slash. Plain http only for this machine (localhost, 127.0.0.1, [::1]): builds and tests here;
 * Office itself loads add-ins only over https.
 */
export function excelServerUrl(serverUrl) {
  const raw = String(serverUrl ?? '').trim();
  let url = null;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  const secure =
    url !== null &&
    (url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname)));
  const plain = url !== null && url.username === '' && url.password === '' && !/[?#]/.test(raw);
  if (!secure || !plain) {
    throw new Error(
      `The Excel add-in's server address must be https://host[:port][/path] (got ${JSON.stringify(raw)}): ` +
        'Office loads add-ins only over https. Plain http is accepted only for localhost and ' +
        '127.0.0.1, for builds and tests on this machine. Set CRM_PUBLIC_URL.',
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Where the server serves the add-in's pages and icons (see the file comment). */
export function excelAddinUrls(serverUrl) {
  const base = `${excelServerUrl(serverUrl)}/excel`;
  return {
    taskpane: `${base}/taskpane.html`,
    signIn: `${base}/sign-in.html`,
    icons: Object.fromEntries(
      excelIconSizes.map((size) => [size, `${base}/assets/icon-${size}.png`]),
    ),
  };
}

/**
 * The manifest XML. `id` and `version` default to excelAddinId and package.json's version (raise
 * the version for Office to pick up a changed manifest). Throws on a value Office would refuse.
 *
 * No AppDomains: every page is on the server's origin, the one SourceLocation names, and
 * Microsoft's reference says listing that origin again has no effect. No WebApplicationInfo:
 * Microsoft sign-in is MSAL nested app authentication, which does not use it (it is for
 * Office.auth.getAccessToken).
 */
export function excelManifest({
  serverUrl,
  id = excelAddinId,
  version = packageVersion(),
  providerName = 'Sheet CRM',
}) {
  const urls = excelAddinUrls(serverUrl);
  const refuse = (problem, value) => {
    throw new Error(`${problem} (got ${JSON.stringify(value)})`);
  };
  if (!guidPattern.test(id)) refuse('The add-in id must be a GUID', id);
  if (!versionPattern.test(version)) {
    refuse('The add-in version must be one to four numbers joined by dots, such as 1.2.0', version);
  }
  if (providerName.length < 1 || providerName.length > 125) {
    refuse('providerName must have 1 to 125 characters', providerName);
  }
  if (urls.taskpane.length > maxUrlLength) {
    refuse(
      `The server address is too long for Office (${maxUrlLength} characters at most)`,
      serverUrl,
    );
  }

  const x = escapeXml;
  const en = (text) => `<Override Locale="en-US" Value="${x(text)}"/>`;
  const btEn = (text) => `<bt:Override Locale="en-US" Value="${x(text)}"/>`;
  // Ribbon icons: 16, 32 and 80 pixels are the sizes Office requires.
  const ribbonIcons = (indent) =>
    [16, 32, 80]
      .map((size) => `<bt:Image size="${size}" resid="Icon.${size}"/>`)
      .join(`\n${indent}`);
  const shortString = (resid, s) =>
    `<bt:String id="${resid}" DefaultValue="${x(s.zh)}">${btEn(s.en)}</bt:String>`;

  // Element order is Office's (xs:sequence in the schema): keep it when editing.
  return `<?xml version="1.0" encoding="UTF-8"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0" xsi:type="TaskPaneApp">
  <Id>${x(id)}</Id>
  <Version>${x(version)}</Version>
  <ProviderName>${x(providerName)}</ProviderName>
  <DefaultLocale>zh-CN</DefaultLocale>
  <DisplayName DefaultValue="${x(strings.displayName.zh)}">
    ${en(strings.displayName.en)}
  </DisplayName>
  <Description DefaultValue="${x(strings.description.zh)}">
    ${en(strings.description.en)}
  </Description>
  <IconUrl DefaultValue="${x(urls.icons[32])}"/>
  <HighResolutionIconUrl DefaultValue="${x(urls.icons[64])}"/>
  <Hosts>
    <Host Name="Workbook"/>
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <Set Name="ExcelApi" MinVersion="${excelApiMinVersion}"/>
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${x(urls.taskpane)}"/>
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <DesktopFormFactor>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <OfficeTab id="TabHome">
              <Group id="CrmGroup">
                <Label resid="Group.Label"/>
                <Icon>
                  ${ribbonIcons(' '.repeat(18))}
                </Icon>
                <Control xsi:type="Button" id="CrmShowTaskpane">
                  <Label resid="Button.Label"/>
                  <Supertip>
                    <Title resid="Button.Label"/>
                    <Description resid="Button.Tooltip"/>
                  </Supertip>
                  <Icon>
                    ${ribbonIcons(' '.repeat(20))}
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>CrmTaskpane</TaskpaneId>
                    <SourceLocation resid="Taskpane.Url"/>
                    <Title resid="Taskpane.Title"/>
                  </Action>
                </Control>
              </Group>
            </OfficeTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
      <bt:Images>
        ${excelIconSizes.map((size) => `<bt:Image id="Icon.${size}" DefaultValue="${x(urls.icons[size])}"/>`).join('\n        ')}
      </bt:Images>
      <bt:Urls>
        <bt:Url id="Taskpane.Url" DefaultValue="${x(urls.taskpane)}"/>
      </bt:Urls>
      <bt:ShortStrings>
        ${shortString('Group.Label', strings.groupLabel)}
        ${shortString('Button.Label', strings.buttonLabel)}
        ${shortString('Taskpane.Title', strings.paneTitle)}
      </bt:ShortStrings>
      <bt:LongStrings>
        <bt:String id="Button.Tooltip" DefaultValue="${x(strings.buttonTip.zh)}">${btEn(strings.buttonTip.en)}</bt:String>
      </bt:LongStrings>
    </Resources>
  </VersionOverrides>
</OfficeApp>
`;
}

function packageVersion() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

function escapeXml(text) {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c],
  );
}
