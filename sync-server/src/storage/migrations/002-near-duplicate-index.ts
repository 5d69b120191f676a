import type { Migration } from '../migrate';

// Near-duplicate candidates are the most recent names per city and first character: with the
// checkpoint in the index, that is a range read instead of a sort of the whole group.
const statements = [
  'DROP INDEX customers_near',
  'CREATE INDEX customers_near ON customers (city_code, trade_prefix, checkpoint)',
];

/** Orders the near-duplicate index by recency. */
export const nearDuplicateIndex: Migration = {
  version: 2,
  name: 'near-duplicate-index',
  sqlite: statements,
  postgres: statements,
};
