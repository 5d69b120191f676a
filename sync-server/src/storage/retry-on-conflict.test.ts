import { describe, expect, it } from 'vitest';
import { isRetryableConflict, retryOnConflict } from './retry-on-conflict';

const conflict = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });

describe('retryOnConflict', () => {
  it('runs again after a serialization failure or deadlock, and answers the last run', async () => {
    const codes = ['40001', '40P01'];
    let runs = 0;
    const result = await retryOnConflict(
      () => {
        const code = codes[runs++];
        return code === undefined ? Promise.resolve(runs) : Promise.reject(conflict(code));
      },
      { attempts: 4, delayMs: 1 },
    );
    expect(result).toBe(3);
  });

  it('gives up after the allowed runs with the last error', async () => {
    let runs = 0;
    await expect(
      retryOnConflict(
        () => {
          runs += 1;
          return Promise.reject(conflict('40001'));
        },
        { attempts: 3, delayMs: 1 },
      ),
    ).rejects.toThrow('sqlstate 40001');
    expect(runs).toBe(3);
  });

  it('never repeats other failures, a unique violation included', async () => {
    let runs = 0;
    await expect(
      retryOnConflict(() => {
        runs += 1;
        return Promise.reject(conflict('23505'));
      }),
    ).rejects.toThrow('sqlstate 23505');
    expect(runs).toBe(1);
  });

  it('recognises a conflict wrapped as the cause of another error', () => {
    expect(isRetryableConflict(new Error('push failed', { cause: conflict('40P01') }))).toBe(true);
    expect(isRetryableConflict(new Error('plain'))).toBe(false);
    expect(isRetryableConflict('40001')).toBe(false);
  });
});
