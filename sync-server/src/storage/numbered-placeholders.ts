/**
 * Rewrites the `?` placeholders of a statement as PostgreSQL's `$1, $2, …`, leaving alone any `?`
 * inside a string literal ('…', E'…'), a quoted identifier ("…"), a dollar-quoted body ($$…$$,
 * $tag$…$tag$) or a comment. Returns the rewritten text and how many placeholders it has.
 * Note: PostgreSQL's jsonb operators `?`, `?|` and `?&` cannot be written in shared SQL; use the
 * functions `jsonb_exists`, `jsonb_exists_any` and `jsonb_exists_all` instead.
 */
export function numberPlaceholders(sql: string): { text: string; count: number } {
  let text = '';
  let count = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql.charAt(i);
    const end = skipQuoted(sql, i);
    if (end > i) {
      text += sql.slice(i, end);
      i = end;
    } else if (c === '?') {
      count += 1;
      text += `$${count}`;
      i += 1;
    } else {
      text += c;
      i += 1;
    }
  }
  return { text, count };
}

/** Where the literal, quoted identifier or comment starting at `i` ends; `i` if none starts. */
function skipQuoted(sql: string, i: number): number {
  const c = sql.charAt(i);
  const next = sql.charAt(i + 1);
  if (c === "'") return afterQuote(sql, i + 1, "'", false);
  if ((c === 'E' || c === 'e') && next === "'" && !isIdentifierChar(sql.charAt(i - 1))) {
    return afterQuote(sql, i + 2, "'", true);
  }
  if (c === '"') return afterQuote(sql, i + 1, '"', false);
  if (c === '-' && next === '-') {
    const newline = sql.indexOf('\n', i + 2);
    return newline === -1 ? sql.length : newline + 1;
  }
  if (c === '/' && next === '*') return afterBlockComment(sql, i);
  if (c === '$' && !isIdentifierChar(sql.charAt(i - 1))) {
    const tag = /^\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(sql.slice(i))?.[0];
    if (tag !== undefined) {
      const close = sql.indexOf(tag, i + tag.length);
      return close === -1 ? sql.length : close + tag.length;
    }
  }
  return i;
}

/** The index after the closing quote; a doubled quote is an escaped one, as is `\` in E'…'. */
function afterQuote(sql: string, from: number, quote: string, backslashEscapes: boolean): number {
  let i = from;
  while (i < sql.length) {
    const c = sql.charAt(i);
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === quote && sql.charAt(i + 1) === quote) i += 2;
    else if (c === quote) return i + 1;
    else i += 1;
  }
  return sql.length;
}

/** PostgreSQL block comments nest. */
function afterBlockComment(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    const pair = sql.slice(i, i + 2);
    if (pair === '/*') {
      depth += 1;
      i += 2;
    } else if (pair === '*/') {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return sql.length;
}

function isIdentifierChar(c: string): boolean {
  return c !== '' && /[\w$\u0080-\uffff]/.test(c);
}
