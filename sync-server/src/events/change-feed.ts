import type { Database, SqlExecutor } from '../storage/database';

/** The channel record changes travel on, between every instance on the database. */
export const changesChannel = 'crm_changes';

/** One who wants to hear of changes: an open events stream. */
export interface ChangeSubscriber {
  /** Records changed; `checkpoint` is the sync checkpoint after the change. */
  changed(checkpoint: number): void;
  /** The feed is closing (the server stops): end the stream. */
  ended(): void;
}

/**
 * Tells every instance's connected clients that records changed, so that they pull. A route
 * publishes after its change committed; each instance hears every publication once, its own
 * too, and passes it to its subscribers.
 */
export interface ChangeFeed {
  /** Never fails: the change is committed whether or not the news of it got out. */
  publish(checkpoint: number): Promise<void>;
  subscribe(subscriber: ChangeSubscriber): () => void;
  /** Ends every subscriber and stops listening. */
  close(): void;
}

/**
 * The feed on the database's notifications: PostgreSQL NOTIFY/LISTEN between instances, or
 * within this process on SQLite. When the listening connection had to be made again, the
 * subscribers are given the current checkpoint, since a change in between may have gone unheard.
 */
export async function openChangeFeed(db: Database): Promise<ChangeFeed> {
  const subscribers = new Set<ChangeSubscriber>();
  const tell = (checkpoint: number) => {
    for (const subscriber of [...subscribers]) subscriber.changed(checkpoint);
  };
  const stop = await db.listen(changesChannel, {
    message(payload) {
      const checkpoint = Number(payload);
      if (/^\d+$/.test(payload) && Number.isSafeInteger(checkpoint)) tell(checkpoint);
    },
    resumed() {
      currentCheckpoint(db).then(tell, (error: unknown) => logFailure('read', error));
    },
  });
  return {
    async publish(checkpoint) {
      try {
        await db.notify(changesChannel, String(checkpoint));
      } catch (error) {
        logFailure('publish', error);
      }
    },
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    close() {
      stop();
      for (const subscriber of [...subscribers]) subscriber.ended();
      subscribers.clear();
    },
  };
}

/** The sync checkpoint now: what a client that pulled up to it has seen all of. */
export async function currentCheckpoint(db: Pick<SqlExecutor, 'get'>): Promise<number> {
  const head = await db.get<{ value: number }>(
    "SELECT value FROM counters WHERE name = 'checkpoint'",
  );
  return Number(head?.value ?? 0);
}

function logFailure(what: string, error: unknown): void {
  console.error(
    `change feed: could not ${what}: ${error instanceof Error ? error.message : String(error)}`,
  );
}
