const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Twelve random letters and digits from Math.random (Apps Script has no crypto): unique enough
 * for a client ID, which only has to differ from other sheets'.
 * @example mathRandomId().length // 12
 */
export function mathRandomId(): string {
  let id = '';
  for (let i = 0; i < 12; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  return id;
}
