import type { FormTemplate } from '../../core/forms/form-template';
import type { Locale } from '../../core/i18n/locale';
import { t as translate } from '../../core/i18n/translate';
import type { Region } from '../../core/region/regions';
import type { FieldAccess, Role } from '../../core/roles/role';
import type { CustomerView } from '../../core/schemas/customer-view';
import type { User } from '../../core/schemas/user';
import type { PushResponse } from '../../core/sync/mutation-outcome';
import type { Mutation } from '../../core/sync/push-request';
import type { TagEntry } from '../../core/tags/tag-entry';
import type { FieldError } from '../../core/validation/field-error';

// The answers below are compositions of the shared schemas' types; the server's own route
// schemas (sync-server/src/routes/*) describe the same shapes, and GET /openapi.json lists them.

/** `GET /v1/me`: who the caller is and what the role allows. */
export interface MeAnswer {
  user: User;
  role: Role;
}

/** One review decision on a customer, oldest first in `CustomerDetail.decisions`. */
export interface ReviewDecision {
  step: 'first' | 'second';
  decision: 'approve' | 'reject';
  /** The reviewer's reason (masked like the mobile for whoever sees mobiles masked). */
  reason: string | null;
  decidedBy: string;
  decidedAt: string;
}

/** `GET /v1/customers/:id`: the customer as the caller may see it, with its review history. */
export type CustomerDetail = CustomerView & { decisions: ReviewDecision[] };

/** Where a submission or a review decision left a customer. */
export interface StatusChange {
  id: string;
  status: CustomerView['status'];
  checkpoint: number;
  rejections: number;
}

/** An API token as the admin API lists it (never the token itself). */
export interface TokenSummary {
  id: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A user as the admin sends it; the ID goes in the path. */
export type UserBody = Omit<User, 'id' | 'team'> & { team?: string | null };

/** The error shape every route answers with, as a thrown value the panels can show. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** Where the sidebar finds the server and who it is. */
export interface ApiSettings {
  serverUrl: () => Promise<string>;
  token: () => Promise<string>;
  locale: () => Locale;
  /** The `X-CRM-Client` the server audits the calls under. */
  client: 'sheets' | 'excel' | 'web';
  fetch?: typeof fetch;
  /** Told when the server no longer accepts the sign-in (401), before the call fails. */
  onUnauthorized?: (failure: ApiFailure) => void;
}

/**
 * The sync server's routes the sidebar calls itself: reference data, entry, review and admin.
 * Sheet access and sync go through the host instead.
 * @example await createServerApi(settings).me() // { user, role }
 */
export function createServerApi(settings: ApiSettings) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const base = (await settings.serverUrl()).replace(/\/+$/, '');
    const token = await settings.token();
    const doFetch = settings.fetch ?? globalThis.fetch.bind(globalThis);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-language': settings.locale(),
      'x-crm-client': settings.client,
    };
    if (token !== '') headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      text = await res.text();
    } catch {
      // Nothing came back: the browser says so in its own language ("Failed to fetch").
      throw new ApiFailure(0, 'network', translate('ui.server.unreachable', settings.locale()));
    }
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // A proxy's HTML error page: reported by status below.
    }
    if (!res.ok) {
      const error = (
        parsed as { error?: { code?: string; message?: string; fields?: FieldError[] } }
      )?.error;
      const failure = new ApiFailure(
        res.status,
        error?.code ?? 'http',
        error?.message ?? `HTTP ${res.status}`,
        error?.fields ?? [],
      );
      if (res.status === 401) settings.onUnauthorized?.(failure);
      throw failure;
    }
    return parsed as T;
  };
  const id = encodeURIComponent;

  return {
    me: () => call<MeAnswer>('GET', '/v1/me'),
    forms: async () => (await call<{ templates: FormTemplate[] }>('GET', '/v1/forms')).templates,
    regions: async (parent?: string) =>
      (
        await call<{ regions: Region[] }>(
          'GET',
          parent === undefined ? '/v1/regions' : `/v1/regions?parent=${id(parent)}`,
        )
      ).regions,
    tags: async () => (await call<{ tags: TagEntry[] }>('GET', '/v1/tags')).tags,
    addTag: (tag: string) => call<{ tag: string }>('POST', '/v1/tags', { tag }),
    push: (clientId: string, mutations: Mutation[]) =>
      call<PushResponse>('POST', '/v1/sync/push', { clientId, mutations }),
    customer: (customerId: string) =>
      call<CustomerDetail>('GET', `/v1/customers/${id(customerId)}`),
    submit: (customerId: string) =>
      call<StatusChange>('POST', `/v1/customers/${id(customerId)}/submit`),
    /** One page of the review queue, oldest first; `nextCursor` asks for the page after it. */
    reviewQueue: (cursor?: string) =>
      call<{ items: CustomerView[]; nextCursor: string | null }>(
        'GET',
        cursor === undefined
          ? '/v1/review/queue'
          : `/v1/review/queue?cursor=${encodeURIComponent(cursor)}`,
      ),
    review: (customerId: string, decision: 'approve' | 'reject', reason?: string) =>
      call<StatusChange>('POST', `/v1/customers/${id(customerId)}/review`, {
        decision,
        ...(reason === undefined || reason === '' ? {} : { reason }),
      }),
    users: async () => (await call<{ users: User[] }>('GET', '/v1/admin/users')).users,
    saveUser: (userId: string, body: UserBody) =>
      call<{ user: User }>('PUT', `/v1/admin/users/${id(userId)}`, body),
    roles: async () => (await call<{ roles: Role[] }>('GET', '/v1/admin/roles')).roles,
    saveRole: (role: Role) => call<{ role: Role }>('PUT', `/v1/admin/roles/${id(role.id)}`, role),
    setFieldRule: (roleId: string, field: string, access: FieldAccess | null) =>
      call<{ role: Role }>('PATCH', `/v1/admin/roles/${id(roleId)}/fields`, { field, access }),
    tokens: async (userId: string) =>
      (await call<{ tokens: TokenSummary[] }>('GET', `/v1/admin/users/${id(userId)}/tokens`))
        .tokens,
    createToken: (userId: string, label: string) =>
      call<{ id: string; token: string }>('POST', `/v1/admin/users/${id(userId)}/tokens`, {
        label,
      }),
    revokeToken: (tokenId: string) =>
      call<{ token: TokenSummary }>('DELETE', `/v1/admin/tokens/${id(tokenId)}`),
  };
}

export type ServerApi = ReturnType<typeof createServerApi>;
