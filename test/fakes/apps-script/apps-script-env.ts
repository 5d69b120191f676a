import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import type {
  HtmlOutput,
  HtmlServiceApi,
  ScriptAppApi,
  SessionApi,
  UtilitiesApi,
} from '../../../addon-sheets/src/apps-script-api';
import { FakeLockService } from './fake-lock';
import { fakePropertiesService } from './fake-properties';
import { FakeSpreadsheet, FakeUi, fakeSpreadsheetApp, type FakeContext } from './fake-spreadsheet';
import { FakeUrlFetchApp } from './fake-url-fetch';
import { defaultCosts, type CostModel } from './limits';
import { VirtualClock } from './virtual-clock';

export interface AppsScriptEnvOptions {
  /** The built Apps Script project: Code.js, appsscript.json, sidebar.html. */
  projectDir: string;
  userEmail?: string;
  /** Session.getActiveUserLocale(), as Google gives it: `zh_CN`, `en`. */
  userLocale?: string;
  /** What ScriptApp.getIdentityToken() returns: a Google ID token for the user. */
  identityToken?: string;
  costs?: Partial<CostModel>;
}

/** A value crossing google.script.run: plain JSON only, Dates refused, as Apps Script does. */
function copied<T>(value: T): T {
  if (value === undefined) return value;
  return JSON.parse(
    JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
      if (this[key] instanceof Date) throw new Error('google.script.run cannot pass a Date');
      return v;
    }),
  ) as T;
}

/**
 * Apps Script in a node:vm context: the built Code.js run as Apps Script runs it, with fakes of
 * the services it uses as its globals, a virtual clock behind its Date, and each call of a
 * top-level function one execution with Apps Script's time limit.
 */
export function createAppsScriptEnv(options: AppsScriptEnvOptions) {
  const clock = new VirtualClock();
  const ctx: FakeContext = {
    clock,
    costs: { ...defaultCosts, ...options.costs },
    calls: {},
    DateClass: clock.dateClass(),
  };
  const manifest = JSON.parse(
    readFileSync(join(options.projectDir, 'appsscript.json'), 'utf8'),
  ) as {
    urlFetchWhitelist?: string[];
    oauthScopes?: string[];
    runtimeVersion?: string;
  };
  const spreadsheet = new FakeSpreadsheet(ctx);
  const ui = new FakeUi();
  const properties = fakePropertiesService(ctx);
  const lock = new FakeLockService(ctx);
  const urlFetch = new FakeUrlFetchApp(ctx, manifest.urlFetchWhitelist ?? []);
  const identity = {
    token: options.identityToken ?? '',
    email: options.userEmail ?? 'user@example.com',
  };

  const html: HtmlServiceApi = {
    createHtmlOutputFromFile(filename: string): HtmlOutput {
      const file = join(options.projectDir, `${filename}.html`);
      if (!existsSync(file)) throw new Error(`No HTML file named ${filename} was found.`);
      return htmlOutput(readFileSync(file, 'utf8'));
    },
    createHtmlOutput: (content: string) => htmlOutput(content),
  };
  const scriptApp: ScriptAppApi = {
    getIdentityToken: () => {
      const scopes = manifest.oauthScopes ?? [];
      // Apps Script gives an ID token only when the manifest asks for openid.
      return scopes.includes('openid') ? identity.token : '';
    },
  };
  const session: SessionApi = {
    getActiveUserLocale: () => options.userLocale ?? 'zh_CN',
    getEffectiveUser: () => ({ getEmail: () => identity.email }),
  };
  const utilities: UtilitiesApi = {
    formatDate: (date: Date) => new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
    sleep: (ms: number) => clock.charge(ms),
  };

  const globals = {
    SpreadsheetApp: fakeSpreadsheetApp(ctx, spreadsheet, ui),
    PropertiesService: properties.service,
    LockService: lock,
    UrlFetchApp: urlFetch,
    HtmlService: html,
    ScriptApp: scriptApp,
    Session: session,
    Utilities: utilities,
    Logger: { log: () => undefined },
    console,
    Date: ctx.DateClass,
  };
  const context = vm.createContext({ ...globals });
  vm.runInContext(readFileSync(join(options.projectDir, 'Code.js'), 'utf8'), context, {
    filename: 'Code.js',
  });

  /** Runs a top-level function as one execution (a menu click, a trigger). */
  function run<T = unknown>(name: string, ...args: unknown[]): T {
    const fn = (context as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
    clock.beginExecution();
    try {
      const result = (fn as (...a: unknown[]) => T)(...args);
      clock.check();
      return result;
    } finally {
      clock.endExecution();
      lock.endExecution();
    }
  }

  return {
    clock,
    ctx,
    context,
    manifest,
    spreadsheet,
    ui,
    properties,
    lock,
    urlFetch,
    identity,
    run,
    /** A call from the sidebar through google.script.run: arguments and answer copied. */
    callFromSidebar<T = unknown>(name: string, ...args: unknown[]): T {
      return copied(run<T>(name, ...args.map(copied)));
    },
    close: () => urlFetch.close(),
  };
}

export type AppsScriptEnv = ReturnType<typeof createAppsScriptEnv>;

function htmlOutput(content: string): HtmlOutput {
  let title = '';
  const output: HtmlOutput & { title(): string } = {
    setTitle(t: string) {
      title = t;
      return output;
    },
    getContent: () => content,
    title: () => title,
  };
  return output;
}
