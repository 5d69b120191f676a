import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../people/bootstrap';
import { migrate } from '../storage/migrate';
import { openSqliteDatabase } from '../storage/sqlite-database';
import { loadReference } from './push-context';

const dir = mkdtempSync(join(tmpdir(), 'crm-reference-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the reference data a push checks rows against', () => {
  it('is the same objects while nothing changed, and read afresh once a template or tag does', async () => {
    const db = await openSqliteDatabase(join(dir, 'crm.sqlite'));
    await migrate(db);
    await bootstrap(db, { adminEmail: 'admin@example.com', now: new Date() });
    const first = await loadReference(db);
    const again = await loadReference(db);
    // The same template objects: the validators built for them are kept by object.
    expect(again).toBe(first);
    expect(again.templates.get('enterprise-domestic')).toBe(
      first.templates.get('enterprise-domestic'),
    );

    await db.write((tx) =>
      tx.run("INSERT INTO tags (tag, status, updated_at) VALUES ('测试-新标签', 'active', 'x')"),
    );
    const tagged = await loadReference(db);
    expect(tagged).not.toBe(first);
    expect(tagged.vocabulary.has('测试-新标签')).toBe(true);
    expect(tagged.stamp).not.toBe(first.stamp);

    const row = await db.get<{ data: string }>(
      "SELECT data FROM templates WHERE id = 'enterprise-domestic'",
    );
    const template = JSON.parse(row?.data ?? '{}') as { version: number; name: { en: string } };
    template.version += 1;
    template.name.en = 'Enterprise, renamed';
    await db.write((tx) =>
      tx.run("UPDATE templates SET data = ?, version = ? WHERE id = 'enterprise-domestic'", [
        JSON.stringify(template),
        template.version,
      ]),
    );
    const renamed = await loadReference(db);
    expect(renamed.templates.get('enterprise-domestic')?.name.en).toBe('Enterprise, renamed');
    expect(renamed.stamp).not.toBe(tagged.stamp);
    await db.close();
  });
});
