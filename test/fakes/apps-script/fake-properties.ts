import type { Properties, PropertiesServiceApi } from '../../../addon-sheets/src/apps-script-api';
import { exception, type FakeContext } from './fake-context';
import { limits } from './limits';

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** Counts property reads and writes against the daily quota. */
class PropertyQuota {
  private day = -1;
  used = 0;
  constructor(private readonly ctx: FakeContext) {}
  take(): void {
    const day = this.ctx.clock.day();
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
    this.used += 1;
    if (this.used > limits.propertyCallsPerDay) {
      throw exception('Service invoked too many times for one day: properties.');
    }
    this.ctx.clock.charge(this.ctx.costs.propertyMs);
  }
}

/** One property store, within 9 KB a value and 500 KB in all. */
export class FakeProperties implements Properties {
  readonly values = new Map<string, string>();

  constructor(
    private readonly ctx: FakeContext,
    private readonly quota: PropertyQuota,
  ) {}

  getProperty(key: string): string | null {
    this.quota.take();
    this.ctx.calls['getProperty'] = (this.ctx.calls['getProperty'] ?? 0) + 1;
    return this.values.get(key) ?? null;
  }

  setProperty(key: string, value: string): Properties {
    this.quota.take();
    this.ctx.calls['setProperty'] = (this.ctx.calls['setProperty'] ?? 0) + 1;
    const text = String(value);
    if (utf8(key) + utf8(text) > limits.propertyValueBytes) {
      throw exception('Argument too large: value');
    }
    const total = [...this.values].reduce(
      (n, [k, v]) => (k === key ? n : n + utf8(k) + utf8(v)),
      utf8(key) + utf8(text),
    );
    if (total > limits.propertyStoreBytes) {
      throw exception(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    this.values.set(key, text);
    return this;
  }

  deleteProperty(key: string): Properties {
    this.quota.take();
    this.values.delete(key);
    return this;
  }
}

export function fakePropertiesService(ctx: FakeContext) {
  const quota = new PropertyQuota(ctx);
  const document = new FakeProperties(ctx, quota);
  const user = new FakeProperties(ctx, quota);
  const service: PropertiesServiceApi = {
    getDocumentProperties: () => document,
    getUserProperties: () => user,
  };
  return { service, document, user, quota };
}
