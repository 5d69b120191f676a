import { afterAll } from 'vitest';
import { testDatabaseUrl, testSchemas } from '../../../test/support/pg-test-database';
import { makeTestServer } from '../../../test/support/test-server';
import { openPostgresDatabase } from '../storage/postgres-database';
import { runCustomerSearchTests } from './customer-search.case.test';

const schemas = testSchemas();
afterAll(() => schemas.dropAll());

runCustomerSearchTests('PostgreSQL', () =>
  makeTestServer({}, async () =>
    openPostgresDatabase(testDatabaseUrl, { schema: await schemas.fresh(), maxConnections: 4 }),
  ),
);
