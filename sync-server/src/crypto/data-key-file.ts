import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { CryptoError } from './crypto-error';
import { generateKeyMaterial, parseKeyMaterial } from './key-material';

/** Key material and whether this call generated it (first start). */
export interface KeyFileResult {
  readonly material: string;
  readonly created: boolean;
}

/**
 * Finds the key material: `envValue` (from `CRM_DATA_KEY`) when set, else the key file at `path`,
 * else new material written to `path` with mode 600 (directory created, write atomic). The
 * material is validated with `parseKeyMaterial`; errors name the source, never a value. A key file
 * that group or others may access is refused.
 * @example loadOrCreateKeyFile('data/keys/data.key', process.env.CRM_DATA_KEY).created // true on first start
 */
export function loadOrCreateKeyFile(path: string, envValue?: string): KeyFileResult {
  if (envValue !== undefined) {
    // An empty variable is more likely a broken deployment than a wish for a new key file; a new
    // key would leave existing ciphertexts unreadable.
    if (envValue.trim() === '') {
      throw new CryptoError(
        'invalid-key-material',
        'CRM_DATA_KEY is set but empty; unset it to use the key file',
      );
    }
    validate(envValue, 'CRM_DATA_KEY');
    return { material: envValue, created: false };
  }

  const existing = readKeyFile(path);
  if (existing !== undefined) return { material: existing, created: false };

  const material = generateKeyMaterial();
  const winner = createKeyFileExclusively(path, material);
  // Another process created the file between our read and our write: use its keys, not ours.
  if (winner !== material) return { material: winner, created: false };
  return { material, created: true };
}

/**
 * The key file's content, validated, or undefined when it does not exist; refused when group or
 * others may access it.
 * @example readKeyFile('data/data.key') // undefined before the first start
 */
export function readKeyFile(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
  try {
    // fstat on the open descriptor checks the file we actually read, not one swapped in meanwhile.
    const mode = fstatSync(fd).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new CryptoError(
        'insecure-key-file',
        `key file ${path} is accessible by group or others (mode ${mode.toString(8)}); ` +
          `run: chmod 600 ${path}`,
      );
    }
    const material = readFileSync(fd, 'utf8');
    validate(material, `key file ${path}`);
    return material;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes new key material to `path` (mode 600) unless a key file is already there, and returns the
 * material that ended up in the file. A temp file is linked into place: link, unlike rename, fails
 * when the target exists, so two servers starting at once never overwrite keys that one of them
 * may already be using.
 * @example createKeyFileExclusively('data/keys/data.key', generateKeyMaterial())
 */
export function createKeyFileExclusively(path: string, material: string): string {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    // The umask can only clear bits, but an explicit chmod documents and guarantees the mode.
    fchmodSync(fd, 0o600);
    writeFileSync(fd, material, 'utf8');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    try {
      linkSync(temp, path);
    } catch (error) {
      if (isErrno(error, 'EEXIST')) {
        const existing = readKeyFile(path);
        if (existing !== undefined) return existing;
      }
      // Filesystems without hard links: fall back to rename, the usual atomic replace.
      if (!isErrno(error, 'EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP')) throw error;
      renameSync(temp, path);
    }
  } finally {
    unlinkQuietly(temp);
  }
  syncDirectory(dir);
  return material;
}

// Without syncing the directory, a crash right after first start could lose the new entry while
// the database already holds data encrypted under its keys.
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the file itself is synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

function validate(material: string, source: string): void {
  try {
    parseKeyMaterial(material);
  } catch (error) {
    if (error instanceof CryptoError) {
      throw new CryptoError(error.code, `${source}: ${error.message}`);
    }
    throw error;
  }
}

function isErrno(error: unknown, ...codes: string[]): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    codes.includes(error.code)
  );
}
