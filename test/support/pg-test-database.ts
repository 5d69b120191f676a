import pg from 'pg';

/** The role and database `scripts/test-postgres-setup.sh` makes; CI exports the same URL. */
export const testDatabaseUrl =
  process.env['CRM_TEST_DATABASE_URL'] ?? 'postgres://crm_test:crm_test@127.0.0.1:5432/crm_test';

const prefix = 'crm_test_';

/**
 * Fresh, empty schemas on the test database for one test file, dropped by `dropAll` (and, when a
 * run was interrupted, by a later run once they are an hour old). Nothing connects until the
 * first schema is asked for, so that without a server each test fails on its own rather than
 * the file being reported as skipped.
 */
export function testSchemas(url = testDatabaseUrl) {
  let admin: pg.Pool | undefined;
  let cleanup: Promise<void> | undefined;
  const created: string[] = [];
  let n = 0;

  async function dropStale(pool: pg.Pool): Promise<void> {
    const { rows } = await pool.query<{ nspname: string }>(
      'SELECT nspname FROM pg_namespace WHERE nspname LIKE $1',
      [`${prefix}%`],
    );
    for (const { nspname } of rows) {
      const made = Number(nspname.slice(prefix.length).split('_')[0]);
      if (made < Date.now() - 3_600_000) {
        await pool.query(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`);
      }
    }
  }

  return {
    /** A new empty schema's name. */
    async fresh(): Promise<string> {
      admin ??= new pg.Pool({ connectionString: url, max: 2 });
      await (cleanup ??= dropStale(admin));
      const schema = `${prefix}${Date.now()}_${process.pid}_${n++}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      created.push(schema);
      return schema;
    },
    /** `url` with every connection working in `schema` (what a DATABASE_URL can say too). */
    urlFor(schema: string): string {
      const withSchema = new URL(url);
      withSchema.searchParams.set('options', `-c search_path=${schema}`);
      return withSchema.toString();
    },
    /** Runs one statement as the test role, outside any server under test. */
    async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
      admin ??= new pg.Pool({ connectionString: url, max: 2 });
      return (await admin.query<T>(sql, params)).rows;
    },
    async dropAll(): Promise<void> {
      if (admin === undefined) return;
      for (const schema of created.splice(0)) {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      }
      await admin.end();
      admin = undefined;
    },
  };
}
