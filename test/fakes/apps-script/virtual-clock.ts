import { limits } from './limits';

/** What Apps Script throws when an execution runs past its time. */
export class ExceededMaximumExecutionTime extends Error {
  constructor() {
    super('Exceeded maximum execution time');
    this.name = 'Exception';
  }
}

/**
 * Apps Script's time as the fakes see it: the real time the script spends (its own JavaScript
 * and the real server's answers) plus what each service call costs by the cost model, so the
 * 6-minute limit is met as Apps Script would meet it, without waiting minutes. Every service
 * call checks the limit and throws past it, as Apps Script stops a run.
 */
export class VirtualClock {
  private offset = 0;
  private executionStart: number | undefined;
  private killed = false;
  private readonly epoch: number;
  private readonly realStart = performance.now();

  constructor(start = Date.UTC(2026, 0, 5, 1, 0, 0)) {
    this.epoch = start;
  }

  now(): number {
    return this.epoch + (performance.now() - this.realStart) + this.offset;
  }

  /** Charges a service call's modelled cost, then checks the execution's time. */
  charge(ms: number): void {
    this.offset += ms;
    this.check();
  }

  /** Time passing between executions (a user waiting, the next day). */
  advance(ms: number): void {
    this.offset += ms;
  }

  /**
   * Ends the execution as Apps Script does at its time limit: the script cannot catch its way
   * past it, every service call it makes from now on throws again.
   */
  kill(): never {
    this.killed = true;
    throw new ExceededMaximumExecutionTime();
  }

  check(): void {
    if (this.killed) throw new ExceededMaximumExecutionTime();
    if (
      this.executionStart !== undefined &&
      this.now() - this.executionStart > limits.executionMs
    ) {
      this.kill();
    }
  }

  beginExecution(): void {
    this.executionStart = this.now();
  }

  endExecution(): number {
    const took = this.executionStart === undefined ? 0 : this.now() - this.executionStart;
    this.executionStart = undefined;
    this.killed = false;
    return took;
  }

  /** The day number the daily quotas count in. */
  day(): number {
    return Math.floor(this.now() / 86_400_000);
  }

  /** A Date class for the script's realm that reads this clock. */
  dateClass(): DateConstructor {
    const now = () => this.now();
    class VirtualDate extends Date {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(now());
        else super(...(args as [string]));
      }
      static override now(): number {
        return now();
      }
    }
    return VirtualDate as unknown as DateConstructor;
  }
}
