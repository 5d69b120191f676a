import { changeEventSchema } from '../../../shared/core/sync/change-event';
import { pullQuerySchema, pullResponseSchema } from '../../../shared/core/sync/pull-response';
import { pushRequestSchema } from '../../../shared/core/sync/push-request';
import { pushResponseSchema } from '../../../shared/core/sync/mutation-outcome';
import type { ApiOperation } from '../http/api-operation';

/**
 * The sync routes of `sync.ts` and `sync-events.ts`, for the API document, with the schemas those
 * routes validate with. Push is open to every signed-in user because permissions are checked per
 * mutation, and a refused one is an outcome, not an error. The events stream is documented by
 * the data of its `changed` events.
 */
export const syncOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/v1/sync/push',
    summary: 'api.sync.push',
    auth: 'signedIn',
    body: pushRequestSchema,
    response: pushResponseSchema,
  },
  {
    method: 'get',
    path: '/v1/sync/pull',
    summary: 'api.sync.pull',
    auth: 'signedIn',
    query: pullQuerySchema,
    response: pullResponseSchema,
  },
  {
    method: 'get',
    path: '/v1/sync/events',
    summary: 'api.sync.events',
    auth: ['customer.read'],
    response: changeEventSchema,
    contentType: 'text/event-stream',
  },
];
