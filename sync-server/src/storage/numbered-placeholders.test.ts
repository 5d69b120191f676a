import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberPlaceholders } from './numbered-placeholders';

describe('numberPlaceholders', () => {
  it('numbers placeholders in order', () => {
    expect(numberPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?')).toEqual({
      text: 'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3) LIMIT $4',
      count: 4,
    });
  });

  it('leaves a ? inside literals, quoted names, dollar quotes and comments alone', () => {
    const sql = [
      "SELECT '?', 'it''s ?', E'\\'?', e'\\\\', ?,",
      '"col?" , "a""?",',
      '$$ ? $$, $fn$ body ? $$ still body $fn$, ?',
      '-- a comment ?',
      'FROM t /* outer /* nested ? */ still ? */ WHERE x = ?',
    ].join('\n');
    const { text, count } = numberPlaceholders(sql);
    expect(count).toBe(3);
    expect(text).toBe(
      [
        "SELECT '?', 'it''s ?', E'\\'?', e'\\\\', $1,",
        '"col?" , "a""?",',
        '$$ ? $$, $fn$ body ? $$ still body $fn$, $2',
        '-- a comment ?',
        'FROM t /* outer /* nested ? */ still ? */ WHERE x = $3',
      ].join('\n'),
    );
  });

  it('does not take $n parameters or names with $ for dollar quotes', () => {
    expect(numberPlaceholders('SELECT a$b, ? FROM t$1 WHERE c = ?')).toEqual({
      text: 'SELECT a$b, $1 FROM t$1 WHERE c = $2',
      count: 2,
    });
  });

  it('leaves a statement with no placeholder unchanged, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const sql = s.replaceAll('?', '');
        expect(numberPlaceholders(sql)).toEqual({ text: sql, count: 0 });
      }),
    );
  });

  it('numbers every ? outside quotes, however many', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a = ?', "'?'", '"?"', 'x'), { maxLength: 30 }),
        (parts) => {
          const { count } = numberPlaceholders(parts.join(' , '));
          expect(count).toBe(parts.filter((p) => p === 'a = ?').length);
        },
      ),
    );
  });
});
