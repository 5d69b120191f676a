import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ChangeEvent } from '../../../shared/core/sync/change-event';
import { currentCheckpoint } from '../events/change-feed';
import type { AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';
import { requirePermission } from '../http/require';

export interface SyncEventOptions {
  /** How often an idle stream sends a comment, so that proxies and clients keep it open. */
  heartbeatMs?: number;
}

/**
 * `GET /v1/sync/events`: a server-sent events stream that says when to pull. It sends `changed`
 * with the current checkpoint on connecting, then again whenever records change on any instance;
 * changes that come while an event is being sent are told in one event with the latest
 * checkpoint. The events carry no record data, only the checkpoint: what changed, and what the
 * caller may see of it, is for the pull to answer.
 */
export function syncEventRoutes(deps: ServerDeps, options: SyncEventOptions = {}): Hono<AppEnv> {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const app = new Hono<AppEnv>();

  app.get('/v1/sync/events', async (c) => {
    await requirePermission(deps, c, 'customer.read');
    // Proxies that buffer answers (nginx) pass this one on as it comes.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(
      c,
      async (stream) => {
        let latest = -1;
        let over = false;
        let wake: (() => void) | undefined;
        const rouse = () => {
          wake?.();
          wake = undefined;
        };
        // Subscribed before the checkpoint is read, so that no change falls between the two.
        const unsubscribe = deps.changes.subscribe({
          changed(checkpoint) {
            if (checkpoint <= latest) return;
            latest = checkpoint;
            rouse();
          },
          ended() {
            over = true;
            rouse();
          },
        });
        stream.onAbort(() => {
          over = true;
          rouse();
        });
        try {
          latest = Math.max(latest, await currentCheckpoint(deps.db));
          let sent = -1;
          while (!over && !stream.aborted) {
            if (latest > sent) {
              sent = latest;
              const data: ChangeEvent = { checkpoint: sent };
              await stream.writeSSE({ event: 'changed', data: JSON.stringify(data) });
              continue;
            }
            const woken = await new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(false), heartbeatMs);
              wake = () => {
                clearTimeout(timer);
                resolve(true);
              };
            });
            if (!woken) await stream.write(': heartbeat\n\n');
          }
        } finally {
          unsubscribe();
        }
      },
      async (error) => {
        // The stream just ends and the client reconnects; the log gets the error's name only (a
        // message may carry details, a stack never belongs in a log).
        console.error(`[${c.get('info').requestId}] events stream failed: ${error.name}`);
        await Promise.resolve();
      },
    );
  });

  return app;
}
