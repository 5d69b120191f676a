const marksOf = new Map<number, string>();

/** `n` placeholders for a statement, comma-separated: `?, ?, ?`. */
export function marks(n: number): string {
  let text = marksOf.get(n);
  if (text === undefined) {
    text = Array.from({ length: n }, () => '?').join(', ');
    if (n <= 1000) marksOf.set(n, text);
  }
  return text;
}

/** The items in slices of at most `size`, for statements with a bounded number of values. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
