import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from './neutralise-formula';

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const STARTS_LIKE_FORMULA = /^\s*[=+\-@＝＋－＠]|^[\t\r]/u;

// Strings likely to start with a trigger, so the neutralising branch is well exercised.
const riskyString = fc
  .tuple(
    fc.constantFrom('', ' ', '  ', '\t', '\r', '\n', '\u3000', '\u00a0'),
    fc.constantFrom('=', '+', '-', '@', '＝', '＋', '－', '＠', "'", 'a', '1'),
    fc.string({ unit: 'binary' }),
  )
  .map(([space, trigger, rest]) => space + trigger + rest);
const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  riskyString,
);
const plainNumber = fc.double({ noNaN: true, noDefaultInfinity: true }).map(String);

describe('neutraliseFormula', () => {
  it('quotes formulas so the sheet stores them as text', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('+86 138 1234 5678')).toBe("'+86 138 1234 5678");
    expect(neutraliseFormula('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(neutraliseFormula(' =1+1')).toBe("' =1+1");
    expect(neutraliseFormula('\t=1')).toBe("'\t=1");
    expect(neutraliseFormula('＝１＋１')).toBe("'＝１＋１");
    expect(neutraliseFormula('-1,234.5')).toBe("'-1,234.5");
  });

  it('leaves numbers and text as they are', () => {
    expect(neutraliseFormula('-5')).toBe('-5');
    expect(neutraliseFormula('-3.14')).toBe('-3.14');
    expect(neutraliseFormula('1e5')).toBe('1e5');
    expect(neutraliseFormula('需要采购10台工业机器人')).toBe('需要采购10台工业机器人');
    expect(neutraliseFormula('')).toBe('');
  });

  it('always gives a value no spreadsheet runs, unless it is a plain number', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const out = neutraliseFormula(value);
        return PLAIN_NUMBER.test(out) || !STARTS_LIKE_FORMULA.test(out);
      }),
      { numRuns: 1000 },
    );
  });

  it('returns text that does not start like a formula unchanged', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        fc.pre(!STARTS_LIKE_FORMULA.test(value));
        return neutraliseFormula(value) === value;
      }),
      { numRuns: 1000 },
    );
  });

  it('returns numbers as String writes them unchanged', () => {
    fc.assert(fc.property(plainNumber, (value) => neutraliseFormula(value) === value));
    fc.assert(fc.property(fc.integer(), (n) => neutraliseFormula(String(n)) === String(n)));
  });

  it('changes a value at most by one leading quote, and only once', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const once = neutraliseFormula(value);
        expect(once === value || once === `'${value}`).toBe(true);
        expect(neutraliseFormula(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
