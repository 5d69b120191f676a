import { describe, expect, it } from 'vitest';
import { mutationOutcomeSchema, pushResponseSchema } from './mutation-outcome';
import { pullQuerySchema, pullResponseSchema } from './pull-response';
import { maxMutationsPerPush, pushRequestSchema } from './push-request';

const mutation = (i: number) => ({
  mutationId: `m-${String(i).padStart(8, '0')}`,
  fields: { mobile: '13812345678' },
});

describe('push request', () => {
  it('carries up to the batch limit of mutations, each with a usable mutation ID', () => {
    const many = Array.from({ length: maxMutationsPerPush }, (_, i) => mutation(i));
    expect(pushRequestSchema.safeParse({ clientId: 'sheet-1', mutations: many }).success).toBe(
      true,
    );
    const tooMany = [...many, mutation(maxMutationsPerPush)];
    expect(pushRequestSchema.safeParse({ clientId: 'sheet-1', mutations: tooMany }).success).toBe(
      false,
    );
    expect(
      pushRequestSchema.safeParse({
        clientId: 'sheet-1',
        mutations: [{ ...mutation(1), mutationId: 'short' }],
      }).success,
    ).toBe(false);
    expect(
      pushRequestSchema.safeParse({
        clientId: 'sheet-1',
        mutations: [{ ...mutation(1), recordId: 'CUS1' }],
      }).success,
    ).toBe(false);
  });
});

describe('mutation outcomes', () => {
  it('tells the outcomes apart by status and checks what each must carry', () => {
    const conflict = {
      mutationId: 'm1',
      status: 'conflict',
      recordId: 'CUS202405010001',
      checkpoint: 9,
      conflicts: [{ field: 'mobile', yours: '1', theirs: '2' }],
    };
    expect(mutationOutcomeSchema.parse(conflict).status).toBe('conflict');
    expect(mutationOutcomeSchema.safeParse({ ...conflict, conflicts: [] }).success).toBe(false);
    expect(
      mutationOutcomeSchema.safeParse({
        mutationId: 'm2',
        status: 'duplicate',
        existingId: 'CUS202405010001',
        matchedOn: ['mobile'],
        message: '重复',
      }).success,
    ).toBe(true);
    expect(mutationOutcomeSchema.safeParse({ mutationId: 'm3', status: 'exploded' }).success).toBe(
      false,
    );
    expect(pushResponseSchema.safeParse({ outcomes: [conflict], checkpoint: 9 }).success).toBe(
      true,
    );
  });
});

describe('pull', () => {
  it('defaults the query and bounds the limit', () => {
    expect(pullQuerySchema.parse({})).toEqual({ since: 0, limit: 1000 });
    expect(pullQuerySchema.parse({ since: '42', limit: '10', epoch: '3' })).toEqual({
      since: 42,
      epoch: 3,
      limit: 10,
    });
    expect(pullQuerySchema.safeParse({ limit: '100000' }).success).toBe(false);
    expect(pullQuerySchema.safeParse({ since: '-1' }).success).toBe(false);
  });

  it('returns masked records, removals and the next checkpoint', () => {
    const response = {
      records: [
        {
          id: 'CUS202405010001',
          checkpoint: 7,
          values: { mobile: '138****5678' },
          masked: ['mobile'],
        },
      ],
      removed: ['CUS202405010002'],
      checkpoint: 7,
      hasMore: false,
      reset: false,
      epoch: 3,
    };
    expect(pullResponseSchema.parse(response)).toEqual(response);
  });
});
