import { makeTestServer } from '../../../test/support/test-server';
import { runCustomerSearchTests } from './customer-search.case.test';

runCustomerSearchTests('SQLite', () => makeTestServer());
