import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFailureLimiter } from './sign-in-rate-limit';

const MINUTE = 60_000;

function clock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('createFailureLimiter', () => {
  it('allows maxFailures failures, then refuses until the window ends', () => {
    const { now, advance } = clock();
    const limiter = createFailureLimiter({ maxFailures: 3, windowMs: 15 * MINUTE, now });
    const ip = '203.0.113.7';

    for (let i = 0; i < 3; i += 1) {
      expect(limiter.check(ip)).toEqual({ allowed: true });
      limiter.recordFailure(ip);
      advance(MINUTE);
    }
    // Three failures at minutes 0, 1, 2; now minute 3: 12 minutes of the window are left.
    expect(limiter.check(ip)).toEqual({ allowed: false, retryAfterSeconds: 12 * 60 });

    advance(12 * MINUTE - 1);
    expect(limiter.check(ip)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    advance(1);
    expect(limiter.check(ip)).toEqual({ allowed: true });
  });

  it('rounds retryAfterSeconds up, so a client that waits exactly that long gets in', () => {
    const { now, advance } = clock();
    const limiter = createFailureLimiter({ maxFailures: 1, windowMs: 10_500, now });
    limiter.recordFailure('198.51.100.1');
    advance(1);
    const decision = limiter.check('198.51.100.1');
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 11 });
    advance(11_000);
    expect(limiter.check('198.51.100.1')).toEqual({ allowed: true });
  });

  it('starts a fresh count once the window has passed', () => {
    const { now, advance } = clock();
    const limiter = createFailureLimiter({ maxFailures: 2, windowMs: 10 * MINUTE, now });
    limiter.recordFailure('192.0.2.1');
    advance(10 * MINUTE);
    limiter.recordFailure('192.0.2.1');
    expect(limiter.check('192.0.2.1')).toEqual({ allowed: true });
    limiter.recordFailure('192.0.2.1');
    expect(limiter.check('192.0.2.1')).toEqual({ allowed: false, retryAfterSeconds: 600 });
  });

  it('counts each address on its own', () => {
    const { now } = clock();
    const limiter = createFailureLimiter({ maxFailures: 1, windowMs: MINUTE, now });
    limiter.recordFailure('2001:db8::1');
    expect(limiter.check('2001:db8::1').allowed).toBe(false);
    expect(limiter.check('2001:db8::2').allowed).toBe(true);
  });

  it('forgets an address on reset (a successful sign-in)', () => {
    const { now } = clock();
    const limiter = createFailureLimiter({ maxFailures: 2, windowMs: MINUTE, now });
    limiter.recordFailure('192.0.2.9');
    limiter.recordFailure('192.0.2.9');
    expect(limiter.check('192.0.2.9').allowed).toBe(false);
    limiter.reset('192.0.2.9');
    expect(limiter.check('192.0.2.9')).toEqual({ allowed: true });
    expect(limiter.size()).toBe(0);
  });

  it('never remembers more than maxAddresses, dropping the oldest window first', () => {
    const { now, advance } = clock();
    const limiter = createFailureLimiter({
      maxFailures: 1,
      windowMs: MINUTE,
      maxAddresses: 3,
      now,
    });
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) {
      limiter.recordFailure(ip);
      advance(1);
    }
    expect(limiter.size()).toBe(3);
    expect(limiter.check('10.0.0.1').allowed).toBe(true);
    for (const ip of ['10.0.0.2', '10.0.0.3', '10.0.0.4']) {
      expect(limiter.check(ip).allowed).toBe(false);
    }
  });

  it('keeps the default cap of 10,000 addresses under a flood', () => {
    const { now } = clock();
    const limiter = createFailureLimiter({ maxFailures: 5, windowMs: MINUTE, now });
    for (let i = 0; i < 25_000; i += 1)
      limiter.recordFailure(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    expect(limiter.size()).toBe(10_000);
  });

  it('drops expired windows before live ones when full', () => {
    const { now, advance } = clock();
    const limiter = createFailureLimiter({
      maxFailures: 1,
      windowMs: MINUTE,
      maxAddresses: 500,
      now,
    });
    for (let i = 0; i < 400; i += 1) limiter.recordFailure(`172.16.${i >> 8}.${i & 255}`);
    advance(MINUTE);
    for (let i = 0; i < 100; i += 1) limiter.recordFailure(`172.17.0.${i}`);
    expect(limiter.size()).toBe(500);
    limiter.recordFailure('172.31.0.1');
    expect(limiter.size()).toBe(101);
    for (let i = 0; i < 100; i += 1) expect(limiter.check(`172.17.0.${i}`).allowed).toBe(false);
  });

  it.each([
    [{ maxFailures: 0, windowMs: MINUTE }],
    [{ maxFailures: 1.5, windowMs: MINUTE }],
    [{ maxFailures: 3, windowMs: 0 }],
    [{ maxFailures: 3, windowMs: Number.NaN }],
    [{ maxFailures: 3, windowMs: MINUTE, maxAddresses: 0 }],
  ])('refuses nonsensical options %o', (options) => {
    expect(() => createFailureLimiter(options)).toThrow(RangeError);
  });

  it('refuses only an address with maxFailures failures in the last window, and stays bounded', () => {
    const step = fc.oneof(
      fc.record({
        op: fc.constantFrom('fail' as const, 'reset' as const, 'check' as const),
        ip: fc.nat(5),
      }),
      fc.record({ op: fc.constant('wait' as const), ms: fc.nat(3 * MINUTE) }),
    );
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 200 }),
        fc.integer({ min: 1, max: 4 }),
        (steps, maxAddresses) => {
          const { now, advance } = clock();
          const maxFailures = 3;
          const windowMs = 2 * MINUTE;
          const limiter = createFailureLimiter({ maxFailures, windowMs, maxAddresses, now });
          // Failure times per address since its last reset.
          const history = new Map<number, number[]>();
          for (const s of steps) {
            if (s.op === 'wait') advance(s.ms);
            else if (s.op === 'fail') {
              limiter.recordFailure(`ip${s.ip}`);
              history.set(s.ip, [...(history.get(s.ip) ?? []), now()]);
            } else if (s.op === 'reset') {
              limiter.reset(`ip${s.ip}`);
              history.delete(s.ip);
            } else {
              const decision = limiter.check(`ip${s.ip}`);
              if (!decision.allowed) {
                const recent = (history.get(s.ip) ?? []).filter((t) => now() - t < windowMs);
                expect(recent.length).toBeGreaterThanOrEqual(maxFailures);
                expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1);
                expect(decision.retryAfterSeconds).toBeLessThanOrEqual(windowMs / 1000);
              }
            }
            expect(limiter.size()).toBeLessThanOrEqual(maxAddresses);
          }
        },
      ),
    );
  });
});
