/**
 * The top-level fields of a request body whose text, anywhere inside (keys too), holds U+0000:
 * PostgreSQL cannot store it, so it is refused at the edge on both engines alike. Fields in
 * `skip` are checked by their route instead.
 */
export function fieldsWithNul(
  body: Readonly<Record<string, unknown>>,
  skip: readonly string[] = [],
): string[] {
  return Object.entries(body)
    .filter(([field, value]) => !skip.includes(field) && (hasNul(field) || holdsNul(value)))
    .map(([field]) => field);
}

/** Whether text holds U+0000. */
export const hasNul = (text: string): boolean => text.includes('\u0000');

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return hasNul(value);
  if (Array.isArray(value)) return value.some(holdsNul);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, inner]) => hasNul(key) || holdsNul(inner));
  }
  return false;
}
