import type { ChannelListener, Database } from './database';

/** The notify/listen half of `Database` for an engine one process owns. */
export type Channels = Pick<Database, 'notify' | 'listen'>;

const channelName = /^[a-z_][a-z0-9_]*$/;

/**
 * Channels within this process, for SQLite: one process owns the file, so everyone who could
 * hear a change is here. A listener that throws does not keep the message from the others.
 */
export function localChannels(): Channels {
  // Each `listen` call gets its own entry, so the same listener given twice is stopped once each.
  const listeners = new Map<string, Set<{ listener: ChannelListener }>>();
  return {
    // A bad name is a rejection, as on PostgreSQL, not a throw.
    notify(channel, payload) {
      const bad = channelNameError(channel);
      if (bad !== undefined) return Promise.reject(bad);
      for (const { listener } of [...(listeners.get(channel) ?? [])]) {
        try {
          listener.message(payload);
        } catch (error) {
          console.error(`A listener of ${channel} failed: ${errorName(error)}`);
        }
      }
      return Promise.resolve();
    },
    listen(channel, listener) {
      const bad = channelNameError(channel);
      if (bad !== undefined) return Promise.reject(bad);
      const entry = { listener };
      let set = listeners.get(channel);
      if (set === undefined) listeners.set(channel, (set = new Set()));
      set.add(entry);
      return Promise.resolve(() => {
        set.delete(entry);
        if (set.size === 0 && listeners.get(channel) === set) listeners.delete(channel);
      });
    },
  };
}

/** Why a channel name is refused (not lowercase letters, digits and _), or undefined. */
export function channelNameError(channel: string): Error | undefined {
  return channelName.test(channel)
    ? undefined
    : new Error('A channel name here is lowercase letters, digits and _');
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'error';
}
