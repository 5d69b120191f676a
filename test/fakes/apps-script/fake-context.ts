import type { CostModel } from './limits';
import type { VirtualClock } from './virtual-clock';

/** Service calls made, by name, so a test can count reads and writes. */
export type CallCounts = Record<string, number>;

/** What the fakes share: the clock, the cost model, call counts, the script realm's Date. */
export interface FakeContext {
  clock: VirtualClock;
  costs: CostModel;
  calls: CallCounts;
  DateClass: DateConstructor;
}

/** Counts a service call by name. */
export function count(ctx: FakeContext, name: string): void {
  ctx.calls[name] = (ctx.calls[name] ?? 0) + 1;
}

/** An error as Apps Script throws them. */
export function exception(message: string): Error {
  const error = new Error(message);
  error.name = 'Exception';
  return error;
}
