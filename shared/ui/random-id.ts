/**
 * A random string of 20 letters and digits, for mutation and client IDs.
 * @example randomId() // 'k3f9q0x2m1…'
 */
export function randomId(): string {
  const bytes = new Uint8Array(20);
  globalThis.crypto.getRandomValues(bytes);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
