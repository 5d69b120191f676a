// What makes Sheets or Excel read a cell as a formula: =, +, - or @ first, possibly after spaces
// (Excel trims them), their full-width forms (a Chinese IME in full-width mode types ＝, and Excel
// converts it), or a leading tab or carriage return (OWASP's CSV injection list).
const TRIGGER_AFTER_SPACE = /^\s*[=+\-@＝＋－＠]/u;
const LEADING_CONTROL = /^[\t\r]/u;
// A plain decimal number with optional sign, fraction and exponent, as String(number) writes
// it: safe to leave, and neutralising it would turn -5 into text. Grouped (-1,234.5) or
// padded ( -5) numbers are not plain and are neutralised.
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/u;

/**
 * Whether a spreadsheet would run a value as a formula when it is written into a cell or opened
 * from an exported file. Plain numbers such as `-5` or `1e5` are not formula-like.
 * @example isFormulaLike('=HYPERLINK("http://evil.example","点击")') // true
 */
export function isFormulaLike(value: string): boolean {
  return (
    !PLAIN_NUMBER.test(value) && (LEADING_CONTROL.test(value) || TRIGGER_AFTER_SPACE.test(value))
  );
}
