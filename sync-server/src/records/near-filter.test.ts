import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyMatcher, nearDuplicateThreshold } from '../../../shared/core/normalise/similarity';
import { mayBeNear, shapeOf } from './near-filter';

// Few letters, so random names are often near each other; Han, digits, Latin and an astral one.
const letter = fc.constantFrom(
  '华',
  '信',
  '新',
  '科',
  '技',
  '恒',
  '达',
  '1',
  '2',
  '3',
  'A',
  'b',
  '𠀋',
);
const name = fc.array(letter, { minLength: 1, maxLength: 12 });
// A name and another made from it by a few substitutions, insertions and deletions.
const pair = fc
  .tuple(
    name,
    fc.array(fc.tuple(fc.constantFrom('sub', 'ins', 'del'), fc.nat(), letter), { maxLength: 3 }),
  )
  .map(([letters, edits]) => {
    const other = [...letters];
    for (const [op, at, l] of edits) {
      const i = at % (other.length + 1);
      if (op === 'ins') other.splice(i, 0, l);
      else if (other.length > 1)
        other.splice(Math.min(i, other.length - 1), 1, ...(op === 'sub' ? [l] : []));
    }
    return [letters.join(''), other.join('')] as const;
  });

describe('the near-duplicate pre-check', () => {
  it('never rules out a pair the edit distance finds near', () => {
    let near = 0;
    fc.assert(
      fc.property(pair, ([a, b]) => {
        if (keyMatcher(a, nearDuplicateThreshold)(b)) {
          near += 1;
          expect(mayBeNear(shapeOf(a), shapeOf(b))).toBe(true);
        }
      }),
      { numRuns: 20_000 },
    );
    // The pairs were near often enough for the check to mean something.
    expect(near).toBeGreaterThan(2_000);
  });

  it('counts code points, as the edit distance does', () => {
    expect(shapeOf('𠀋华信')).toEqual({ length: 3, letters: shapeOf('华信𠀋').letters });
  });

  it('rules out names of other words or lengths before their edit distance is worked out', () => {
    const key = '华信123科技';
    expect(mayBeNear(shapeOf(key), shapeOf('华信124科技'))).toBe(true);
    expect(mayBeNear(shapeOf(key), shapeOf('华信9876科技'))).toBe(false);
    expect(mayBeNear(shapeOf(key), shapeOf('华信123456科技'))).toBe(false);
    const words = ['恒达', '远景', '新锐', '博通', '东方', '华新'];
    const trades = ['贸易', '实业', '科技'];
    const others = Array.from(
      { length: 1000 },
      (_, i) => `${words[i % 6] ?? ''}${100 + (i % 900)}${trades[i % 3] ?? ''}`,
    );
    const kept = others.filter((o) => mayBeNear(shapeOf(key), shapeOf(o)));
    expect(kept.length).toBeLessThan(others.length / 4);
  });
});
