import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelListener, Database } from '../storage/database';
import { migrate } from '../storage/migrate';
import { openSqliteDatabase } from '../storage/sqlite-database';
import { changesChannel, openChangeFeed, type ChangeSubscriber } from './change-feed';

let dir: string;
let db: Database;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crm-feed-'));
  db = await openSqliteDatabase(join(dir, 'crm.sqlite'));
  await migrate(db);
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function recorder() {
  const heard: number[] = [];
  let ended = 0;
  const subscriber: ChangeSubscriber = {
    changed: (checkpoint) => heard.push(checkpoint),
    ended: () => (ended += 1),
  };
  return { heard, subscriber, ended: () => ended };
}

describe('the change feed', () => {
  it('passes what is published to every subscriber until it unsubscribes', async () => {
    const feed = await openChangeFeed(db);
    const [one, two] = [recorder(), recorder()];
    feed.subscribe(one.subscriber);
    const stopTwo = feed.subscribe(two.subscriber);
    await feed.publish(7);
    stopTwo();
    await feed.publish(8);
    expect(one.heard).toEqual([7, 8]);
    expect(two.heard).toEqual([7]);
    feed.close();
  });

  it('ignores a notification on its channel that is not a checkpoint', async () => {
    const feed = await openChangeFeed(db);
    const one = recorder();
    feed.subscribe(one.subscriber);
    for (const payload of ['', 'x', '-1', '1.5', '9007199254740993']) {
      await db.notify(changesChannel, payload);
    }
    await db.notify(changesChannel, '12');
    expect(one.heard).toEqual([12]);
    feed.close();
  });

  it('tells subscribers the current checkpoint when the listening connection was made again', async () => {
    let listener: ChannelListener | undefined;
    const watched: Database = {
      ...db,
      listen: (channel, l) => {
        listener = l;
        return db.listen(channel, l);
      },
    };
    const feed = await openChangeFeed(watched);
    const one = recorder();
    feed.subscribe(one.subscriber);
    await db.write((tx) => tx.run("UPDATE counters SET value = 41 WHERE name = 'checkpoint'"));
    listener?.resumed?.();
    await vi.waitFor(() => expect(one.heard).toEqual([41]));
    feed.close();
  });

  it('never fails a publish, since the change itself has committed', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken: Database = { ...db, notify: () => Promise.reject(new Error('connection lost')) };
    const feed = await openChangeFeed(broken);
    await expect(feed.publish(3)).resolves.toBeUndefined();
    expect(errors).toHaveBeenCalledWith(
      expect.stringMatching(/could not publish: connection lost/),
    );
    errors.mockRestore();
    feed.close();
  });

  it('ends every subscriber on close and hears nothing after', async () => {
    const feed = await openChangeFeed(db);
    const one = recorder();
    feed.subscribe(one.subscriber);
    feed.close();
    expect(one.ended()).toBe(1);
    await db.notify(changesChannel, '5');
    expect(one.heard).toEqual([]);
  });
});
