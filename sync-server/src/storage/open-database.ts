import { join } from 'node:path';
import type { Database } from './database';
import { openPostgresDatabase } from './postgres-database';
import { openSqliteDatabase } from './sqlite-database';

/**
 * Opens the storage the settings name: PostgreSQL when `databaseUrl` is a postgres:// or
 * postgresql:// URL, else SQLite in `crm.sqlite` of the data directory. Any other URL is refused
 * rather than quietly giving each instance a file of its own; the URL, which may hold a password,
 * is never repeated in the message.
 */
export function openDatabase(settings: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<Database> {
  const url = settings.databaseUrl ?? '';
  if (url === '') return openSqliteDatabase(join(settings.dataDir, 'crm.sqlite'));
  if (/^postgres(ql)?:\/\//i.test(url)) return openPostgresDatabase(url);
  return Promise.reject(
    new Error('DATABASE_URL must start with postgres:// or postgresql://, or be left unset'),
  );
}

/** Error codes of a database file that cannot be created or opened where the setting points. */
const fileCodes = new Set([
  'EEXIST',
  'ENOTDIR',
  'EISDIR',
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOSPC',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_NOTADB',
  'SQLITE_PERM',
]);

/**
 * A start that failed to reach its storage, said in Chinese and English naming the setting to
 * look at (CRM_DATA_DIR or DATABASE_URL), or undefined when the error is not about reaching it.
 * The URL, which may hold a password, is never repeated.
 * @example storageStartMessage({ code: 'ECONNREFUSED' }, { databaseUrl: 'postgres://…', dataDir: 'data' }) // 'DATABASE_URL: 无法连接 …'
 */
export function storageStartMessage(
  error: unknown,
  settings: { databaseUrl?: string | undefined; dataDir: string },
): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if ((settings.databaseUrl ?? '') === '') {
    return fileCodes.has(code)
      ? `CRM_DATA_DIR: 无法在 ${settings.dataDir} 中创建或打开数据库（${code}），请检查这个目录 / cannot create or open the database in ${settings.dataDir} (${code}); check CRM_DATA_DIR`
      : undefined;
  }
  const said =
    postgresProblems[code] ?? (code.startsWith('08') ? postgresProblems['08'] : undefined);
  return said === undefined
    ? undefined
    : `DATABASE_URL: ${said.zh}（${code}） / ${said.en} (${code}); check DATABASE_URL`;
}

const postgresProblems: Record<string, { zh: string; en: string }> = {
  '28P01': {
    zh: 'PostgreSQL 拒绝了用户名或密码',
    en: 'PostgreSQL refused the user name or password',
  },
  '28000': { zh: 'PostgreSQL 不允许这个用户连接', en: 'PostgreSQL does not let this user connect' },
  '3D000': { zh: 'PostgreSQL 中没有这个数据库', en: 'PostgreSQL has no such database' },
  ENOTFOUND: { zh: '找不到数据库服务器的主机名', en: 'the database host name cannot be found' },
  EAI_AGAIN: {
    zh: '暂时无法解析数据库服务器的主机名',
    en: 'the database host name cannot be resolved now',
  },
  ECONNREFUSED: {
    zh: '数据库服务器的地址和端口上没有服务',
    en: 'nothing answers at the database host and port',
  },
  ETIMEDOUT: { zh: '连接数据库服务器超时', en: 'the database server did not answer in time' },
  ECONNRESET: { zh: '数据库服务器断开了连接', en: 'the database server closed the connection' },
  '08': { zh: '无法与 PostgreSQL 建立连接', en: 'cannot establish a connection to PostgreSQL' },
};
