import { describe, expect, it } from 'vitest';
import { defaultRoles } from '../../../shared/core/roles/default-roles';
import { rowScopes } from '../../../shared/core/roles/role';
import type { Actor } from '../http/context';
import { openSqliteDatabase } from '../storage/sqlite-database';
import { inScope, scopeCondition } from './policy';

const people = ['u-a', 'u-b', 'u-c'];
const teams = [null, 'east', 'west'];

describe('scopeCondition', () => {
  it('reads exactly the rows inScope allows, for every row scope, with and without a team', async () => {
    const db = await openSqliteDatabase(':memory:');
    await db.run(
      'CREATE TABLE customers (id INTEGER PRIMARY KEY, owner TEXT, created_by TEXT, team TEXT)',
    );
    const records: { id: number; owner: string; createdBy: string; team: string | null }[] = [];
    for (const owner of people)
      for (const createdBy of people)
        for (const team of teams) records.push({ id: records.length, owner, createdBy, team });
    await db.insertRows(
      'customers',
      ['id', 'owner', 'created_by', 'team'],
      records.map((r) => [r.id, r.owner, r.createdBy, r.team]),
    );
    const base = defaultRoles[0];
    if (base === undefined) throw new Error('no roles');
    let compared = 0;
    for (const rowScope of rowScopes) {
      for (const team of [undefined, 'east', 'west']) {
        const actor = {
          user: {
            id: 'u-a',
            email: 'a@example.com',
            displayName: 'a',
            roleId: base.id,
            team,
            locale: 'zh-CN',
            active: true,
          },
          role: { ...base, rowScope },
        } as Actor;
        const { sql, params } = scopeCondition(actor);
        const read = await db.all<{ id: number }>(
          `SELECT id FROM customers WHERE ${sql} ORDER BY id`,
          params,
        );
        const expected = records.filter((r) => inScope(actor, r)).map((r) => r.id);
        expect(
          read.map((r) => r.id),
          `${rowScope} / ${team}`,
        ).toEqual(expected);
        compared += expected.length;
      }
    }
    // The comparison is not vacuous: some scopes reach some rows but not all.
    expect(compared).toBeGreaterThan(0);
    await db.close();
  });
});
