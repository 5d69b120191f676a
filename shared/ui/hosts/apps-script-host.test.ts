import { describe, expect, it } from 'vitest';
import { AppsScriptHost, maxCallsInFlight, type GoogleScriptRun } from './apps-script-host';

type Handler = (value: unknown) => void;

/** A google.script.run whose calls answer only when the test says so. */
function fakeRun(functions: Record<string, (...args: unknown[]) => unknown>) {
  const pending: (() => void)[] = [];
  const stats = { inFlight: 0, max: 0, calls: [] as string[] };
  const runner = (ok?: Handler, fail?: (e: Error) => void): GoogleScriptRun => {
    const r: Record<string, unknown> = {
      withSuccessHandler: (h: Handler) => runner(h, fail),
      withFailureHandler: (h: (e: Error) => void) => runner(ok, h),
      withUserObject: () => runner(ok, fail),
    };
    for (const [name, fn] of Object.entries(functions)) {
      r[name] = (...args: unknown[]) => {
        stats.calls.push(name);
        stats.inFlight += 1;
        stats.max = Math.max(stats.max, stats.inFlight);
        pending.push(() => {
          stats.inFlight -= 1;
          try {
            ok?.(JSON.parse(JSON.stringify(fn(...args) ?? null)));
          } catch (e) {
            fail?.(e as Error);
          }
        });
      };
    }
    return r as unknown as GoogleScriptRun;
  };
  const flush = async () => {
    while (pending.length > 0) {
      pending.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { run: runner(), stats, flush };
}

describe('AppsScriptHost', () => {
  it('keeps at most ten calls in flight and queues the rest', async () => {
    const fake = fakeRun({ getSheetRows: () => [] });
    const host = new AppsScriptHost(fake.run);
    const all = Promise.all(Array.from({ length: 25 }, () => host.readRows()));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.stats.inFlight).toBe(maxCallsInFlight);
    await fake.flush();
    expect(await all).toHaveLength(25);
    expect(fake.stats.max).toBe(maxCallsInFlight);
    expect(fake.stats.calls).toHaveLength(25);
  });

  it('asks for the token and the server address once, and again when the token is old', async () => {
    let now = 0;
    const fake = fakeRun({
      getIdentityToken: () => `token-${now}`,
      getSettings: () => ({ serverUrl: 'https://crm.example.com' }),
    });
    const host = new AppsScriptHost(fake.run, () => now);
    const answers = Promise.all([
      host.getToken(),
      host.getToken(),
      host.getServerUrl(),
      host.getServerUrl(),
    ]);
    await fake.flush();
    expect(await answers).toEqual([
      'token-0',
      'token-0',
      'https://crm.example.com',
      'https://crm.example.com',
    ]);
    now = 46 * 60 * 1000;
    const fresh = host.getToken();
    await fake.flush();
    expect(await fresh).toBe(`token-${now}`);
    expect(fake.stats.calls.filter((c) => c === 'getIdentityToken')).toHaveLength(2);
    expect(fake.stats.calls.filter((c) => c === 'getSettings')).toHaveLength(1);
  });

  it('turns a failure of the add-on into a rejection, and forgets a failed token', async () => {
    let fails = true;
    const fake = fakeRun({
      getIdentityToken: () => {
        if (fails) throw new Error('Authorization is required');
        return 'ok';
      },
    });
    const host = new AppsScriptHost(fake.run);
    const first = host.getToken();
    await fake.flush();
    await expect(first).rejects.toThrow('Authorization is required');
    fails = false;
    const second = host.getToken();
    await fake.flush();
    await expect(second).resolves.toBe('ok');
  });

  it('says which function the add-on lacks', async () => {
    const host = new AppsScriptHost(fakeRun({}).run);
    await expect(host.sync()).rejects.toThrow('google.script.run.syncNow');
  });
});
