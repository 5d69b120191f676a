import type { SqlExecutor, SqlValue } from './database';

/** Rows of values, each in the order of the columns it is inserted into. */
export type Rows = readonly (readonly SqlValue[])[];

/**
 * Inserts rows with multi-row `VALUES` statements of at most `maxParams` parameters each. With
 * `upsertOn`, a row whose key exists updates every other column instead.
 */
export async function insertWithValues(
  run: SqlExecutor['run'],
  table: string,
  columns: readonly string[],
  rows: Rows,
  upsertOn: string | undefined,
  maxParams: number,
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(maxParams / columns.length));
  const row = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const params: SqlValue[] = [];
    for (const values of chunk) for (const value of values) params.push(value);
    await run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => row).join(', ')}${upsertClause(columns, upsertOn)}`,
      params,
    );
  }
}

/**
 * The SQLite statement that inserts every row of one JSON parameter, an array of rows each an
 * array of values: one string to bind instead of a parameter per value, which the driver
 * converts one by one on the event loop (a fifth of a push batch's time there). SQLite reads
 * the JSON on its own thread, once, as JSONB (read as text, every `->>` would parse the row
 * again). `WHERE true` keeps `ON CONFLICT` from parsing as a join clause.
 */
export function jsonInsertSql(
  table: string,
  columns: readonly string[],
  upsertOn: string | undefined,
): string {
  const values = columns.map((_, i) => `value ->> ${i}`).join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values} FROM jsonb_each(?) WHERE true${upsertClause(columns, upsertOn)}`;
}

/**
 * The rows as the JSON parameter of `jsonInsertSql`. A bigint goes in as the integer it is
 * (SQLite holds 64-bit integers; one beyond that is refused, not rounded); a number JSON cannot
 * write (NaN, ±Infinity) goes in as NULL.
 */
export function rowsAsJson(rows: Rows): string {
  for (const values of rows) {
    for (const value of values) {
      if (typeof value === 'bigint') return JSON.stringify(rows, bigintAsNumber);
    }
  }
  return JSON.stringify(rows);
}

const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

function bigintAsNumber(_key: string, value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  if (value < int64.min || value > int64.max) {
    throw new RangeError(`${value} does not fit in a 64-bit integer column`);
  }
  // Exact below 2^53; beyond it SQLite would need the digits, which JSON.stringify cannot write.
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${value} is beyond what the SQLite driver can pass exactly`);
  }
  return Number(value);
}

function upsertClause(columns: readonly string[], upsertOn: string | undefined): string {
  if (upsertOn === undefined) return '';
  const updates = columns.filter((c) => c !== upsertOn).map((c) => `${c} = excluded.${c}`);
  return ` ON CONFLICT (${upsertOn}) DO UPDATE SET ${updates.join(', ')}`;
}
