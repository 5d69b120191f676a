import { describe, expect, it } from 'vitest';
import type { HttpAnswer, StatePort, SyncPorts } from './index';
import { runSync } from './index';

function memoryState(): StatePort {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => {
      if (value === null) values.delete(key);
      else values.set(key, value);
    },
  };
}

const emptyPull = {
  status: 200,
  body: { records: [], removed: [], checkpoint: 1, epoch: 1, hasMore: false, reset: false },
};

/** A run over an empty sheet whose server answers these in turn (the last one from then on). */
function portsAnswering(...answers: HttpAnswer[]) {
  const slept: number[] = [];
  let calls = 0;
  const ports: SyncPorts = {
    sheet: { firstRow: 2, readRows: () => [], writeRows: () => undefined },
    http: { request: () => answers[Math.min(calls++, answers.length - 1)] as HttpAnswer },
    state: memoryState(),
    clock: { now: () => 0, sleep: (ms) => void slept.push(ms) },
  };
  return { ports, slept, calls: () => calls };
}

const signInUnavailable = {
  status: 503,
  body: {
    error: {
      code: 'signin_unavailable',
      message: '暂时无法验证登录（无法连接身份提供方），请30秒后再试',
    },
  },
};
const rateLimited = (seconds: number): HttpAnswer => ({
  status: 429,
  body: { error: { code: 'rate_limited', message: `登录失败次数过多，请${seconds}秒后再试` } },
  retryAfter: String(seconds),
});

describe('a server that asks the client to wait', () => {
  it("503 signin_unavailable with a long Retry-After: stops at once with the server's reason", async () => {
    const { ports, slept, calls } = portsAnswering({ ...signInUnavailable, retryAfter: '30' });
    const report = await runSync(ports);
    expect(report.complete).toBe(false);
    expect(report.failure).toMatchObject({
      code: 'server',
      status: 503,
      message: '暂时无法验证登录（无法连接身份提供方），请30秒后再试',
    });
    expect(calls()).toBe(1);
    expect(slept).toEqual([]);
  });

  it('429 with a short Retry-After: waits as long as told, then carries on', async () => {
    const { ports, slept, calls } = portsAnswering(rateLimited(3), emptyPull);
    const report = await runSync(ports);
    expect(report.failure).toBeUndefined();
    expect(report.complete).toBe(true);
    expect(slept).toEqual([3000]);
    expect(calls()).toBe(2);
  });

  it('429 with a short Retry-After past the deadline: stops with the reason, does not wait', async () => {
    const { ports, slept, calls } = portsAnswering(rateLimited(8), emptyPull);
    const report = await runSync(ports, { deadline: 25_000 });
    expect(report.failure?.message).toBe('登录失败次数过多，请8秒后再试');
    expect(slept).toEqual([]);
    expect(calls()).toBe(1);
  });

  it('429 with a Retry-After but no way to sleep: stops rather than asking again at once', async () => {
    const { ports, calls } = portsAnswering(rateLimited(1), emptyPull);
    const report = await runSync({ ...ports, clock: { now: () => 0 } });
    expect(report.failure?.message).toBe('登录失败次数过多，请1秒后再试');
    expect(calls()).toBe(1);
  });

  it("a 503 without Retry-After still shows the server's reason after the usual retries", async () => {
    const { ports, slept } = portsAnswering(signInUnavailable);
    const report = await runSync(ports);
    expect(report.failure?.message).toBe('暂时无法验证登录（无法连接身份提供方），请30秒后再试');
    expect(slept).toEqual([1000, 2000]);
  });

  it('a 500 keeps the generic message: its body is no message for the user', async () => {
    const { ports } = portsAnswering({ status: 500, body: { error: { message: 'boom' } } });
    const report = await runSync(ports, { locale: 'en' });
    expect(report.failure?.message).toContain('status 500');
  });
});
