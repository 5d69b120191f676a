import type { Locale } from '../../../shared/core/i18n/locale';
import type { Role } from '../../../shared/core/roles/role';
import type { clientKinds } from '../../../shared/core/schemas/audit-entry';
import type { User } from '../../../shared/core/schemas/user';

export type ClientKind = (typeof clientKinds)[number];

/** Who is asking, from where, in which language: what policy and audit need of a request. */
export interface Actor {
  user: User;
  role: Role;
}

/** Request facts known before sign-in, for failed-access audit entries too. */
export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  client: ClientKind;
  locale: Locale;
  requestId: string;
}

/** Hono environment of every route. */
export interface AppEnv {
  Variables: {
    info: RequestInfo;
    actor: Actor;
  };
}
