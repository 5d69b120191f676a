import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { systemFields } from '../policy/policy';
import { withoutSystem } from './prepare-create';

// What withoutSystem did before it copied key by key.
const reference = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).filter(([k]) => !systemFields.has(k)));

describe('withoutSystem', () => {
  const key = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom('__proto__', 'constructor', 'id', 'status', 'kind', 'owner', '0', '12'),
  );
  const fields = fc
    .array(fc.tuple(key, fc.jsonValue()), { maxLength: 8 })
    .map(
      (entries) =>
        JSON.parse(JSON.stringify(Object.fromEntries(entries))) as Record<string, unknown>,
    );

  it('keeps every other field, in order, own keys only, whatever the names', () => {
    fc.assert(
      fc.property(fields, (f) => {
        const kept = withoutSystem(f);
        expect(Object.entries(kept)).toEqual(Object.entries(reference(f)));
        expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
      }),
    );
  });

  it('puts the given fields first, as a spread before the row would', () => {
    fc.assert(
      fc.property(fields, (f) => {
        const kept = withoutSystem(f, { owner: 'u-1' });
        expect(Object.entries(kept)).toEqual(Object.entries(reference({ owner: 'u-1', ...f })));
      }),
    );
  });
});
