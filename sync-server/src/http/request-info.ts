import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { pickLocale } from '../../../shared/core/i18n/locale';
import { clientKinds } from '../../../shared/core/schemas/audit-entry';
import type { AppEnv, ClientKind } from './context';

/**
 * Records who is calling from where before anything else runs, so that even a refused request
 * is audited with its address, agent, client and language.
 */
export function requestInfo(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const client = c.req.header('x-crm-client');
    c.set('info', {
      ip: addressOf(c, trustProxy),
      userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null,
      client: (clientKinds as readonly string[]).includes(client ?? '')
        ? (client as ClientKind)
        : 'api',
      locale: pickLocale(c.req.header('accept-language')),
      requestId: crypto.randomUUID(),
    });
    await next();
  };
}

function addressOf(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    // The rightmost entry is the one our proxy appended; entries left of it are whatever the
    // client sent, which would let it pick its own address for the sign-in limit and the audit.
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // app.request() in tests has no socket.
    return null;
  }
}
