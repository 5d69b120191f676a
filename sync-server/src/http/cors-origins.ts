/**
 * Which browser origins may call the API, from the admin's list. An entry is an exact origin
 * (`https://crm.example.com`) or a scheme with a wildcard for the subdomain part
 * (`https://*.googleusercontent.com`): Google serves each Apps Script sidebar from its own
 * subdomain there, so no exact list can name them.
 * @example allowedOrigin(['https://*.googleusercontent.com'])('https://n-abc-0lu-script.googleusercontent.com') // that origin
 */
export function allowedOrigin(entries: readonly string[]): (origin: string) => string | null {
  const exact = new Set<string>();
  const suffixes: { scheme: string; suffix: string }[] = [];
  for (const entry of entries) {
    // Anything else could only ever match the origin "null" (sandboxed frames, file: pages).
    if (!isOriginEntry(entry)) continue;
    const url = new URL(entry);
    if (url.hostname.startsWith('*.')) {
      suffixes.push({ scheme: url.protocol, suffix: url.host.slice(1) });
    } else {
      exact.add(url.origin);
    }
  }
  return (origin) => {
    if (exact.has(origin)) return origin;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return null;
    }
    // The origin itself, not a path or credentials smuggled after it.
    if (url.origin !== origin) return null;
    const match = suffixes.some(
      (s) =>
        url.protocol === s.scheme &&
        url.host.endsWith(s.suffix) &&
        /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(url.host.slice(0, -s.suffix.length)),
    );
    return match ? origin : null;
  };
}

/**
 * Whether an entry of the admin's list is an origin: http or https, a host, an optional port,
 * nothing after it, and a wildcard only as the first label of the host.
 * @example isOriginEntry('https://*.googleusercontent.com') // true
 * @example isOriginEntry('localhost:3000') // false: no scheme, so no origin
 */
export function isOriginEntry(entry: string): boolean {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (entry !== url.origin && entry !== `${url.origin}/`) return false;
  const host = url.hostname.startsWith('*.') ? url.hostname.slice(2) : url.hostname;
  return host !== '' && !host.includes('*');
}
