import { createHash } from 'node:crypto';
import pg from 'pg';
import type { ChannelListener } from './database';
import { channelNameError, type Channels } from './local-channels';

export interface PostgresChannels extends Channels {
  close(): Promise<void>;
}

export interface ChannelTimings {
  /** How often the listening connection is checked, so a silently dead one is noticed. */
  pingMs?: number;
  /** The first wait before making a lost listening connection again; it doubles up to 30 s. */
  retryMs?: number;
}

/**
 * NOTIFY and LISTEN between every instance on one database. Notifications go out through the
 * pool; hearing them takes one connection of its own, made by the first `listen` and made again
 * when it is lost, after which listeners are told `resumed`.
 * Note: PostgreSQL channels belong to the database, not to a schema, so all of ours travel on one
 * channel named after the schema (the logical channel leads the payload): deployments sharing a
 * database in different schemas do not hear each other, and the listening connection only ever
 * listens to that one channel.
 */
export function postgresChannels(
  pool: pg.Pool,
  clientConfig: pg.ClientConfig,
  timings: ChannelTimings = {},
): PostgresChannels {
  const pingMs = timings.pingMs ?? 30_000;
  const retryMs = timings.retryMs ?? 500;
  const listeners = new Map<string, Set<{ listener: ChannelListener }>>();
  let wire: Promise<string> | undefined;
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let ping: NodeJS.Timeout | undefined;
  let failures = 0;
  let closed = false;

  /** The one PostgreSQL channel of this schema. */
  function wireChannel(): Promise<string> {
    wire ??= pool.query<{ schema: string | null }>('SELECT current_schema() AS schema').then(
      ({ rows }) => {
        const schema = rows[0]?.schema ?? 'public';
        const name = `sheet_crm.${schema}`;
        // Channel names are identifiers: 63 bytes at most.
        return Buffer.byteLength(name) <= 63
          ? name
          : `sheet_crm.${createHash('sha256').update(schema).digest('hex').slice(0, 40)}`;
      },
      (error: unknown) => {
        wire = undefined;
        throw error;
      },
    );
    return wire;
  }

  function deliver(payload: string): void {
    const space = payload.indexOf(' ');
    const channel = space < 0 ? payload : payload.slice(0, space);
    const data = space < 0 ? '' : payload.slice(space + 1);
    for (const { listener } of [...(listeners.get(channel) ?? [])]) {
      try {
        listener.message(data);
      } catch (error) {
        console.error(`A listener of ${channel} failed: ${errorName(error)}`);
      }
    }
  }

  async function connect(): Promise<void> {
    const name = await wireChannel();
    const next = new pg.Client(clientConfig);
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next));
    next.on('notification', (n) => {
      if (n.channel === name) deliver(n.payload ?? '');
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${quoteIdentifier(name)}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    failures = 0;
    ping = setInterval(() => {
      next.query('SELECT 1').catch((error: unknown) => lost(next, asError(error)));
    }, pingMs);
    ping.unref();
  }

  function lost(which: pg.Client, error?: Error): void {
    if (which !== client) return;
    client = undefined;
    clearInterval(ping);
    if (closed) return;
    console.error(
      `The PostgreSQL listening connection was lost${error === undefined ? '' : `: ${error.message}`}; connecting again`,
    );
    which.end().catch(() => undefined);
    reconnectLater();
  }

  function reconnectLater(): void {
    if (closed || retry !== undefined) return;
    const wait = Math.min(retryMs * 2 ** failures, 30_000);
    failures += 1;
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(
        () => {
          for (const set of listeners.values()) {
            for (const { listener } of [...set]) listener.resumed?.();
          }
        },
        (error: unknown) => {
          console.error(`PostgreSQL listening connection: ${asError(error).message}`);
          reconnectLater();
        },
      );
    }, wait);
    retry.unref();
  }

  return {
    async notify(channel, payload) {
      const bad = channelNameError(channel);
      if (bad !== undefined) throw bad;
      await pool.query('SELECT pg_notify($1, $2)', [await wireChannel(), `${channel} ${payload}`]);
    },
    async listen(channel, listener) {
      const bad = channelNameError(channel);
      if (bad !== undefined) throw bad;
      const entry = { listener };
      let set = listeners.get(channel);
      if (set === undefined) listeners.set(channel, (set = new Set()));
      set.add(entry);
      const stop = () => {
        set.delete(entry);
        if (set.size === 0 && listeners.get(channel) === set) listeners.delete(channel);
      };
      // While a lost connection waits to be made again, the new listener is told `resumed` then.
      if (client === undefined && retry === undefined) {
        try {
          await (connecting ??= connect().finally(() => (connecting = undefined)));
        } catch (error) {
          stop();
          throw error;
        }
      }
      return stop;
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(ping);
      await connecting?.catch(() => undefined);
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'error';
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
