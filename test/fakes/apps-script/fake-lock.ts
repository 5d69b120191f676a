import type { Lock, LockServiceApi } from '../../../addon-sheets/src/apps-script-api';
import { exception, type FakeContext } from './fake-context';
import { limits } from './limits';

/**
 * The document lock. Tests hold it for "another execution" until a virtual time; waiting for it
 * costs virtual time, at most the timeout, which Apps Script caps at 300 seconds.
 */
export class FakeLockService implements LockServiceApi {
  private heldUntil = 0;
  private ours = false;

  constructor(private readonly ctx: FakeContext) {}

  /** Another execution holds the lock for this long from now. */
  holdElsewhere(ms: number): void {
    this.heldUntil = this.ctx.clock.now() + ms;
  }

  get held(): boolean {
    return this.ours;
  }

  getDocumentLock(): Lock {
    // The lock object outlives this call; it speaks for the service that made it.
    const take = (timeoutInMillis: number) => this.take(timeoutInMillis);
    const release = () => {
      this.ours = false;
    };
    const has = () => this.ours;
    return { tryLock: take, releaseLock: release, hasLock: has };
  }

  private take(timeoutInMillis: number): boolean {
    if (timeoutInMillis < 0 || timeoutInMillis > limits.lockWaitMs) {
      throw exception(`Invalid argument: timeoutInMillis (at most ${limits.lockWaitMs})`);
    }
    if (this.ours) throw exception('The lock is already held by this execution.');
    const wait = Math.max(0, this.heldUntil - this.ctx.clock.now());
    if (wait > timeoutInMillis) {
      this.ctx.clock.charge(timeoutInMillis);
      return false;
    }
    this.ctx.clock.charge(wait);
    this.ours = true;
    return true;
  }

  /** An execution ends: Apps Script releases a lock its script forgot. */
  endExecution(): void {
    this.ours = false;
  }
}
