import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSheets, whitelistEntry } from '../../scripts/build-sheets.js';
import { createAppsScriptEnv, type AppsScriptEnv } from '../fakes/apps-script/apps-script-env';

// What the sidebar calls through google.script.run (shared/ui/hosts/apps-script-host.ts) and
// what the menu and Apps Script's triggers call.
const sidebarCalls = [
  'getSheetRows',
  'writeSheetRows',
  'getSelection',
  'setDropdowns',
  'markInvalid',
  'getIdentityToken',
  'getSettings',
  'setServerUrl',
  'syncNow',
  'resolveConflict',
];
const triggersAndMenu = [
  'onOpen',
  'onInstall',
  'showSidebar',
  'menuSyncNow',
  'menuSetServerUrl',
  'menuSetApiToken',
];

let dir: string;
let built: Awaited<ReturnType<typeof buildSheets>>;
let env: AppsScriptEnv;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crm-sheets-build-'));
  built = await buildSheets({ server: 'https://crm.example.com/api', outDir: dir });
  env = createAppsScriptEnv({ projectDir: dir });
});
afterAll(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built Apps Script project', () => {
  it('declares every entry point as a top-level function, not a property set at run time', () => {
    expect([...built.entryPoints].sort()).toEqual([...sidebarCalls, ...triggersAndMenu].sort());
    // Apps Script lists the function declarations at the top level of its files: read them
    // from the syntax tree, as it does, rather than from what the code sets when it runs.
    const source = readFileSync(join(dir, 'Code.js'), 'utf8');
    const file = ts.createSourceFile(
      'Code.js',
      source,
      ts.ScriptTarget.ES2020,
      false,
      ts.ScriptKind.JS,
    );
    const declared = file.statements.flatMap((s) =>
      ts.isFunctionDeclaration(s) && s.name !== undefined ? [s.name.text] : [],
    );
    expect(declared.sort()).toEqual([...built.entryPoints].sort());
    // And each one reaches the bundle's function of the same name.
    const bare = vm.createContext({});
    vm.runInContext(source, bare);
    for (const name of built.entryPoints) {
      expect(vm.runInContext(`typeof ${name}`, bare), name).toBe('function');
      expect(vm.runInContext(`typeof CrmAddon.entryPoints.${name}`, bare), name).toBe('function');
    }
  });

  it('builds the add-on menu on open, each item naming a top-level function', () => {
    env.run('onOpen', { authMode: 'NONE' });
    const menu = env.ui.menus.at(-1);
    expect(menu?.items.map((i) => i.caption)).toEqual([
      '打开侧边栏',
      '立即同步',
      '设置服务器地址…',
      '设置 API 令牌…',
    ]);
    for (const item of menu?.items ?? []) {
      expect(typeof (env.context as Record<string, unknown>)[item.functionName]).toBe('function');
    }
  });

  it('asks for the narrowest scopes, V8, and only the server in urlFetchWhitelist', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'appsscript.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest['runtimeVersion']).toBe('V8');
    expect(manifest['oauthScopes']).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      'openid',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
    expect(manifest['urlFetchWhitelist']).toEqual(['https://crm.example.com/api/']);
    expect(JSON.parse(readFileSync(join(dir, '.clasp.json'), 'utf8'))).toEqual({
      scriptId: '',
      rootDir: '.',
    });
  });

  it('refuses a server address that is not https, except on this machine', () => {
    expect(() => whitelistEntry('http://crm.example.com')).toThrow(/https/);
    expect(() => whitelistEntry('')).toThrow(/CRM_SHEETS_SERVER_URL/);
    expect(whitelistEntry('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/');
  });

  it('serves the sidebar from the project as an HTML file', () => {
    env.run('showSidebar');
    const sidebar = env.ui.sidebars.at(-1);
    expect(sidebar?.getContent()).toMatch(/^<!doctype html>/i);
    expect(sidebar?.getContent()).toContain('<html lang="zh-CN">');
  });

  it('lets the admin set the server address only inside the whitelist', () => {
    expect(() => env.callFromSidebar('setServerUrl', 'https://evil.example.com')).toThrow(
      /不在加载项允许访问的地址/,
    );
    expect(() => env.callFromSidebar('setServerUrl', 'crm.example.com')).toThrow(/格式错误/);
    const settings = env.callFromSidebar<{ serverUrl: string }>(
      'setServerUrl',
      'https://crm.example.com/api/',
    );
    expect(settings.serverUrl).toBe('https://crm.example.com/api');
    expect(env.properties.document.values.get('crm.serverUrl')).toBe('https://crm.example.com/api');
  });
});
