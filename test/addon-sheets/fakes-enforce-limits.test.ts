import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppsScriptEnv, type AppsScriptEnv } from '../fakes/apps-script/apps-script-env';
import type { FakeSheet } from '../fakes/apps-script/fake-spreadsheet';
import { limits } from '../fakes/apps-script/limits';
import { buildFor } from './sheet-helpers';

// The add-on's tests mean something only if the fakes refuse what Apps Script refuses.
let projectDir: string;
let env: AppsScriptEnv;
let sheet: FakeSheet;

beforeAll(async () => {
  projectDir = await buildFor('http://127.0.0.1:9');
});
afterAll(() => rmSync(projectDir, { recursive: true, force: true }));

function fresh(): void {
  env = createAppsScriptEnv({ projectDir });
  sheet = env.spreadsheet.getActiveSheet() as FakeSheet;
}

describe('the Apps Script fakes', () => {
  it('refuse setValues whose data does not match the range', () => {
    fresh();
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([['a', 'b']])).toThrow(/number of rows/);
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([['a']])).toThrow(/number of columns/);
    expect(() => sheet.getRange(1, 1, 1001, 1)).toThrow(/outside the dimensions/);
    expect(() =>
      sheet.getRange(1, 1, 1, 1).setValues([['x'.repeat(limits.charactersPerCell + 1)]]),
    ).toThrow(/50000 characters/);
  });

  it('keep a spreadsheet within 10 million cells', () => {
    fresh();
    sheet.insertColumnsAfter(26, 74); // 1,000 × 100
    sheet.insertRowsAfter(1000, 98_000); // 99,000 × 100 = 9.9 million
    expect(() => sheet.insertRowsAfter(99_000, 2_000)).toThrow(/10000000 cells/);
  });

  it('read typed input as Sheets does: quote for text, formulas, numbers outside plain text', () => {
    fresh();
    const range = sheet.getRange(1, 1, 1, 4);
    range.setValues([["'=1+1", '=1+1', '0123', 'TRUE']]);
    expect(range.getValues()).toEqual([['=1+1', '#ERROR!', 123, true]]);
    expect(range.getFormulas()).toEqual([['', '=1+1', '', '']]);
    sheet.getRange(2, 3).setNumberFormat('@');
    sheet.getRange(2, 3).setValues([['0123']]);
    expect(sheet.getRange(2, 3).getValues()).toEqual([['0123']]);
  });

  it('refuse a write that breaks a rejecting dropdown', () => {
    fresh();
    const rule = env.context['SpreadsheetApp'] as {
      newDataValidation(): {
        requireValueInList(v: string[]): { setAllowInvalid(b: boolean): { build(): object } };
      };
    };
    sheet
      .getRange(1, 1, 10, 1)
      .setDataValidation(
        rule
          .newDataValidation()
          .requireValueInList(['企业', '个人'])
          .setAllowInvalid(false)
          .build(),
      );
    expect(() => sheet.getRange(2, 1).setValues([['公司']])).toThrow(
      /violates the data validation/,
    );
    sheet.getRange(2, 1).setValues([['个人']]);
  });

  it('keep properties within 9 KB a value and 500 KB a store', () => {
    fresh();
    const store = env.properties.document;
    expect(() => store.setProperty('k', 'x'.repeat(limits.propertyValueBytes))).toThrow(
      /too large/,
    );
    store.setProperty('k', 'x'.repeat(8_000));
    for (let i = 0; i < 62; i++) store.setProperty(`k${i}`, 'x'.repeat(8_000));
    expect(() => store.setProperty('one-more', 'x'.repeat(8_000))).toThrow(/storage quota/);
  });

  it('count UrlFetch calls against the daily quota and keep requests to the whitelist and 50 MB', () => {
    fresh();
    const fetch = (url: string, payload?: string) =>
      env.urlFetch.fetch(url, {
        method: 'post',
        muteHttpExceptions: true,
        ...(payload === undefined ? {} : { payload }),
      });
    expect(() => fetch('https://elsewhere.example.com/x')).toThrow(/urlFetchWhitelist/);
    expect(() =>
      fetch('http://127.0.0.1:9/v1/sync/push', 'x'.repeat(limits.urlFetchPayloadBytes + 1)),
    ).toThrow(/POST Size/);
    expect(env.urlFetch.callsToday).toBe(2);
    env.urlFetch.callsToday = limits.urlFetchCallsPerDay;
    expect(() => fetch('http://127.0.0.1:9/v1/sync/pull')).toThrow(
      /too many times for one day: urlfetch/,
    );
    env.clock.advance(86_400_000);
    expect(() => fetch('http://127.0.0.1:9/v1/sync/pull')).toThrow(/Address unavailable/);
  });

  it('stop an execution past 6 minutes, and keep stopping it however the script catches', () => {
    fresh();
    env.clock.beginExecution();
    env.clock.charge(limits.executionMs - 1_000);
    expect(() => env.clock.charge(2_000)).toThrow('Exceeded maximum execution time');
    expect(() => sheet.getRange(1, 1).getValues()).toThrow('Exceeded maximum execution time');
    env.clock.endExecution();
    expect(sheet.getRange(1, 1).getValues()).toEqual([['']]);
  });

  it('wait for a held lock no longer than asked, and refuse waits past 300 seconds', () => {
    fresh();
    env.lock.holdElsewhere(20_000);
    const lock = env.lock.getDocumentLock();
    const before = env.clock.now();
    expect(lock.tryLock(5_000)).toBe(false);
    expect(env.clock.now() - before).toBeGreaterThanOrEqual(5_000);
    expect(lock.tryLock(30_000)).toBe(true);
    lock.releaseLock();
    expect(() => lock.tryLock(limits.lockWaitMs + 1)).toThrow(/timeoutInMillis/);
  });
});
