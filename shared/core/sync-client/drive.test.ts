import { describe, expect, it } from 'vitest';
import { driveAsync, driveBlocking, io, type Steps } from './drive';

function* steps(read: () => number | Promise<number>): Steps<string> {
  let total = 0;
  for (let i = 0; i < 3; i++) total += yield* io(read);
  try {
    yield* io(() => {
      throw new Error('offline');
    });
  } catch (error) {
    return `${total} then ${(error as Error).message}`;
  }
  return 'unreachable';
}

describe('one engine, two drivers', () => {
  it('runs the same steps straight through and awaited, errors thrown into the steps', async () => {
    expect(driveBlocking(steps(() => 2))).toBe('6 then offline');
    expect(await driveAsync(steps(() => Promise.resolve(2)))).toBe('6 then offline');
  });

  it('refuses a promise where a host promised to answer at once', () => {
    expect(() => driveBlocking(steps(() => Promise.resolve(2)))).toThrow(/runSync for async ports/);
  });
});
