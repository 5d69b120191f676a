/** Why a crypto operation was refused; callers branch on this, never on the message. */
export type CryptoErrorCode =
  | 'invalid-key-material'
  | 'unknown-key-id'
  | 'malformed-ciphertext'
  | 'authentication-failed'
  | 'invalid-input'
  | 'insecure-key-file'
  | 'key-mismatch';

/**
 * A refused crypto operation. Messages name what is wrong (line, key id, field) but never carry
 * key bytes or plaintext, so they are safe to log.
 */
export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string) {
    super(message);
    this.name = 'CryptoError';
    this.code = code;
  }
}
