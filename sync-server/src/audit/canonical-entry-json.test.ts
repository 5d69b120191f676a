import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/core/audit/canonical-json';
import { canonicalEntryJson, fieldsJson } from './canonical-entry-json';

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const nullableText = fc.option(text, { nil: null });
const field = fc.record(
  { field: text, oldValue: text, newValue: text },
  { requiredKeys: ['field'] },
);
const entry = fc.record({
  seq: fc.integer({ min: 1 }),
  at: text,
  actorId: nullableText,
  actorRole: nullableText,
  ip: nullableText,
  userAgent: nullableText,
  client: fc.constantFrom('sheets' as const, 'excel' as const, 'api' as const, 'web' as const),
  action: text,
  recordId: nullableText,
  fields: fc.array(field, { maxLength: 4 }),
  outcome: fc.constantFrom('success' as const, 'denied' as const, 'failed' as const),
  detail: nullableText,
});
type Entry = Parameters<typeof canonicalEntryJson>[0];

describe('canonicalEntryJson', () => {
  it('writes exactly what canonicalJson writes for every audit entry', () => {
    fc.assert(
      fc.property(entry, (e) => {
        expect(canonicalEntryJson(e)).toBe(canonicalJson(e));
      }),
      { numRuns: 500 },
    );
  });

  it('writes exactly what canonicalJson writes for entries of another shape', () => {
    const odd = fc
      .tuple(entry, fc.dictionary(text, fc.jsonValue(), { maxKeys: 3 }))
      .map(([e, extra]): Entry => ({ ...extra, ...e }));
    fc.assert(
      fc.property(odd, (e) => {
        expect(canonicalEntryJson(e)).toBe(canonicalJson(e));
      }),
      { numRuns: 300 },
    );
    const cases: unknown[] = [
      { seq: 1, at: 'x', extra: 1 },
      { seq: 1, action: undefined, detail: null },
      { seq: 1.5, fields: [{ field: 'a', oldValue: 1 }] },
      { seq: 2, fields: [{ field: 'a', newValue: undefined, other: 'b' }] },
      { seq: 3, fields: [{ oldValue: 'o', newValue: 'n' }], ip: true },
      { seq: Number.NaN, fields: 'none' },
      Object.assign(Object.create({ action: 'inherited' }) as object, { seq: 4, fields: [] }),
      Object.defineProperty({ seq: 5, fields: [] }, 'action', { value: 'a', enumerable: false }),
      { seq: 6, fields: [Object.defineProperty({ field: 'f' }, 'oldValue', { value: 'o' })] },
    ];
    for (const c of cases) expect(canonicalEntryJson(c as Entry)).toBe(canonicalJson(c));
  });

  it('writes fields out once, as canonicalJson does, and hashes and stores that one text', () => {
    fc.assert(
      fc.property(entry, fc.array(fc.jsonValue(), { maxLength: 3 }), (e, odd) => {
        expect(fieldsJson(e.fields)).toBe(canonicalJson(e.fields));
        // Kept with the array: an entry of those fields is written with the same text.
        expect(canonicalEntryJson(e)).toBe(canonicalJson(e));
        const oddFields = odd as unknown as Entry['fields'];
        expect(fieldsJson(oddFields)).toBe(canonicalJson(oddFields));
        expect(canonicalEntryJson({ ...e, fields: oddFields })).toBe(
          canonicalJson({ ...e, fields: oddFields }),
        );
      }),
      { numRuns: 300 },
    );
    const fields = [{ field: 'mobile', newValue: '"138****5678"' }];
    const before = fieldsJson(fields);
    fields.push({ field: 'email', newValue: '"b***@example.com"' });
    // Worked out once: what was hashed is what is stored, even should the array change after.
    expect(fieldsJson(fields)).toBe(before);
  });
});
